#!/usr/bin/env python3
"""Checks an `sfnsim run --report` page in headless Chromium against the run's `--json` summary.

    python3 tests/browser/report_check.py REPORT.html SUMMARY.json [--screenshot PNG]
        [--width 1280] [--timeout 30]

Exit 0: the page honours the contract below; 1: one line per broken rule on stdout; 2: bad usage
or a summary that cannot be read. docs/testing.md describes where the test runs.

The contract (the report writer in simulator/report/ honours it):
  * the page loads without console errors or warnings, uncaught exceptions, error log entries,
    or any request but for itself and data: URLs (a report is one self-contained file);
  * <script type="application/json" id="sfnsim-data"> holds exactly the summary's object;
  * <section id="gantt">, "completion", "history-use" and "cost" exist, and "balance" exactly
    when <script id="sfnsim-detail"> (the page's own data) holds a "balance" member (`sfnsim
    balance --report`); each holds an <svg> with a non-zero
    rendered size and a <table class="chart-data"> whose body rows are <tr data-key="...">, a
    numeric cell carrying its raw number in data-value;
  * #gantt has one row per execution (key: the execution's name) when the run has at most 500;
    #history-use one per STANDARD execution, td[data-field=events] its history events (the
    largest is history.largest, in the row of history.execution); #completion one per bucket
    plus "overall", td[data-field=rows] the rows published (buckets' rows, their sum and
    "overall" all equal to the summary's); #cost a "total" row, td[data-field=usd] the total
    within $0.005; #run-info's [data-field=seed|scenario|version] texts those of the summary.
The sections describe one run at a time: with several runs (a seed sweep, balance's written and
balanced runs) the check chooses each in the <select> of <section id="sweep"> and checks it
against its run in the summary.
"""

import argparse
import json
import math
import os
import struct
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402  (next to this file)

SECTIONS = ("gantt", "completion", "history-use", "cost")
GANTT_ROW_LIMIT = 500
USD_TOLERANCE = 0.005

# Gathers, in one evaluation, everything the rules look at; the rules themselves run here in
# Python, where a failure can say what it expected.
COLLECT_JS = r"""
(() => {
  const out = {data: null, sections: {}, info: null, balance: false};
  const data = document.getElementById("sfnsim-data");
  if (data) out.data = {tag: data.tagName, type: data.getAttribute("type"),
                        text: data.textContent};
  const detail = document.getElementById("sfnsim-detail");
  if (detail) {
    try { out.balance = JSON.parse(detail.textContent).balance != null; } catch (e) {}
  }
  for (const id of ["gantt", "completion", "history-use", "cost", "balance"]) {
    const section = document.getElementById(id);
    if (!section) continue;
    out.sections[id] = {
      tag: section.tagName,
      svgs: [...section.querySelectorAll("svg")].map(svg => {
        const box = svg.getBoundingClientRect();
        return [box.width, box.height];
      }),
      tables: [...section.querySelectorAll("table.chart-data")].map(table => ({
        rows: [...table.querySelectorAll("tbody tr")].map(tr => ({
          key: tr.getAttribute("data-key"),
          cells: [...tr.querySelectorAll("[data-value], [data-field]")].map(cell => ({
            field: cell.getAttribute("data-field"),
            value: cell.getAttribute("data-value"),
          })),
        })),
      })),
    };
  }
  const info = document.getElementById("run-info");
  if (info) {
    out.info = {};
    for (const field of ["seed", "scenario", "version"]) {
      const cell = info.querySelector(`[data-field="${field}"]`);
      out.info[field] = cell ? cell.textContent.trim() : null;
    }
  }
  return out;
})()
"""


# Shows run %d's sections: the page draws one run at a time, chosen in #sweep's menu.
CHOOSE_RUN_JS = r"""
(() => {
  const select = document.querySelector("#sweep select");
  if (!select || ![...select.options].some(o => o.value === "%d")) return false;
  select.value = "%d";
  select.dispatchEvent(new Event("change"));
  return true;
})()
"""


class Rules:
    """The failed rules, in the order they were checked."""

    def __init__(self):
        self.failures = []

    def fail(self, message):
        self.failures.append(message)

    def expect(self, condition, message):
        if not condition:
            self.fail(message)
        return condition


# -- the summary ----------------------------------------------------------------------------

def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_count(value):
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


