#!/usr/bin/env python3
"""Run one shared peer workload (../shared/peers/workloads/*.json) on sfnsim and print one JSON
line shaped like ../shared/peers/bench_moto.py's, plus whole-process figures.

Usage: python3 tools/peers/bench_sfnsim.py WORKLOAD.json [--sfnsim PATH] [--history]
                                           [--repeat K] [--keep DIR]

Each run is one `sfnsim execute` process under /usr/bin/time -v:

    sfnsim execute definition.json --input input.json --mock-config mocks.json
        --test-case Bench --state-machine-name Bench --name bench --timing [--history FILE]

The workload's "mocks" ({state: [{"Return": ...} | {"Throw": {...}}, ...]}: the n-th call of a
state gets the n-th response, the last one repeating) become an AWS Step Functions Local
MockConfigFile: response i of a state answers invocation index i, the last one the range
"i-999999999". sfnsim counts a state's invocations across the whole execution (Map iterations
and retries included), the same rule the peers' runners apply.

Inside the process, `--timing` reports the execution alone (StartExecution to the end of the
run: wall and CPU seconds, history events, states entered). Outside, the whole process: wall
time (perf_counter around /usr/bin/time -v), user + system CPU (wait4), peak RSS (time -v).
Without --history the history is counted, not kept (sfnsim's default for `execute`); with it,
it is streamed to a file in the AWS CLI's get-execution-history shape, and the file is read
back to recount events and StateEntered.

The run is checked against the workload's "expect" (status, output, history_events,
state_transitions): "ok" in the line, and every difference in "mismatches".
With --repeat K, K processes run and the line reports the median run (by exec_s), with the
fastest and slowest exec_s and process wall times beside it.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_SFNSIM = os.path.join(ROOT, "build-h5", "sfnsim")
MACHINE = "Bench"
TEST_CASE = "Bench"
LAST_INVOCATION = 999_999_999


def mock_config(mocks: dict) -> dict:
    """The workload's mocks as an AWS Step Functions Local MockConfigFile."""
    test_case, responses = {}, {}
    for state, seq in mocks.items():
        if isinstance(seq, dict):
            seq = [seq]
        name = f"{state}Responses"
        steps = {}
        for i, response in enumerate(seq):
            key = str(i) if i < len(seq) - 1 else f"{i}-{LAST_INVOCATION}"
            steps[key] = response
        test_case[state] = name
        responses[name] = steps
    return {"StateMachines": {MACHINE: {"TestCases": {TEST_CASE: test_case}}},
            "MockedResponses": responses}


def measure_process(cmd: list[str]) -> dict:
    """Runs `cmd` under /usr/bin/time -v. Wall time is taken here (perf_counter, so it includes
    starting /usr/bin/time itself, about a millisecond) and CPU time from wait4's rusage, which
    has microsecond resolution where /usr/bin/time prints hundredths; peak RSS comes from
    /usr/bin/time -v, as in ../shared/peers/run_bench.py. Returns stdout, stderr, exit_code,
    process_wall_s, process_user_s, process_sys_s, peak_rss_kb."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        p = subprocess.Popen(["/usr/bin/time", "-v"] + cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        res = {"stdout": out.read(), "stderr": err.read(), "exit_code": p.returncode,
               "process_wall_s": wall, "process_user_s": usage.ru_utime,
               "process_sys_s": usage.ru_stime}
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", res["stderr"])
    if m:
        res["peak_rss_kb"] = int(m.group(1))
    return res


def run_once(sfnsim: str, files: dict, history: bool, tmp: str) -> dict:
    cmd = [sfnsim, "execute", files["definition"],
           "--input", files["input"], "--state-machine-name", MACHINE, "--name", "bench",
           "--timing"]
    if "mocks" in files:
        cmd += ["--mock-config", files["mocks"], "--test-case", TEST_CASE]
    history_path = os.path.join(tmp, "history.json")
    if history:
        cmd += ["--history", history_path]
    p = measure_process(cmd)
    res = {k: v for k, v in p.items() if k not in ("stdout", "stderr")}
    timing = None
    for line in p["stderr"].splitlines():
        if line.startswith('{"exec_s"'):
            timing = json.loads(line)
    if timing is None:
        res["error"] = (p["stderr"].strip().splitlines() or ["no output"])[0]
        return res
    res.update(timing)
    try:
        described = json.loads(p["stdout"])
    except json.JSONDecodeError:
        res["error"] = "describe-execution output is not JSON"
        return res
    res["status"] = described.get("status")
    res["error"] = described.get("error")
    res["output"] = json.loads(described["output"]) if described.get("output") else None
    if history:
        with open(history_path) as fh:
            events = json.load(fh)["events"]
        res["history_file_events"] = len(events)
        res["history_file_transitions"] = sum(
            1 for e in events if e["type"].endswith("StateEntered"))
        res["history_file_bytes"] = os.path.getsize(history_path)
        os.remove(history_path)
    return res


def check(res: dict, expect: dict) -> list[str]:
    """Every difference from the workload's expect, in words."""
    diffs = []
    if "status" in expect and res.get("status") != expect["status"]:
        diffs.append(f"status {res.get('status')} (error {res.get('error')}), "
                     f"expected {expect['status']}")
    if "output" in expect and res.get("output") != expect["output"]:
        diffs.append(f"output {json.dumps(res.get('output'))}, "
                     f"expected {json.dumps(expect['output'])}")
    for key in ("history_events", "state_transitions"):
        if key in expect and res.get(key) != expect[key]:
            diffs.append(f"{key} {res.get(key)}, expected {expect[key]}")
    if "history_file_events" in res and res["history_file_events"] != res.get("history_events"):
        diffs.append(f"the history file has {res['history_file_events']} events, "
                     f"--timing counted {res.get('history_events')}")
    if ("history_file_transitions" in res
            and res["history_file_transitions"] != res.get("state_transitions")):
        diffs.append(f"the history file has {res['history_file_transitions']} StateEntered, "
                     f"--timing counted {res.get('state_transitions')}")
    return diffs


