// sfnsim balance SCENARIO: how evenly the orchestrator's buckets share the work, and what
// buckets of equal size (the key modulo their number) would save; both runs simulated.

#include <fmt/format.h>

#include <memory>

#include "simulator/report/html_report.h"
#include "simulator/scenario/balance_format.h"
#include "simulator/scenario/bucket_balance.h"
#include "tools/sfnsim/commands.h"
#include "tools/sfnsim/load_policy_options.h"
#include "tools/sfnsim/output.h"
#include "tools/sfnsim/scenario_file.h"

namespace sfnsim_cli {

namespace {

struct BalanceArgs {
  std::string scenario;
  sim::BalanceOptions balance;
  double max_imbalance = 0;  // 0: no threshold
  std::string format = "text";
  std::string report_path;  // --report: the HTML report with the balance view
  LoadPolicyOptions policy;
};

int RunBalance(const BalanceArgs& args) {
  auto scenario = LoadScenarioFile(args.scenario, args.policy.Policy());
  if (!scenario) return kExitUsage;
  sim::RunOptions run_options;
  run_options.trace = !args.report_path.empty();
  auto report = sim::AnalyzeBalance(*scenario, args.balance, run_options);
  if (!report.ok()) {
    Err("sfnsim balance: {}\n", report.error());
    return kExitUsage;
  }
  const sim::BalanceHeading heading{scenario->name, args.scenario, args.balance.key,
                                    args.max_imbalance};
  const bool over = sim::ImbalanceExceeded(*report, heading);
  if (args.format == "json") {
    OutJson(sim::BalanceJson(*report, heading).dump(2));
  } else {
    Out("{}", sim::FormatBalanceText(*report, heading));
  }
  if (!args.report_path.empty()) {
    const std::vector<sim::ScenarioReport> runs = {report->written_report,
                                                   report->balanced_report};
    sim::HtmlReportInput input;
    input.runs = &runs;
    input.version = SFNSIM_VERSION;
    input.command = "sfnsim balance " + args.scenario + " --key " + args.balance.key;
    input.title = scenario->name + ": bucket balance";
    input.run_labels = {"as written", fmt::format("balanced ({} % {} = k)", args.balance.key,
                                                  report->predicates.size())};
    input.balance = &*report;
    input.balance_heading = &heading;
    if (!WriteOutputFile(args.report_path, sim::RenderHtmlReport(input),
                         fmt::format("{} (--report)", args.report_path))) {
      return kExitUsage;
    }
  }
  return over ? kExitFailed : kExitOk;
}

}  // namespace

void RegisterBalance(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<BalanceArgs>();
  CLI::App* cmd = app.add_subcommand(
      "balance",
      "Simulate a scenario's buckets and a balanced alternative (KEY % N = k); print rows,\n"
      "duration and history per bucket, makespan, ideal and imbalance (largest / mean).\n"
      "Exit 0; 1: imbalance above --max-imbalance; 2: an invalid scenario or bad usage.");
  cmd->add_option("SCENARIO", args->scenario, "Scenario file (start input with /buckets)")
      ->required();
  cmd->add_option("--key", args->balance.key, "Integer column the balanced predicates hash");
  cmd->add_option("--transitions-per-second", args->balance.transitions_per_second,
                  "Run both with this state-transition quota (a quota increase; the burst\n"
                  "scales with it) instead of AWS's default for the region")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-imbalance", args->max_imbalance,
                  "Exit 1 when the scenario's imbalance (largest / mean) exceeds this");
  cmd->add_option("--format", args->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--report", args->report_path,
                  "Write an HTML report: both runs, and the buckets as written against the "
                  "balanced split (docs/report.md)");
  args->policy.AddTo(*cmd);
  cmd->callback([args, &exit_code] { exit_code = RunBalance(*args); });
}

}  // namespace sfnsim_cli
