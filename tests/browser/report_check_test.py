#!/usr/bin/env python3
"""The browser tests' own tests: cdp.py and report_check.py on hand-made pages.

testdata/good.html honours the report contract (its numbers are testdata/summary.json's) and
must pass; each case of testdata/bad_cases.json breaks one rule with one replacement and must
fail with the line the case names. A check that passed a broken page would let a broken report
through, so every rule has a case here.

Exit 77 (CTest's skip) when there is no Chromium, unless SFNSIM_REQUIRE_BROWSER=1.
"""

import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time
import unittest

HERE = pathlib.Path(__file__).resolve().parent
TESTDATA = HERE / "testdata"
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(HERE))
import cdp  # noqa: E402
import report_check  # noqa: E402

SKIP = 77


def load_cases():
    with open(TESTDATA / "bad_cases.json", encoding="utf-8") as f:
        return json.load(f)["cases"]


def mutate(text, old, new, case):
    count = text.count(old)
    if count != 1:
        raise AssertionError(f"bad case {case}: the text to replace occurs {count} times in "
                             f"the good file, expected once: {old!r}")
    return text.replace(old, new)


def live_group_members(pgid):
    """Processes of group `pgid` that have not ended (zombies waiting for a reaper do not
    count); None when /proc cannot tell."""
    proc = pathlib.Path("/proc")
    if not proc.is_dir():
        return None
    alive = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid pgrp ...": comm may hold spaces, so split after its ')'.
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) > 2 and fields[0] != "Z" and int(fields[2]) == pgid:
            alive.append(int(entry.name))
    return alive


