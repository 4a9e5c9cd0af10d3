// sfnsim balance SCENARIO: how evenly the orchestrator's buckets share the work, and what
// buckets of equal size (the key modulo their number) would save; both runs simulated.

#include <fmt/format.h>

#include <memory>

#include "asl/base/number_text.h"
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
  LoadPolicyOptions policy;
};

void PrintRun(const char* title, const sim::BalanceRun& run) {
  Out("{}: {} buckets, makespan {}, ideal {} (total bucket time / {} at once), "
      "imbalance {:.2f} (largest / mean), {}\n",
      title, run.buckets.size(), sim::FormatDuration(run.makespan_ms),
      sim::FormatDuration(run.ideal_ms), run.concurrency, run.imbalance, run.status);
  if (run.transition_floor_ms > 0) {
    Out("  {} state transitions: the transition quota alone needs {}{}\n",
        asl::GroupDigits(run.transitions), sim::FormatDuration(run.transition_floor_ms),
        run.makespan_ms < run.transition_floor_ms * 11 / 10
            ? " (quota-bound: no bucketing finishes sooner)"
            : "");
  }
  Out("  {:<14} {:>10} {:>10} {:>14} {:>12}\n", "bucket", "rows", "executions", "duration",
      "max history");
  for (const sim::BucketFigures& b : run.buckets) {
    Out("  {:<14} {:>10} {:>10} {:>14} {:>12}\n", b.bucket, b.rows, b.executions,
        sim::FormatDuration(b.duration_ms), b.max_history);
  }
}

asl::Json RunJson(const sim::BalanceRun& run) {
  asl::Json buckets = asl::Json::array();
  for (const sim::BucketFigures& b : run.buckets) {
    buckets.push_back({{"bucket", b.bucket}, {"rows", b.rows}, {"executions", b.executions},
                       {"duration_ms", b.duration_ms}, {"max_history", b.max_history}});
  }
  return {{"makespan_ms", run.makespan_ms}, {"ideal_ms", run.ideal_ms},
          {"concurrency", run.concurrency},
          {"imbalance", run.imbalance}, {"status", run.status}, {"transitions", run.transitions},
          {"transition_floor_ms", run.transition_floor_ms}, {"buckets", buckets}};
}

int RunBalance(const BalanceArgs& args) {
  auto scenario = LoadScenarioFile(args.scenario, args.policy.Policy());
  if (!scenario) return kExitUsage;
  auto report = sim::AnalyzeBalance(*scenario, args.balance, sim::RunOptions{});
  if (!report.ok()) {
    Err("sfnsim balance: {}\n", report.error());
    return kExitUsage;
  }
  const sim::BalanceReport& r = *report;
  bool over = args.max_imbalance > 0 && r.written.imbalance > args.max_imbalance;
  if (args.format == "json") {
    asl::Json out = {{"scenario", scenario->name},
                     {"written", RunJson(r.written)},
                     {"balanced", RunJson(r.balanced)},
                     {"balanced_predicates", r.predicates},
                     {"saving", r.saving},
                     {"transitions_per_second", r.transitions_per_second},
                     {"max_imbalance_exceeded", over}};
    OutJson(out.dump(2));
  } else {
    Out("scenario {} ({}), state-transition quota {}\n", scenario->name, args.scenario,
        r.transitions_per_second > 0 ? fmt::format("{:g}/s", r.transitions_per_second)
                                     : std::string("disabled"));
    PrintRun("buckets as written", r.written);
    PrintRun(fmt::format("balanced ({} % {} = k)", args.balance.key, r.predicates.size()).c_str(),
             r.balanced);
    Out("balanced makespan is {:.0f} % {} than as written\n", std::abs(r.saving) * 100,
        r.saving >= 0 ? "shorter" : "longer");
    Out("balanced bucket predicates for the orchestrator's input:\n");
    for (const std::string& p : r.predicates) Out("  {}\n", p);
    if (over) {
      Out("imbalance {:.2f} is above --max-imbalance {:.2f}\n", r.written.imbalance,
          args.max_imbalance);
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
  args->policy.AddTo(*cmd);
  cmd->callback([args, &exit_code] { exit_code = RunBalance(*args); });
}

}  // namespace sfnsim_cli
