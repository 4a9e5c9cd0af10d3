// sfnsim run SCENARIO...: run scenario files and print each one's summary; exit 0 when every
// expectation holds.

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "simulator/scenario/report_format.h"
#include "simulator/scenario/scenario.h"
#include "simulator/scenario/scenario_run.h"
#include "simulator/scenario/verification_record.h"
#include "tools/sfnsim/commands.h"
#include "tools/sfnsim/scenario_file.h"

namespace sfnsim_cli {

namespace {

struct RunArgs {
  std::vector<std::string> scenarios;
  uint64_t seed = 0;
  bool seed_given = false;
  std::string junit_path;
  std::string history_dir;
  std::string log_path;
  std::string lock_path;  // the verification record to update (docs/deploy.md)
  uint64_t max_steps = 1'000'000'000;
  bool quiet = false;
  std::string seeds;  // --seeds: run every scenario once per seed
  int jobs = 1;       // --jobs: runs at once, each on its own thread
};

bool WriteFile(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) return false;
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  return std::fclose(f) == 0 && ok;
}

// A per-scenario path when several scenarios share one flag: dir/NAME for directories, and
// FILE.NAME.ext for files.
std::string PerScenario(const std::string& path, const std::string& name, size_t count) {
  if (path.empty() || count == 1) return path;
  std::filesystem::path p(path);
  return (p.parent_path() / (p.stem().string() + "." + name + p.extension().string())).string();
}

// Seeds from "5", "1-8" or "1,4,9-12"; nullopt (after an error message) when malformed.
std::optional<std::vector<uint64_t>> ParseSeeds(const std::string& text) {
  std::vector<uint64_t> seeds;
  auto fail = [&](const std::string& why) -> std::optional<std::vector<uint64_t>> {
    fmt::print(stderr, "sfnsim run: --seeds '{}': {}; expected e.g. 7, 1-8 or 1,4,9-12\n", text,
               why);
    return std::nullopt;
  };
  auto number = [](std::string_view part, uint64_t& out) {
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
    return ec == std::errc() && end == part.data() + part.size() && !part.empty();
  };
  std::string_view rest = text;
  while (true) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    size_t dash = item.find('-');
    uint64_t first = 0, last = 0;
    if (!number(item.substr(0, dash), first) ||
        !number(dash == std::string_view::npos ? item.substr(0, dash) : item.substr(dash + 1),
                last)) {
      return fail(fmt::format("'{}' is not a seed or a range of seeds", item));
    }
    if (last < first) return fail(fmt::format("the range '{}' runs backwards", item));
    if (last - first >= 100000 || seeds.size() + (last - first) >= 100000) {
      return fail("more than 100,000 runs");
    }
    for (uint64_t seed = first; seed <= last; ++seed) seeds.push_back(seed);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return seeds;
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
      fmt::print(stderr, "sfnsim run: --lock {}\n", read.error());
      return kExitUsage;
    }
    record = std::move(read).value();
  }
  std::vector<std::optional<uint64_t>> seeds = {std::nullopt};
  if (args.seed_given) seeds = {args.seed};
  if (!args.seeds.empty()) {
    auto parsed = ParseSeeds(args.seeds);
    if (!parsed) return kExitUsage;
    seeds.assign(parsed->begin(), parsed->end());
  }
  if (args.jobs < 1) {
    fmt::print(stderr, "sfnsim run: --jobs {}: expected 1 or more\n", args.jobs);
    return kExitUsage;
  }
  std::vector<PlannedRun> runs;
  bool invalid = false;
  for (const std::string& path : args.scenarios) {
    auto scenario = LoadScenarioFile(path);
    if (!scenario) {
      invalid = true;
      continue;
    }
    auto shared = std::make_shared<const sim::Scenario>(std::move(*scenario));
    for (const auto& seed : seeds) {
      std::string key = seeds.size() > 1 ? fmt::format("{}.seed{}", shared->name, *seed)
                                         : shared->name;
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
          fmt::print(stderr, "\r\033[K{}: {} published, {} of {} executions running, {} virtual",
                     run.key, p.published, p.running, p.started,
                     sim::FormatDuration(p.virtual_ms));
        };
      }
      report = sim::RunScenario(*run.scenario, options);
      if (live) fmt::print(stderr, "\r\033[K");
    } else {
      std::unique_lock lock(mutex);
      ready.wait(lock, [&] { return done[i].has_value(); });
      report = std::move(*done[i]);
      done[i].reset();
    }
    fmt::print("{}\n", sim::FormatSummary(report));
    std::fflush(stdout);
    if (!args.lock_path.empty()) {
      std::string dir = std::filesystem::path(args.lock_path).parent_path().string();
      for (auto& d : sim::VerifiedDefinitionsOf(*run.scenario, report, dir, SFNSIM_VERSION)) {
        verified.push_back(std::move(d));
      }
    }
    reports.push_back(std::move(report));
  }
  for (std::thread& thread : threads) thread.join();
  if (!args.junit_path.empty() && !WriteFile(args.junit_path, sim::FormatJUnit(reports))) {
    fmt::print(stderr, "sfnsim run: --junit {}: cannot write\n", args.junit_path);
    return kExitUsage;
  }
  if (!args.lock_path.empty() && !verified.empty()) {
    // Only passing runs add to the record; failed ones leave it as it was.
    size_t count = verified.size();
    sim::MergeVerified(&record, std::move(verified));
    std::string error;
    if (!sim::WriteVerificationRecord(args.lock_path, record, &error)) {
      fmt::print(stderr, "sfnsim run: --lock {}\n", error);
      return kExitUsage;
    }
    fmt::print(stderr, "sfnsim run: recorded {} verified definition{} in {}\n", count,
               count == 1 ? "" : "s", args.lock_path);
  }
  if (invalid) return kExitUsage;
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
      "Exit 0: every expectation holds; 1: one does not; 2: an invalid scenario or bad usage.");
  cmd->add_option("SCENARIO", args->scenarios, "Scenario files (YAML or JSON)")->required();
  CLI::Option* seed =
      cmd->add_option("--seed", args->seed, "Seed for every scenario (overrides the file's)")
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
                  "Stop a run after this many states entered (guard against endless loops)");
  cmd->add_option("--seeds", args->seeds,
                  "Run every scenario once per seed: 7, 1-8 or 1,4,9-12 (a sweep; see --jobs)")
      ->excludes(seed);
  cmd->add_option("--jobs,-j", args->jobs,
                  "Runs at once, each on its own thread (default 1); reports keep their order");
  cmd->add_flag("--quiet,-q", args->quiet, "No live progress line on stderr");
  cmd->callback([args, &exit_code] { exit_code = RunScenarios(*args); });
}

}  // namespace sfnsim_cli