def sfnsim_version(sfnsim: str) -> str:
    p = subprocess.run([sfnsim, "--version"], capture_output=True, text=True)
    return (p.stdout.strip() or p.stderr.strip()).splitlines()[-1] if p.returncode == 0 else "?"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("workload")
    ap.add_argument("--sfnsim", default=os.environ.get("SFNSIM", DEFAULT_SFNSIM))
    ap.add_argument("--history", action="store_true",
                    help="stream the history to a file (and recount it from the file)")
    ap.add_argument("--repeat", type=int, default=1, help="processes to run; the median is reported")
    ap.add_argument("--keep", help="write the converted definition/input/mock files here")
    a = ap.parse_args()

    with open(a.workload) as fh:
        case = json.load(fh)
    tmp = tempfile.mkdtemp(prefix="sfnsim-peers-")
    try:
        out_dir = a.keep or tmp
        os.makedirs(out_dir, exist_ok=True)
        files = {"definition": os.path.join(out_dir, "definition.asl.json"),
                 "input": os.path.join(out_dir, "input.json")}
        with open(files["definition"], "w") as fh:
            json.dump(case["definition"], fh, indent=1)
        with open(files["input"], "w") as fh:
            json.dump(case.get("input", {}), fh)
        if case.get("mocks"):
            files["mocks"] = os.path.join(out_dir, "mock-config.json")
            with open(files["mocks"], "w") as fh:
                json.dump(mock_config(case["mocks"]), fh, indent=1)

        runs = [run_once(a.sfnsim, files, a.history, tmp) for _ in range(max(1, a.repeat))]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    timed = [r for r in runs if "exec_s" in r]
    if not timed:
        print(json.dumps({"peer": "sfnsim", "workload": os.path.basename(a.workload),
                          "status": "ERROR", "ok": False, "error": runs[0].get("error")}))
        return 1
    timed.sort(key=lambda r: r["exec_s"])
    med = timed[(len(timed) - 1) // 2]
    diffs = []
    for r in timed:
        diffs.extend(d for d in check(r, case.get("expect", {})) if d not in diffs)
    res = {
        "peer": "sfnsim+history" if a.history else "sfnsim",
        "workload": os.path.splitext(os.path.basename(a.workload))[0],
        "status": med.get("status"), "ok": not diffs and len(timed) == len(runs),
        "mismatches": diffs, "error": med.get("error"),
        "exec_s": med["exec_s"], "exec_cpu_s": med["exec_cpu_s"],
        "history_events": med.get("history_events"),
        "state_transitions": med.get("state_transitions"),
        "events_per_s": round(med["history_events"] / med["exec_s"], 1),
        "transitions_per_s": round(med["state_transitions"] / med["exec_s"], 1),
        "process_wall_s": med.get("process_wall_s"),
        "process_user_s": med.get("process_user_s"), "process_sys_s": med.get("process_sys_s"),
        "peak_rss_kb": med.get("peak_rss_kb"),
        "runs": len(runs),
        "exec_s_min": timed[0]["exec_s"], "exec_s_max": timed[-1]["exec_s"],
        "process_wall_s_min": min(r.get("process_wall_s", 0) for r in timed),
        "process_wall_s_max": max(r.get("process_wall_s", 0) for r in timed),
        "process_wall_s_median": statistics.median(r.get("process_wall_s", 0) for r in timed),
        "sfnsim_version": sfnsim_version(a.sfnsim),
    }
    if a.history:
        res["history_file_bytes"] = med.get("history_file_bytes")
    print(json.dumps(res))
    return 0 if res["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