# The members the rules read, with what each must be. The rest of the summary is compared as a
# whole with the page's copy.
_RUN_SHAPE = {
    "scenario": str, "seed": _is_number, "published": _is_count,
    "executions": {"started": _is_count},
    "history": {"largest": _is_count, "execution": str, "limit": _is_count},
    "cost": {"total_usd": _is_number},
    "buckets": [{"bucket": str, "rows": _is_count}],
}


def _shape_errors(value, shape, pointer):
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return [f"{pointer or '/'}: expected an object"]
        errors = []
        for key, inner in shape.items():
            if key not in value:
                errors.append(f"{pointer}/{key}: missing")
            else:
                errors += _shape_errors(value[key], inner, f"{pointer}/{key}")
        return errors
    if isinstance(shape, list):
        if not isinstance(value, list):
            return [f"{pointer}: expected an array"]
        errors = []
        for i, item in enumerate(value):
            errors += _shape_errors(item, shape[0], f"{pointer}/{i}")
        return errors
    if shape is str:
        return [] if isinstance(value, str) else [f"{pointer}: expected a string"]
    if not shape(value):
        kind = "a count (integer >= 0)" if shape is _is_count else "a number"
        return [f"{pointer}: expected {kind}, got {json.dumps(value)}"]
    return []


def summary_errors(summary):
    """What is wrong with the summary's shape, as JSON pointers; empty when the rules can read
    it."""
    if not isinstance(summary, dict):
        return ["/: expected an object"]
    errors = []
    if not isinstance(summary.get("sfnsim_version"), str):
        errors.append("/sfnsim_version: expected a string")
    runs = summary.get("runs")
    if not isinstance(runs, list) or not runs:
        return errors + ["/runs: expected a non-empty array"]
    for i, run in enumerate(runs):
        errors += _shape_errors(run, _RUN_SHAPE, f"/runs/{i}")
    return errors


