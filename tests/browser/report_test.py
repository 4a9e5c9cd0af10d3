#!/usr/bin/env python3
"""BrowserReport: runs a scenario with `sfnsim run --report --json` and checks the HTML report
in headless Chromium against the JSON summary (report_check.py), keeping a screenshot.

    report_test.py --sfnsim BIN --fixtures DIR --scenario YAML --work DIR --screenshot PNG
        [--seeds 1-2]

Exit 0: the report honours its contract; 1: it does not, or the run failed; 77 (CTest's skip):
no Chromium, unless SFNSIM_REQUIRE_BROWSER=1, which makes that a failure (CI sets it).
"""

import argparse
import os
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(HERE))
import cdp  # noqa: E402
import report_check  # noqa: E402

SKIP = 77
RUN_TIMEOUT = 300  # seconds; the scenario takes a few


def main(argv):
    parser = argparse.ArgumentParser(prog="report_test.py")
    parser.add_argument("--sfnsim", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--scenario", required=True)
    parser.add_argument("--work", required=True, help="folder for the report and summary")
    parser.add_argument("--screenshot", required=True)
    parser.add_argument("--seeds", help="sfnsim run --seeds (a sweep: several runs in one page)")
    args = parser.parse_args(argv)

    if cdp.find_chromium() is None:
        if os.environ.get("SFNSIM_REQUIRE_BROWSER") == "1":
            print("BrowserReport: no Chromium (the Debian package chromium), and "
                  "SFNSIM_REQUIRE_BROWSER=1 requires it")
            return 1
        print("BrowserReport: SKIPPED: no Chromium (install the Debian package chromium; "
              "tools/install-deps.sh does)")
        return SKIP

    work = pathlib.Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    report = work / "report.html"
    summary = work / "summary.json"
    for stale in (report, summary):
        stale.unlink(missing_ok=True)  # a report left by an earlier run must not pass for this one
    command = [args.sfnsim, "run", "--quiet", "--allow-outside", args.fixtures, args.scenario,
               "--report", str(report), "--json", str(summary)]
    if args.seeds:
        command += ["--seeds", args.seeds]
    print("BrowserReport: " + " ".join(command), flush=True)
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        print(f"BrowserReport: sfnsim run did not finish in {RUN_TIMEOUT} s")
        return 1
    if run.returncode != 0:
        unknown = [flag for flag in ("--report", "--json")
                   if flag in run.stderr and run.returncode == 2]
        if unknown:
            print(f"BrowserReport: `sfnsim run` does not accept {' or '.join(unknown)}: the "
                  "HTML report and JSON summary (simulator/report/, tools/sfnsim/cmd_run.cc) "
                  "are missing from this build, so there is nothing to check")
        else:
            print(f"BrowserReport: sfnsim run exited {run.returncode}; the scenario must pass")
        print(run.stdout[-3000:] + run.stderr[-3000:])
        return 1
    missing = [str(p) for p in (report, summary) if not p.is_file()]
    if missing:
        print("BrowserReport: sfnsim run exited 0 but wrote no " + " and no ".join(missing))
        return 1
    status = report_check.main([str(report), str(summary), "--screenshot", args.screenshot])
    if os.path.isfile(args.screenshot):
        print(f"BrowserReport: screenshot {args.screenshot}")
    return status


if __name__ == "__main__":
    cdp.exit_on_sigterm()
    sys.exit(main(sys.argv[1:]))
