// sfnsim run SCENARIO...: run scenario files and print each one's summary; exit 0 when every
// expectation holds.

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>

#include "asl/intrinsics/hash_digests.h"
#include "asl/load/source_text.h"
#include "simulator/report/html_report.h"
#include "simulator/scenario/report_format.h"
#include "simulator/scenario/scenario.h"
#include "simulator/scenario/scenario_batch.h"
#include "simulator/scenario/scenario_run.h"
#include "simulator/scenario/shard_result.h"
#include "simulator/scenario/summary_json.h"
#include "simulator/scenario/sweep_shard.h"
#include "tools/sfnsim/batch_exit_code.h"
#include "tools/sfnsim/commands.h"
#include "tools/sfnsim/load_policy_options.h"
#include "tools/sfnsim/number_flags.h"
#include "tools/sfnsim/output.h"
#include "tools/sfnsim/passing_run.h"
#include "tools/sfnsim/scenario_file.h"

namespace sfnsim_cli {

namespace {

struct RunArgs {
  std::vector<std::string> scenarios;
  std::string seed;  // --seed, when seed_given (else each scenario's own)
  bool seed_given = false;
  std::string junit_path;
  std::string history_dir;
  std::string log_path;
  std::string lock_path;  // the verification record to update (docs/deploy.md)
  std::string report_path;  // --report: the HTML report
  std::string json_path;    // --json: the summary as JSON
  uint64_t max_steps = 1'000'000'000;
  bool quiet = false;
  std::string seeds;  // --seeds: run every scenario once per seed (when seeds_given)
  bool seeds_given = false;
  int jobs = 1;       // --jobs: runs at once, each on its own thread
  std::string shard;  // --shard K/N or auto/N, when shard_given
  bool shard_given = false;
  std::string shard_result_path;  // --shard-result: what sfnsim merge reads
  LoadPolicyOptions policy;
};

// Runs of a sweep the report details (state graphs, histories); the rest are summarised.
constexpr size_t kReportDetailedRuns = 8;

// The command as the report's header shows it (the flags that choose what ran).
std::string CommandLine(const RunArgs& args) {
  std::string line = "sfnsim run";
  for (const std::string& s : args.scenarios) line += " " + s;
  if (args.seed_given) line += " --seed " + args.seed;
  if (args.seeds_given) line += " --seeds " + args.seeds;
  if (args.shard_given) line += " --shard " + args.shard;
  return line;
}

int RunScenarios(const RunArgs& args) {
  const bool live = isatty(fileno(stderr)) != 0 && !args.quiet && args.jobs <= 1;
  deploy::VerificationRecord record;
  if (!args.lock_path.empty()) {
    auto read = deploy::ReadVerificationRecord(args.lock_path);
    if (!read.ok()) {
      Err("sfnsim run: --lock {}\n", read.error());
      return kExitUsage;
    }
    record = std::move(read).value();
  }
  std::vector<std::optional<uint64_t>> seeds = {std::nullopt};
  if (args.seed_given) {
    std::string error;
    auto seed = ParseSeed(args.seed, &error);
    if (!seed) {
      Err("sfnsim run: --seed {}\n", error);
      return kExitUsage;
    }
    seeds = {*seed};
  }
  if (args.seeds_given) {
    std::string error;
    auto parsed = ParseSeedList(args.seeds, &error);
    if (!parsed) {
      Err("sfnsim run: --seeds \"{}\": {}; expected e.g. 7, 1-8 or 1,4,9-12\n", args.seeds, error);
      return kExitUsage;
    }
    seeds.assign(parsed->begin(), parsed->end());
  }
  if (args.jobs < 1) {
    Err("sfnsim run: --jobs {}: expected 1 or more\n", args.jobs);
    return kExitUsage;
  }
  // Without --shard, --shard-result writes the whole sweep as the one shard of one.
  sim::ShardSpec shard;
  if (args.shard_given) {
    auto parsed = sim::ParseShardSpec(args.shard, [](const char* name) {
      const char* value = std::getenv(name);
      return value == nullptr ? std::nullopt : std::optional<std::string>(value);
    });
    if (!parsed.ok()) {
      Err("sfnsim run: --shard {}\n", parsed.error());
      return kExitUsage;
    }
    shard = *parsed;
    if (args.shard_result_path.empty()) {
      Err("sfnsim run: --shard {} needs --shard-result FILE: a shard's own outputs are a slice "
          "of the sweep, and sfnsim merge makes the sweep's from the shards' results "
          "(docs/scaling.md)\n",
          args.shard);
      return kExitUsage;
    }
  }
  const bool sharded = !args.shard_result_path.empty();
  if (sharded && !args.lock_path.empty()) {
    Err("sfnsim run: --lock records what one process's passing runs verified; it does not go "
        "with --shard or --shard-result (run the sweep unsharded to update {})\n",
        args.lock_path);
    return kExitUsage;
  }
  const sim::LoadPolicy policy = args.policy.Policy();
  sim::BatchPlan plan(seeds);
  bool invalid = false;
  sim::SweepIdentity sweep;  // what a shard result says about the sweep
  sweep.seeds = seeds;
  sweep.max_steps = args.max_steps;
  for (const std::string& path : args.scenarios) {
    auto scenario = LoadScenarioFile(path, policy);
    if (!scenario) {
      invalid = true;
      sweep.scenarios.push_back({path, false, "", ""});
      continue;
    }
    if (sharded) {
      // The loader read this file a moment ago, so it reads again; failing now is failing to
      // read the scenario.
      auto text = asl::ReadTextFile(path);
      if (!text.ok()) {
        Err("sfnsim run: {}\n", asl::ReadErrorText(text.error()));
        return kExitUsage;
      }
      sweep.scenarios.push_back({path, true, scenario->name, asl::intrinsics::Sha256Hex(*text)});
    }
    auto shared = std::make_shared<const sim::Scenario>(std::move(*scenario));
    if (auto renamed = plan.Add(shared)) {
      Err("sfnsim run: {}: another scenario given is also named \"{}\": its outputs are named "
          "\"{}\"\n",
          path, shared->name, *renamed);
    }
  }
  sweep.runs = plan.runs().size();
  // A shard runs its slice; each run keeps its plan index and key, so its per-run outputs
  // (histories, log) are named as in the unsharded run.
  const std::vector<sim::BatchRun> runs =
      sharded ? sim::SliceOf(plan.runs(), shard) : plan.runs();
  sim::BatchOutputs outputs;
  outputs.history_dir = args.history_dir;
  outputs.log_path = args.log_path;
  outputs.max_state_entries = args.max_steps;
  outputs.planned = plan.runs().size() + (invalid ? 1 : 0);  // > 1: per-run output paths
  // A report details the first runs of a sweep; the others are summarised (docs/report.md).
  if (!args.report_path.empty()) outputs.traced_runs = kReportDetailedRuns;

  // The live line redraws itself (CR, erase line); what it shows is escaped.
  sim::ProgressFactory progress_for = [&](const sim::BatchRun& run) {
    auto last_print = std::make_shared<std::chrono::steady_clock::time_point>(
        std::chrono::steady_clock::now());
    return [&run, last_print](const sim::RunProgress& p) {
      auto now = std::chrono::steady_clock::now();
      if (now - *last_print < std::chrono::milliseconds(200)) return;
      *last_print = now;
      WriteStderr("\r\033[K" + EscapeControl(fmt::format(
                                   "{}: {} published, {} of {} executions running, {} virtual",
                                   run.key, p.published, p.running, p.started,
                                   sim::FormatDuration(p.virtual_ms))));
    };
  };
  std::vector<deploy::VerifiedDefinition> verified;
  std::vector<sim::ScenarioReport> reports;
  sim::ShardResult result;
  result.sfnsim_version = SFNSIM_VERSION;
  result.sweep = sweep;
  result.shard = shard;
  sim::RunBatch(runs, args.jobs, outputs,
                live ? progress_for : nullptr,
                [&](const sim::BatchRun& run, sim::ScenarioReport report) {
                  if (live) WriteStderr("\r\033[K");
                  Out("{}\n", sim::FormatSummary(report));
                  FlushStdout();
                  if (!args.lock_path.empty()) {
                    std::string dir = std::filesystem::path(args.lock_path).parent_path().string();
                    if (auto passing = PassingRunOf(*run.scenario, report)) {
                      for (auto& d : deploy::VerifiedDefinitionsOf(*passing, dir, SFNSIM_VERSION))
                        verified.push_back(std::move(d));
                    }
                  }
                  if (sharded) result.runs.push_back(sim::ShardRunOf(run, report));
                  reports.push_back(std::move(report));
                });
  bool output_failed = false;
  for (const sim::ScenarioReport& r : reports) {
    if (!r.output_error.empty()) {
      Err("sfnsim: {}\n", r.output_error);
      output_failed = true;
    }
  }
  if (sharded && !WriteOutputFile(args.shard_result_path, sim::FormatShardResult(result),
                                  fmt::format("{} (--shard-result)", args.shard_result_path))) {
    return kExitUsage;
  }
  if (!args.junit_path.empty() && !WriteOutputFile(args.junit_path, sim::FormatJUnit(reports),
                                                   fmt::format("{} (--junit)", args.junit_path))) {
    return kExitUsage;
  }
  if (!args.json_path.empty() &&
      !WriteOutputFile(args.json_path, sim::SummaryDocument(reports, SFNSIM_VERSION).dump(2) + "\n",
                       fmt::format("{} (--json)", args.json_path))) {
    return kExitUsage;
  }
  if (!args.report_path.empty() && !reports.empty()) {
    sim::HtmlReportInput input;
    input.runs = &reports;
    input.version = SFNSIM_VERSION;
    input.command = CommandLine(args);
    input.title = reports.size() == 1 ? reports.front().scenario
                                      : fmt::format("{} runs", reports.size());
    if (!WriteOutputFile(args.report_path, sim::RenderHtmlReport(input),
                         fmt::format("{} (--report)", args.report_path))) {
      return kExitUsage;
    }
  }
  if (!args.lock_path.empty() && !verified.empty()) {
    // Only passing runs add to the record; failed ones leave it as it was.
    size_t count = verified.size();
    deploy::MergeVerified(&record, std::move(verified));
    std::string error;
    if (!deploy::WriteVerificationRecord(args.lock_path, record, &error)) {
      PrintCannotWrite(fmt::format("{} (--lock)", args.lock_path), error);
      return kExitUsage;
    }
    Err("sfnsim run: recorded {} verified definition{} in {}\n", count, count == 1 ? "" : "s",
        args.lock_path);
  }
  if (invalid || output_failed) return kExitUsage;
  return ExitCodeOf(sim::VerdictOf(reports));
}

}  // namespace

void RegisterRun(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "run",
      "Run scenario files (docs/scenarios.md) and print each one's summary.\n"
      "Exit 0: every expectation holds; 1: one does not (or a run was halted); 2: an invalid\n"
      "scenario, bad usage or an output that cannot be written.");
  cmd->add_option("SCENARIO", args->scenarios, "Scenario files (YAML or JSON)")->required();
  CLI::Option* seed =
      cmd->add_option("--seed", args->seed,
                      "Seed for every scenario, 0 to 18446744073709551615 (overrides the file's)")
          ->each([args](const std::string&) { args->seed_given = true; });
  cmd->add_option("--junit", args->junit_path, "Write JUnit XML: a testcase per expectation");
  cmd->add_option("--history-dir", args->history_dir,
                  "Write each execution's history (get-execution-history shape) here");
  cmd->add_option("--log", args->log_path,
                  "Write JSON lines: executions and every message with its correlation id");
  cmd->add_option("--report", args->report_path,
                  "Write an HTML report (self-contained: Gantt, completion, history use, cost, "
                  "state graphs; docs/report.md)");
  cmd->add_option("--json", args->json_path,
                  "Write the summary as JSON (every run: status, duration, executions, rows, "
                  "history, cost, faults, buckets, expectations)");
  cmd->add_option("--lock", args->lock_path,
                  "Record the definitions of passing scenarios in this verification record "
                  "(e.g. sfnsim.lock.json; read by sfnsim deploy)");
  cmd->add_option("--max-steps", args->max_steps,
                  "Stop a run after this many states entered (guard against endless loops)")
      ->check(UnsignedDecimal());
  cmd->add_option("--seeds", args->seeds,
                  "Run every scenario once per seed: 7, 1-8 or 1,4,9-12 (a sweep of at most "
                  "10,000 runs; see --jobs)")
      ->each([args](const std::string&) { args->seeds_given = true; })
      ->excludes(seed);
  cmd->add_option("--jobs,-j", args->jobs,
                  "Runs at once, each on its own thread (default 1); reports keep their order");
  cmd->add_option("--shard", args->shard,
                  "Run shard K of N of the sweep: the runs whose index mod N is K, K from 0 "
                  "(e.g. 2/4); auto/N takes K from JOB_COMPLETION_INDEX or "
                  "AWS_BATCH_JOB_ARRAY_INDEX. Needs --shard-result; sfnsim merge joins the "
                  "shards (docs/scaling.md)")
      ->each([args](const std::string&) { args->shard_given = true; });
  cmd->add_option("--shard-result", args->shard_result_path,
                  "Write this shard's result for sfnsim merge (without --shard: the whole "
                  "sweep as shard 0 of 1)");
  cmd->add_flag("--quiet,-q", args->quiet, "No live progress line on stderr");
  args->policy.AddTo(*cmd);
  cmd->callback([args, &exit_code] { exit_code = RunScenarios(*args); });
}

}  // namespace sfnsim_cli