def first_difference(a, b, pointer=""):
    """The JSON pointer of the first place where a and b differ, or None."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{pointer}/{key}"
            inner = first_difference(a[key], b[key], f"{pointer}/{key}")
            if inner is not None:
                return inner
        return None
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b)):
            inner = first_difference(x, y, f"{pointer}/{i}")
            if inner is not None:
                return inner
        return None if len(a) == len(b) else f"{pointer}/{min(len(a), len(b))}"
    same = (type(a) is type(b) or (_is_number(a) and _is_number(b))) and a == b
    return None if same else (pointer or "/")


# -- the page -------------------------------------------------------------------------------

def _number(text):
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _rows(section):
    return [row for table in section["tables"] for row in table["rows"]]


def _field(row, field):
    for cell in row["cells"]:
        if cell["field"] == field:
            return cell["value"]
    return None


def check_structure(rules, section_id, section):
    """The rules every section shares; returns its rows keyed by data-key."""
    where = f"#{section_id}"
    rules.expect(section["tag"] == "SECTION",
                 f"{where}: expected a <section>, found <{section['tag'].lower()}>")
    sized = [box for box in section["svgs"] if box[0] > 0 and box[1] > 0]
    if not section["svgs"]:
        rules.fail(f"{where}: no <svg>")
    elif not sized:
        rules.fail(f"{where}: no <svg> with a non-zero rendered size (sizes: "
                   + ", ".join(f"{w:g}x{h:g}" for w, h in section["svgs"]) + ")")
    if not rules.expect(section["tables"], f"{where}: no <table class=\"chart-data\">"):
        return {}
    keyed = {}
    for i, row in enumerate(_rows(section)):
        key = row["key"]
        if not key:
            rules.fail(f"{where}: body row {i + 1} has no data-key")
            continue
        if key in keyed:
            rules.fail(f"{where}: data-key \"{key}\" on two rows")
        keyed[key] = row
        for cell in row["cells"]:
            if cell["value"] is None:
                continue
            if _number(cell["value"]) is None:
                rules.fail(f"{where}: row \"{key}\", cell {cell['field'] or '(no data-field)'}: "
                           f"data-value \"{cell['value']}\" is not a number")
    return keyed


def _cell_number(rules, where, row, key, field):
    raw = _field(row, field)
    if raw is None:
        rules.fail(f"{where}: row \"{key}\" has no td[data-field={field}] with a data-value")
        return None
    return _number(raw)  # a non-number was reported by check_structure


def check_run(rules, run, version, sections, info, balance_ran):
    for section_id in SECTIONS:
        rules.expect(section_id in sections, f"#{section_id}: no <section id=\"{section_id}\">")
    if balance_ran:
        rules.expect("balance" in sections,
                     "#balance: the page's #sfnsim-detail has a balance result but there is no "
                     "<section id=\"balance\">")
    else:
        rules.expect("balance" not in sections,
                     "#balance: a <section id=\"balance\"> although balance did not run "
                     "(no \"balance\" in the page's #sfnsim-detail)")
    rows = {section_id: check_structure(rules, section_id, section)
            for section_id, section in sections.items()}

    # #gantt: one row per execution, when there are few enough to list.
    started = run["executions"]["started"]
    largest_name = run["history"]["execution"]
    if "gantt" in rows and sections["gantt"]["tables"] and started <= GANTT_ROW_LIMIT:
        gantt = rows["gantt"]
        rules.expect(len(_rows(sections["gantt"])) == started,
                     f"#gantt: {len(_rows(sections['gantt']))} execution rows, expected "
                     f"{started} (executions.started)")
        rules.expect(started == 0 or largest_name in gantt,
                     f"#gantt: no row for \"{largest_name}\" (history.execution)")

    # #history-use: the largest history is the summary's, in the named execution's row.
    if "history-use" in rows and sections["history-use"]["tables"]:
        where = "#history-use"
        history = rows["history-use"]
        events = {}
        for key, row in history.items():
            value = _cell_number(rules, where, row, key, "events")
            if value is not None:
                events[key] = value
        largest = run["history"]["largest"]
        rules.expect(len(_rows(sections["history-use"])) <= started,
                     f"{where}: {len(_rows(sections['history-use']))} rows, more than the "
                     f"{started} executions started")
        if started > 0 and rules.expect(largest_name in history,
                                        f"{where}: no row for \"{largest_name}\" "
                                        "(history.execution)"):
            if largest_name in events:
                rules.expect(events[largest_name] == largest,
                             f"{where}: \"{largest_name}\" has {events[largest_name]:g} events, "
                             f"expected {largest} (history.largest)")
        if events:
            top = max(events.values())
            rules.expect(top == largest,
                         f"{where}: the largest history on the page has {top:g} events, "
                         f"expected {largest} (history.largest)")

    # #completion: rows published, per bucket and overall.
    if "completion" in rows and sections["completion"]["tables"]:
        where = "#completion"
        completion = rows["completion"]
        published = run["published"]
        bucket_sum = 0
        for bucket in run["buckets"]:
            name = bucket["bucket"]
            if not rules.expect(name in completion, f"{where}: no row for bucket \"{name}\""):
                continue
            value = _cell_number(rules, where, completion[name], name, "rows")
            if value is not None:
                bucket_sum += value
                rules.expect(value == bucket["rows"],
                             f"{where}: bucket \"{name}\" shows {value:g} rows, expected "
                             f"{bucket['rows']}")
        extra = sorted(set(completion) - {b["bucket"] for b in run["buckets"]} - {"overall"})
        rules.expect(not extra, f"{where}: rows for buckets the summary does not have: "
                     + ", ".join(f"\"{k}\"" for k in extra))
        if rules.expect("overall" in completion, f"{where}: no row data-key=\"overall\""):
            value = _cell_number(rules, where, completion["overall"], "overall", "rows")
            if value is not None:
                rules.expect(value == published,
                             f"{where}: \"overall\" shows {value:g} rows, expected {published} "
                             "(published)")
        if run["buckets"]:
            summary_sum = sum(b["rows"] for b in run["buckets"])
            rules.expect(summary_sum == published,
                         f"SUMMARY: the buckets' rows add up to {summary_sum}, but published is "
                         f"{published}")
            rules.expect(bucket_sum == published,
                         f"{where}: the buckets' rows add up to {bucket_sum:g}, expected "
                         f"{published} (published)")

    # #cost: the total.
    if "cost" in rows and sections["cost"]["tables"]:
        where = "#cost"
        if rules.expect("total" in rows["cost"], f"{where}: no row data-key=\"total\""):
            value = _cell_number(rules, where, rows["cost"]["total"], "total", "usd")
            expected = run["cost"]["total_usd"]
            if value is not None:
                rules.expect(abs(value - expected) <= USD_TOLERANCE,
                             f"{where}: total ${value:g}, expected ${expected:g} "
                             f"(cost.total_usd, within ${USD_TOLERANCE})")

    # #run-info.
    if rules.expect(info is not None, "#run-info: no element with id=\"run-info\""):
        seed = run["seed"]
        expected = {"seed": str(int(seed)) if float(seed).is_integer() else str(seed),
                    "scenario": run["scenario"], "version": version}
        for field, want in expected.items():
            got = info.get(field)
            if got is None:
                rules.fail(f"#run-info: no [data-field={field}]")
            else:
                rules.expect(got == want,
                             f"#run-info: [data-field={field}] reads \"{got}\", expected "
                             f"\"{want}\"")


def check_page(page, summary, report_path):
    """Loads the report into `page` and returns the broken rules."""
    rules = Rules()
    page.navigate(report_path)
    collected = page.evaluate(COLLECT_JS)
    for problem in page.problems():
        rules.fail(problem)

    data = collected["data"]
    if data is None:
        rules.fail("no <script id=\"sfnsim-data\"> (the embedded summary)")
    else:
        rules.expect(data["tag"] == "SCRIPT" and data["type"] == "application/json",
                     f"#sfnsim-data: expected <script type=\"application/json\">, found "
                     f"<{data['tag'].lower()} type=\"{data['type']}\">")
        try:
            embedded = json.loads(data["text"])
        except ValueError as e:
            rules.fail(f"#sfnsim-data: not JSON ({e})")
        else:
            where = first_difference(embedded, summary)
            rules.expect(where is None,
                         f"#sfnsim-data: differs from the summary at {where}")

    runs = summary["runs"]
    for i, run in enumerate(runs):
        if i > 0:
            # The sections describe one run at a time; the menu of #sweep chooses it.
            chosen = page.evaluate(CHOOSE_RUN_JS.replace("%d", str(i)))
            if not chosen:
                rules.fail(f"SUMMARY: {len(runs)} runs, but no <select> in #sweep with an "
                           f"option for run {i}, so its sections cannot be shown")
                break
            collected = page.evaluate(COLLECT_JS)
        run_rules = Rules()
        check_run(run_rules, run, summary["sfnsim_version"], collected["sections"],
                  collected["info"], collected["balance"])
        prefix = f"run {i} ({run['scenario']}, seed {run['seed']}): " if len(runs) > 1 else ""
        rules.failures += [prefix + failure for failure in run_rules.failures]
    # Choosing a run redraws the page: whatever that broke is counted too.
    if len(runs) > 1:
        rules.failures += [p for p in page.problems() if p not in rules.failures]
    return rules.failures


def png_size(path):
    """(width, height) of a PNG file, or None when it is not one."""
    try:
        with open(path, "rb") as f:
            head = f.read(24)
    except OSError:
        return None
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def main(argv):
    parser = argparse.ArgumentParser(
        prog="report_check.py",
        description="Check an sfnsim HTML report in headless Chromium against its --json "
                    "summary.")
    parser.add_argument("report", help="the --report HTML file")
    parser.add_argument("summary", help="the --json summary of the same run")
    parser.add_argument("--screenshot", metavar="PNG", help="write a full-page screenshot")
    parser.add_argument("--width", type=int, default=1280, help="screenshot width (CSS px)")
    parser.add_argument("--timeout", type=float, default=cdp.DEFAULT_TIMEOUT,
                        help="seconds to wait for the browser at each step")
    args = parser.parse_args(argv)
    if not os.path.isfile(args.report):
        print(f"report_check.py: {args.report}: no such file", file=sys.stderr)
        return 2
    try:
        with open(args.summary, encoding="utf-8") as f:
            summary = json.load(f)
    except OSError as e:
        print(f"report_check.py: {args.summary}: {e.strerror}", file=sys.stderr)
        return 2
    except ValueError as e:
        print(f"report_check.py: {args.summary}: not JSON ({e})", file=sys.stderr)
        return 2
    errors = summary_errors(summary)
    if errors:
        for error in errors:
            print(f"report_check.py: {args.summary}: {error}", file=sys.stderr)
        return 2

    try:
        with cdp.Browser(timeout=args.timeout) as browser:
            page = browser.new_page()
            failures = check_page(page, summary, args.report)
            if args.screenshot:
                width, height = page.screenshot(args.screenshot, width=args.width)
                if png_size(args.screenshot) != (width, height):
                    failures.append(f"screenshot: {args.screenshot} is not a {width}x{height} "
                                    "PNG")
    except cdp.CdpError as e:
        print(f"{args.report}: browser: {e}")
        return 1
    for failure in failures:
        print(f"{args.report}: {failure}")
    if failures:
        return 1
    print(f"{args.report}: the report honours the contract"
          + (f"; screenshot {args.screenshot}" if args.screenshot else ""))
    return 0


if __name__ == "__main__":
    cdp.exit_on_sigterm()
    sys.exit(main(sys.argv[1:]))
