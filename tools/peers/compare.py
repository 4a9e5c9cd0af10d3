#!/usr/bin/env python3
"""sfnsim against the peers (moto, aws-local-stepfunctions) on the shared workloads, in one run
on one machine, and the ratios issue 7 sets as targets.

Usage:
  python3 tools/peers/compare.py [--peers sfnsim,sfnsim+history,moto+cache,alsfn,alsfn-noev]
                                 [--moto-workloads w1_executor_loop_n100,w1_executor_loop_n2700]
                                 [--workloads w1_executor_loop_n100,...] [--repeat 5]
                                 [--sfnsim build-h5/sfnsim] [--json-out FILE]

Workloads and peer commands are the ones in ../shared/peers/ (README.md there): the workload
files are read as they are, and each peer's command line is taken from run_bench.py's PEERS
(imported from ../shared/peers at run time, not copied). Stock moto (`moto`) takes minutes per
workload, so it runs only on --moto-workloads ("all" for every workload).

Every row is processes under /usr/bin/time -v: wall time (perf_counter), user + system CPU
(wait4), peak RSS (time -v); the peers' in-process "exec_s" and events/s come from their own
JSON lines, sfnsim's from `sfnsim execute --timing` (tools/peers/bench_sfnsim.py). sfnsim rows
are the median of --repeat processes; peer rows are one process each, as run_bench.py runs them
(--peer-repeat K runs each peer but stock moto K times and keeps the median by exec_s). The
1-minute load average is recorded before every row.

Ratios (targets from issue 7):
  events/s inside the process: sfnsim / the faster of alsfn and alsfn-noev (>= 30x),
  whole process wall: the faster alsfn process / sfnsim (>= 50x),
  against stock moto: events/s inside the process (>= 20,000x), and whole-process wall.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PEERS_DIR = os.path.normpath(os.environ.get("PEERS_DIR", os.path.join(ROOT, "..", "shared", "peers")))
WL_DIR = os.path.join(PEERS_DIR, "workloads")

sys.path.insert(0, HERE)
sys.path.insert(0, PEERS_DIR)
import bench_sfnsim  # noqa: E402
import run_bench  # noqa: E402  (../shared/peers/run_bench.py: the peers' command lines)

ALSFN = ("alsfn", "alsfn-noev")


def load_1min() -> float:
    with open("/proc/loadavg") as fh:
        return float(fh.read().split()[0])


def run_peer(peer: str, workload: str, repeat: int) -> dict:
    runs = []
    for _ in range(max(1, repeat)):
        load = load_1min()
        p = bench_sfnsim.measure_process(run_bench.PEERS[peer](workload))
        line = None
        for text in p["stdout"].splitlines()[::-1]:
            if text.strip().startswith("{"):
                try:
                    line = json.loads(text)
                    break
                except json.JSONDecodeError:
                    pass
        if line is None or "exec_s" not in line:
            err = (p["stderr"].strip().splitlines() or ["no output"])[-1]
            return {"peer": peer, "ok": False, "error": line.get("status") if line else err,
                    "load_1min": load}
        line.update({k: p[k] for k in ("process_wall_s", "process_user_s", "process_sys_s")})
        line["peak_rss_kb"] = p.get("peak_rss_kb")
        line["load_1min"] = load
        line["peer"] = peer
        runs.append(line)
    runs.sort(key=lambda r: r["exec_s"])
    best = dict(runs[(len(runs) - 1) // 2])
    best["runs"] = len(runs)
    best["process_wall_s_median"] = statistics.median(r["process_wall_s"] for r in runs)
    return best


def run_sfnsim(peer: str, workload: str, sfnsim: str, repeat: int) -> dict:
    load = load_1min()
    cmd = [sys.executable, os.path.join(HERE, "bench_sfnsim.py"), workload, "--sfnsim", sfnsim,
           "--repeat", str(repeat)]
    if peer == "sfnsim+history":
        cmd.append("--history")
    p = subprocess.run(cmd, capture_output=True, text=True)
    line = json.loads(p.stdout.strip().splitlines()[-1])
    line["load_1min"] = load
    return line


def fmt_rate(x) -> str:
    return f"{x:,.0f}" if isinstance(x, (int, float)) else ""


def fmt_s(x, digits=4) -> str:
    return f"{x:.{digits}f}" if isinstance(x, (int, float)) else ""


def machine() -> dict:
    def first(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, shell=True).stdout.strip()
        except OSError:
            return ""
    return {
        "cpu": first("lscpu | sed -n 's/^Model name: *//p' | head -1"),
        "cores": os.cpu_count(),
        "ram_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "os": first(". /etc/os-release && echo $PRETTY_NAME"),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "node": first("node --version"),
        "git": first(f"git -C {ROOT} rev-parse --short HEAD") +
               (" (+ uncommitted edits)" if first(f"git -C {ROOT} status --porcelain -uno") else ""),
    }


def process_wall(r: dict) -> float:
    """The whole process's wall time: the median over a row's processes."""
    return r.get("process_wall_s_median", r.get("process_wall_s"))


def print_ratios(rows: list[dict], wls: list[str]) -> list[dict]:
    print()
    print("| workload | events/s vs aws-local-stepfunctions (>= 30x) | process wall vs "
          "aws-local-stepfunctions (>= 50x) | events/s vs moto (>= 20,000x) | process wall vs moto | "
          "events/s vs moto+cache |")
    print("|---|---:|---:|---:|---:|---:|")
    ratios = []
    for wl in wls:
        by = {r["peer"]: r for r in rows if r["workload"] == wl and r.get("ok")}
        s = by.get("sfnsim")
        if not s:
            print(f"| {wl} | sfnsim did not run it | | | | |")
            continue
        s_wall = process_wall(s)
        al = [by[p] for p in ALSFN if p in by]
        rat = {"workload": wl}
        if al:
            rat["alsfn_events"] = s["events_per_s"] / max(r["events_per_s"] for r in al)
            rat["alsfn_wall"] = min(process_wall(r) for r in al) / s_wall
        if "moto" in by:
            rat["moto_events"] = s["events_per_s"] / by["moto"]["events_per_s"]
            rat["moto_wall"] = process_wall(by["moto"]) / s_wall
        if "moto+cache" in by:
            rat["moto_cache_events"] = s["events_per_s"] / by["moto+cache"]["events_per_s"]
        ratios.append(rat)

        def cell(key, target=None):
            if key not in rat:
                return "not run"
            mark = "" if target is None else (" (met)" if rat[key] >= target else " (NOT met)")
            return f"{rat[key]:,.0f}x{mark}" if rat[key] >= 100 else f"{rat[key]:,.1f}x{mark}"
        print(f"| {wl} | {cell('alsfn_events', 30)} | {cell('alsfn_wall', 50)} | "
              f"{cell('moto_events', 20000)} | {cell('moto_wall')} | {cell('moto_cache_events')} |")
    return ratios


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--peers", default="sfnsim,sfnsim+history,moto+cache,alsfn,alsfn-noev")
    ap.add_argument("--moto-workloads", default="w1_executor_loop_n100,w1_executor_loop_n2700",
                    help="workloads stock moto runs on ('all', or '' for none)")
    ap.add_argument("--workloads", default=None)
    ap.add_argument("--repeat", type=int, default=5, help="sfnsim processes per workload")
    ap.add_argument("--peer-repeat", type=int, default=1,
                    help="processes per peer and workload (stock moto: always 1)")
    ap.add_argument("--sfnsim", default=os.environ.get("SFNSIM", bench_sfnsim.DEFAULT_SFNSIM))
    ap.add_argument("--json-out")
    ap.add_argument("--report", metavar="JSON",
                    help="print the ratios of an earlier run's --json-out file and exit")
    a = ap.parse_args()
    if a.report:
        with open(a.report) as fh:
            saved = json.load(fh)
        print_ratios(saved["rows"], list(dict.fromkeys(r["workload"] for r in saved["rows"])))
        return 0

    peers = [p for p in a.peers.split(",") if p]
    wls = a.workloads.split(",") if a.workloads else sorted(
        f[:-5] for f in os.listdir(WL_DIR) if f.endswith(".json"))
    moto_wls = wls if a.moto_workloads == "all" else [w for w in a.moto_workloads.split(",") if w]
    for p in peers:
        if p not in run_bench.PEERS and p not in ("sfnsim", "sfnsim+history"):
            sys.exit(f"unknown peer {p!r}")

    info = machine()
    print("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()))
    print()
    print("| workload | peer | ok | exec s | events/s | transitions/s | process wall s | "
          "process CPU s | peak RSS MiB | load |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    rows = []
    for wl in wls:
        path = os.path.join(WL_DIR, wl + ".json")
        order = list(peers) + (["moto"] if wl in moto_wls and "moto" not in peers else [])
        for peer in order:
            if peer == "moto" and wl not in moto_wls:
                continue
            if peer.startswith("sfnsim"):
                r = run_sfnsim(peer, path, a.sfnsim, a.repeat)
            else:
                r = run_peer(peer, path, 1 if peer == "moto" else a.peer_repeat)
            r["workload"] = wl
            rows.append(r)
            cpu = (r.get("process_user_s") or 0) + (r.get("process_sys_s") or 0)
            wall = process_wall(r)
            ok = "yes" if r.get("ok") else "NO: " + "; ".join(r.get("mismatches") or [str(r.get("error"))])
            rss = r.get("peak_rss_kb")
            print(f"| {wl} | {peer} | {ok} | {fmt_s(r.get('exec_s'))} | {fmt_rate(r.get('events_per_s'))} | "
                  f"{fmt_rate(r.get('transitions_per_s'))} | {fmt_s(wall, 3)} | {fmt_s(cpu, 3)} | "
                  f"{rss / 1024:.1f} | {r['load_1min']:.2f} |" if rss else
                  f"| {wl} | {peer} | {ok} | | | | | | | {r['load_1min']:.2f} |")
            sys.stdout.flush()

    ratios = print_ratios(rows, wls)
    if a.json_out:
        with open(a.json_out, "w") as fh:
            json.dump({"machine": info, "rows": rows, "ratios": ratios}, fh, indent=2)
    return 0 if all(r.get("ok") for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
