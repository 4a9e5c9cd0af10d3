#pragma once
// The HTML report of `sfnsim run --report FILE.html` and `sfnsim balance --report`: one
// self-contained page (inline CSS, script and SVG; nothing fetched) that draws the runs: a Gantt
// chart of the executions by bucket, completion over virtual time, history use against the
// 25,000-event limit, the cost, the state-transition load and throttling, the failures handled,
// each execution's state graph as a heat map with its history, and for balance the buckets as
// written against the balanced split. Every chart has a table of its numbers; the text summary
// is inside too. The page embeds the `--json` summary verbatim (#sfnsim-data), so a test or a
// script can check the drawing against it. Same runs, same bytes.

#include <string>
#include <vector>

#include "asl/base/json.h"
#include "simulator/scenario/scenario_report.h"

namespace sim {

struct BalanceReport;
struct BalanceHeading;

struct HtmlReportInput {
  const std::vector<ScenarioReport>* runs = nullptr;  // in order; traced ones get details
  std::string version;   // sfnsim's
  std::string command;   // the command line that made it, as the header shows it
  std::string title;     // e.g. the scenario's name, or "3 scenarios, 16 seeds"
  std::vector<std::string> run_labels;  // names for the runs ("as written"); default: scenario
  // `sfnsim balance`: the comparison (runs are then the written and the balanced run).
  const BalanceReport* balance = nullptr;
  const BalanceHeading* balance_heading = nullptr;
};

std::string RenderHtmlReport(const HtmlReportInput& input);

}  // namespace sim