def run_check(*args, timeout=180):
    return subprocess.run([sys.executable, str(HERE / "report_check.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)


class ReportCheckTest(unittest.TestCase):
    """check_page on the good page and every bad case, in one browser (a tab per page)."""

    @classmethod
    def setUpClass(cls):
        cls.browser = cdp.Browser()
        cls.good_html = (TESTDATA / "good.html").read_text(encoding="utf-8")
        cls.good_summary = (TESTDATA / "summary.json").read_text(encoding="utf-8")
        cls.scratch = tempfile.TemporaryDirectory(prefix="sfnsim-report-check-")

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.scratch.cleanup()

    def check(self, name, html, summary_text):
        folder = pathlib.Path(self.scratch.name) / name
        folder.mkdir()
        (folder / "report.html").write_text(html, encoding="utf-8")
        summary = json.loads(summary_text)
        self.assertEqual(report_check.summary_errors(summary), [], name)
        page = self.browser.new_page()
        try:
            return report_check.check_page(page, summary, str(folder / "report.html"))
        finally:
            page.close()

    def test_good_page_passes(self):
        self.assertEqual(self.check("good", self.good_html, self.good_summary), [])

    def test_each_bad_case_fails_for_its_reason(self):
        cases = load_cases()
        self.assertGreaterEqual(len(cases), 30)
        for case in cases:
            with self.subTest(case=case["name"]):
                html, summary = self.good_html, self.good_summary
                old, new = case["replace"]
                if case["file"] == "html":
                    html = mutate(html, old, new, case["name"])
                else:
                    self.assertEqual(case["file"], "summary")
                    summary = mutate(summary, old, new, case["name"])
                failures = self.check(case["name"], html, summary)
                self.assertTrue(any(re.search(case["expect"], f) for f in failures),
                                f"{case['name']}: expected a failure matching "
                                f"{case['expect']!r}, got {failures}")


class SummaryShapeTest(unittest.TestCase):
    def test_names_the_member_that_is_wrong(self):
        summary = json.loads((TESTDATA / "summary.json").read_text())
        self.assertEqual(report_check.summary_errors(summary), [])
        del summary["runs"][0]["history"]["largest"]
        summary["runs"][0]["buckets"][1]["rows"] = "50"
        summary["runs"][0]["cost"]["total_usd"] = True
        self.assertEqual(report_check.summary_errors(summary), [
            "/runs/0/history/largest: missing",
            "/runs/0/cost/total_usd: expected a number, got true",
            "/runs/0/buckets/1/rows: expected a count (integer >= 0), got \"50\""])
        self.assertEqual(report_check.summary_errors({"runs": []}),
                         ["/sfnsim_version: expected a string",
                          "/runs: expected a non-empty array"])

    def test_first_difference(self):
        self.assertIsNone(report_check.first_difference({"a": [1, 2.0]}, {"a": [1, 2]}))
        self.assertEqual(report_check.first_difference({"a": [1, 2]}, {"a": [1, 3]}), "/a/1")
        self.assertEqual(report_check.first_difference({"a": [1]}, {"a": [1, 2]}), "/a/1")
        self.assertEqual(report_check.first_difference({"a": 1}, {"b": 1}), "/a")
        self.assertEqual(report_check.first_difference({"a": True}, {"a": 1}), "/a")
        self.assertEqual(report_check.first_difference("x", 1), "/")


class CommandLineTest(unittest.TestCase):
    """report_check.py and cdp.py as CTest and the lead run them: exit codes and messages."""

    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory(prefix="sfnsim-report-cli-")
        self.dir = pathlib.Path(self.scratch.name)

    def tearDown(self):
        self.scratch.cleanup()

    def test_good_page_exit_0_and_screenshot(self):
        png = self.dir / "shots" / "good.png"
        r = run_check(TESTDATA / "good.html", TESTDATA / "summary.json", "--screenshot", png,
                      "--width", 1000)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("honours the contract", r.stdout)
        width, height = report_check.png_size(png)
        self.assertEqual(width, 1000)
        self.assertGreater(height, 600)  # the whole page, not one window of it

    def test_bad_page_exit_1_one_line_per_rule(self):
        html = (TESTDATA / "good.html").read_text()
        html = mutate(html, "<dd data-field=\"seed\">7</dd>", "<dd data-field=\"seed\">8</dd>",
                      "cli")
        html = mutate(html, "<tr data-key=\"total\">", "<tr data-key=\"sum\">", "cli")
        (self.dir / "bad.html").write_text(html)
        r = run_check(self.dir / "bad.html", TESTDATA / "summary.json")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(len(lines), 2, r.stdout)
        self.assertIn("#cost: no row data-key=\"total\"", lines[0])
        self.assertIn("#run-info: [data-field=seed] reads \"8\", expected \"7\"", lines[1])

    def test_unreadable_inputs_exit_2(self):
        (self.dir / "broken.json").write_text("{\"runs\": [")
        (self.dir / "shape.json").write_text("{\"sfnsim_version\": \"1\", \"runs\": [{}]}")
        good = TESTDATA / "good.html"
        for args, message in [
                ((self.dir / "none.html", TESTDATA / "summary.json"), "none.html: no such file"),
                ((good, self.dir / "none.json"), "none.json: No such file or directory"),
                ((good, self.dir / "broken.json"), "broken.json: not JSON"),
                ((good, self.dir / "shape.json"), "shape.json: /runs/0/scenario: missing")]:
            r = run_check(*args)
            self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
            self.assertIn(message, r.stderr)

    def test_hung_page_fails_in_time(self):
        # A script that never ends: the load event never comes, and the check must say so
        # within its limit instead of hanging the suite.
        (self.dir / "hang.html").write_text("<!DOCTYPE html><script>for (;;) {}</script>")
        start = time.monotonic()
        r = run_check(self.dir / "hang.html", TESTDATA / "summary.json", "--timeout", "4",
                      timeout=120)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"hang\.html: browser: .*(no load event|no answer)")
        self.assertLess(time.monotonic() - start, 60)

    def test_cdp_screenshot_command(self):
        png = self.dir / "cdp.png"
        r = subprocess.run([sys.executable, str(HERE / "cdp.py"), "screenshot",
                            str(TESTDATA / "good.html"), str(png)],
                           capture_output=True, text=True, timeout=180)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(report_check.png_size(png)[0], 1280)
        r = subprocess.run([sys.executable, str(HERE / "cdp.py"), "screenshot",
                            str(self.dir / "none.html"), str(png)],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 2)
        self.assertIn("none.html: no such file", r.stderr)


class ReportTestDriverTest(unittest.TestCase):
    """report_test.py (BrowserReport) with stand-ins for sfnsim: it passes only when the run
    wrote a report that honours the contract."""

    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory(prefix="sfnsim-report-driver-")
        self.dir = pathlib.Path(self.scratch.name)

    def tearDown(self):
        self.scratch.cleanup()

    def fake_sfnsim(self, body):
        path = self.dir / "sfnsim"
        path.write_text("#!/bin/sh\n" + body + "\n")
        path.chmod(0o755)
        return path

    def drive(self, sfnsim):
        return subprocess.run(
            [sys.executable, str(HERE / "report_test.py"), "--sfnsim", str(sfnsim),
             "--fixtures", str(self.dir), "--scenario", str(self.dir / "s.yaml"),
             "--work", str(self.dir / "work"), "--screenshot", str(self.dir / "a" / "r.png")],
            capture_output=True, text=True, timeout=180)

    def test_passes_on_a_good_report_and_keeps_the_screenshot(self):
        copy = (f'while [ $# -gt 0 ]; do case "$1" in '
                f'--report) cp "{TESTDATA / "good.html"}" "$2"; shift;; '
                f'--json) cp "{TESTDATA / "summary.json"}" "$2"; shift;; esac; shift; done')
        r = self.drive(self.fake_sfnsim(copy))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIsNotNone(report_check.png_size(self.dir / "a" / "r.png"))
        self.assertIn("BrowserReport: screenshot", r.stdout)

    def test_fails_when_sfnsim_has_no_report_flag(self):
        r = self.drive(self.fake_sfnsim(
            "echo 'The following arguments were not expected: --json --report' >&2; exit 2"))
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("`sfnsim run` does not accept --report or --json", r.stdout)

    def test_fails_when_the_run_fails_or_writes_nothing(self):
        r = self.drive(self.fake_sfnsim("exit 1"))
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("sfnsim run exited 1; the scenario must pass", r.stdout)
        r = self.drive(self.fake_sfnsim("exit 0"))
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("sfnsim run exited 0 but wrote no", r.stdout)


class BrowserTest(unittest.TestCase):
    """The driver itself: values, errors, and no browser left behind."""

    def test_evaluate_and_close(self):
        browser = cdp.Browser(timeout=20)
        pid = browser.process.pid
        try:
            page = browser.new_page()
            page.navigate(str(TESTDATA / "good.html"))
            self.assertEqual(page.evaluate("({n: 1.5, s: 'x', a: [true, null]})"),
                             {"n": 1.5, "s": "x", "a": [True, None]})
            self.assertEqual(page.evaluate("Promise.resolve(42)"), 42)
            with self.assertRaisesRegex(cdp.CdpError, "ReferenceError: nothing is not defined"):
                page.evaluate("nothing.at.all")
            self.assertEqual(page.problems(), [])
            with self.assertRaisesRegex(cdp.CdpError, "ERR_FILE_NOT_FOUND"):
                page.navigate(str(TESTDATA / "no-such-page.html"))
        finally:
            browser.close()
        browser.close()  # twice is harmless
        deadline = time.monotonic() + 10
        while live_group_members(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        self.assertIn(live_group_members(pid), ([], None),
                      "browser processes are still running after close()")

    def test_missing_browser_is_a_clear_error(self):
        with self.assertRaisesRegex(cdp.CdpError, "cannot start /nonexistent/chromium"):
            cdp.Browser(executable="/nonexistent/chromium")

    def test_browser_that_does_not_speak_the_protocol(self):
        # /bin/true exits at once: the first command must fail, not wait forever.
        with self.assertRaisesRegex(cdp.CdpError, "Browser.getVersion: .*(exited|closed)"):
            cdp.Browser(executable="/bin/true", timeout=10)


def main():
    if cdp.find_chromium() is None:
        if os.environ.get("SFNSIM_REQUIRE_BROWSER") == "1":
            print("report_check_test: no Chromium (the Debian package chromium), and "
                  "SFNSIM_REQUIRE_BROWSER=1 requires it", file=sys.stderr)
            return 1
        print("report_check_test: SKIPPED: no Chromium (install the Debian package chromium, "
              "tools/install-deps.sh does)")
        return SKIP
    cdp.exit_on_sigterm()
    program = unittest.main(argv=[sys.argv[0], "-v", *sys.argv[1:]], exit=False)
    return 0 if program.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
