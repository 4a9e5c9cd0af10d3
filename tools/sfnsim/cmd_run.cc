// sfnsim run SCENARIO...: run scenario files and print each one's summary; exit 0 when every
// expectation holds.

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "simulator/scenario/report_format.h"
#include "simulator/scenario/scenario.h"
#include "simulator/scenario/scenario_run.h"
#include "simulator/scenario/verification_record.h"
#include "tools/sfnsim/commands.h"
#include "tools/sfnsim/load_policy_options.h"
#include "tools/sfnsim/number_flags.h"
#include "tools/sfnsim/output.h"
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
  uint64_t max_steps = 1'000'000'000;
  bool quiet = false;
  std::string seeds;  // --seeds: run every scenario once per seed (when seeds_given)
  bool seeds_given = false;
  int jobs = 1;       // --jobs: runs at once, each on its own thread
  LoadPolicyOptions policy;
};

// A per-scenario path when several scenarios share one flag: dir/NAME for directories, and
// FILE.NAME.ext for files.
std::string PerScenario(const std::string& path, const std::string& name, size_t count) {
  if (path.empty() || count == 1) return path;
  std::filesystem::path p(path);
  return (p.parent_path() / (p.stem().string() + "." + name + p.extension().string())).string();
}

// `name` as one file-name component: letters, digits, '-', '_' and '.' kept, anything else
// (a '/', a space, a control character) as '_'; never "", "." or "..", never starting with '.',
// at most 100 bytes. Scenario names come from the files, so they must not pick where outputs
// go (`name: ../../x` or `/etc/x`).
std::string FileNameComponent(const std::string& name) {
  std::string out;
  for (char c : name.substr(0, 100)) {
    bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    out += keep ? c : '_';
  }
  if (out.empty() || out[0] == '.') out.insert(out.begin(), '_');
  return out;
}

// One scenario run: a scenario file, and the seed that overrides its own (if any).
struct PlannedRun {
  std::shared_ptr<const sim::Scenario> scenario;
  std::optional<uint64_t> seed;
  std::string key;  // names its per-run histories and log when there are several runs
};

int RunScenarios(const RunArgs& args) {
  const bool live = isatty(fileno(stderr)) != 0 && !args.quiet && args.jobs <= 1;
  sim::VerificationRecord record;
  if (!args.lock_path.empty()) {
    auto read = sim::ReadVerificationRecord(args.lock_path);
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
  const sim::LoadPolicy policy = args.policy.Policy();
  std::vector<PlannedRun> runs;
  bool invalid = false;
  std::set<std::string> names;  // the scenarios' output names so far
  for (const std::string& path : args.scenarios) {
    auto scenario = LoadScenarioFile(path, policy);
    if (!scenario) {
      invalid = true;
      continue;
    }
    auto shared = std::make_shared<const sim::Scenario>(std::move(*scenario));
    // Two scenarios of one name (two files "x.yaml" in different folders, or `name:` written
    // twice) would write the same history directory and log: the later ones get -2, -3, … in
    // the order they were given, so each run keeps its own outputs and the names stay the same
    // from run to run.
    std::string name = FileNameComponent(shared->name);
    for (int n = 2; !names.insert(name).second; ++n) {
      name = fmt::format("{}-{}", FileNameComponent(shared->name), n);
    }
    if (name != FileNameComponent(shared->name)) {
      Err("sfnsim run: {}: another scenario given is also named \"{}\": its outputs are named "
          "\"{}\"\n",
          path, shared->name, name);
    }
    for (const auto& seed : seeds) {
      std::string key = seeds.size() > 1 ? fmt::format("{}.seed{}", name, *seed) : name;
      runs.push_back({shared, seed, std::move(key)});
    }
  }
  const size_t planned = runs.size() + (invalid ? 1 : 0);  // > 1: per-run output paths

  auto options_for = [&](const PlannedRun& run) {
    sim::RunOptions options;
    options.seed = run.seed;
    options.max_state_entries = args.max_steps;
    options.history_dir =
        args.history_dir.empty()
            ? ""
            : (planned == 1 ? args.history_dir
                          : (std::filesystem::path(args.history_dir) / run.key).string());
    options.log_path = PerScenario(args.log_path, run.key, planned);
    return options;
  };

  // Runs are independent simulations, so with --jobs N they run on N threads at once; each
  // report is printed in the order of the runs, so the output is the same for every N.
  std::vector<std::optional<sim::ScenarioReport>> done(runs.size());
  std::mutex mutex;
  std::condition_variable ready;
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < runs.size(); i = next++) {
      sim::ScenarioReport report = sim::RunScenario(*runs[i].scenario, options_for(runs[i]));
      std::lock_guard lock(mutex);
      done[i] = std::move(report);
      ready.notify_all();
    }
  };
  std::vector<std::thread> threads;
  if (args.jobs > 1) {
    for (int t = 0; t < args.jobs && static_cast<size_t>(t) < runs.size(); ++t) {
      threads.emplace_back(worker);
    }
  }

  std::vector<sim::VerifiedDefinition> verified;
  std::vector<sim::ScenarioReport> reports;
  for (size_t i = 0; i < runs.size(); ++i) {
    const PlannedRun& run = runs[i];
    sim::ScenarioReport report;
    if (threads.empty()) {
      sim::RunOptions options = options_for(run);
      auto last_print = std::chrono::steady_clock::now();
      if (live) {
        options.progress_every_ms = 60'000;
        options.progress = [&](const sim::RunProgress& p) {
          auto now = std::chrono::steady_clock::now();
          if (now - last_print < std::chrono::milliseconds(200)) return;
          last_print = now;
          // The line redraws itself (CR, erase line); what it shows is escaped.
          WriteStderr("\r\033[K" +
                      EscapeControl(fmt::format(
                          "{}: {} published, {} of {} executions running, {} virtual", run.key,
                          p.published, p.running, p.started, sim::FormatDuration(p.virtual_ms))));
        };
      }
      report = sim::RunScenario(*run.scenario, options);
      if (live) WriteStderr("\r\033[K");
    } else {
      std::unique_lock lock(mutex);
      ready.wait(lock, [&] { return done[i].has_value(); });
      report = std::move(*done[i]);
      done[i].reset();
    }
    Out("{}\n", sim::FormatSummary(report));
    FlushStdout();
    if (!args.lock_path.empty()) {
      std::string dir = std::filesystem::path(args.lock_path).parent_path().string();
      for (auto& d : sim::VerifiedDefinitionsOf(*run.scenario, report, dir, SFNSIM_VERSION)) {
        verified.push_back(std::move(d));
      }
    }
    reports.push_back(std::move(report));
  }
  for (std::thread& thread : threads) thread.join();
  bool output_failed = false;
  for (const sim::ScenarioReport& r : reports) {
    if (!r.output_error.empty()) {
      Err("sfnsim: {}\n", r.output_error);
      output_failed = true;
    }
  }
  if (!args.junit_path.empty() && !WriteOutputFile(args.junit_path, sim::FormatJUnit(reports),
                                                   fmt::format("{} (--junit)", args.junit_path))) {
    return kExitUsage;
  }
  if (!args.lock_path.empty() && !verified.empty()) {
    // Only passing runs add to the record; failed ones leave it as it was.
    size_t count = verified.size();
    sim::MergeVerified(&record, std::move(verified));
    std::string error;
    if (!sim::WriteVerificationRecord(args.lock_path, record, &error)) {
      PrintCannotWrite(fmt::format("{} (--lock)", args.lock_path), error);
      return kExitUsage;
    }
    Err("sfnsim run: recorded {} verified definition{} in {}\n", count, count == 1 ? "" : "s",
        args.lock_path);
  }
  if (invalid || output_failed) return kExitUsage;
  for (const sim::ScenarioReport& r : reports) {
    if (!r.setup_error.empty()) return kExitUsage;
  }
  for (const sim::ScenarioReport& r : reports) {
    if (!r.passed()) return kExitFailed;
  }
  return kExitOk;
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
  cmd->add_flag("--quiet,-q", args->quiet, "No live progress line on stderr");
  args->policy.AddTo(*cmd);
  cmd->callback([args, &exit_code] { exit_code = RunScenarios(*args); });
}

}  // namespace sfnsim_cli
