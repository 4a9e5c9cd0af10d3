// sfnsim run SCENARIO...: run scenario files and print each one's summary; exit 0 when every
// expectation holds.

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>

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

int RunScenarios(const RunArgs& args) {
  const bool live = isatty(fileno(stderr)) != 0 && !args.quiet;
  sim::VerificationRecord record;
  if (!args.lock_path.empty()) {
    auto read = sim::ReadVerificationRecord(args.lock_path);
    if (!read.ok()) {
      fmt::print(stderr, "sfnsim run: --lock {}\n", read.error());
      return kExitUsage;
    }
    record = std::move(read).value();
  }
  std::vector<sim::VerifiedDefinition> verified;
  std::vector<sim::ScenarioReport> reports;
  bool invalid = false;
  for (const std::string& path : args.scenarios) {
    auto scenario = LoadScenarioFile(path);
    if (!scenario) {
      invalid = true;
      continue;
    }
    sim::RunOptions options;
    if (args.seed_given) options.seed = args.seed;
    options.max_state_entries = args.max_steps;
    options.history_dir = args.history_dir.empty()
                              ? ""
                              : (args.scenarios.size() == 1
                                     ? args.history_dir
                                     : (std::filesystem::path(args.history_dir) / scenario->name)
                                           .string());
    options.log_path = PerScenario(args.log_path, scenario->name, args.scenarios.size());
    auto last_print = std::chrono::steady_clock::now();
    if (live) {
      options.progress_every_ms = 60'000;
      options.progress = [&](const sim::RunProgress& p) {
        auto now = std::chrono::steady_clock::now();
        if (now - last_print < std::chrono::milliseconds(200)) return;
        last_print = now;
        fmt::print(stderr, "\r\033[K{}: {} published, {} of {} executions running, {} virtual",
                   scenario->name, p.published, p.running, p.started,
                   sim::FormatDuration(p.virtual_ms));
      };
    }
    sim::ScenarioReport report = sim::RunScenario(*scenario, options);
    if (live) fmt::print(stderr, "\r\033[K");
    fmt::print("{}\n", sim::FormatSummary(report));
    std::fflush(stdout);
    if (!args.lock_path.empty()) {
      std::string dir = std::filesystem::path(args.lock_path).parent_path().string();
      for (auto& d : sim::VerifiedDefinitionsOf(*scenario, report, dir, SFNSIM_VERSION)) {
        verified.push_back(std::move(d));
      }
    }
    reports.push_back(std::move(report));
  }
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
  cmd->add_flag("--quiet,-q", args->quiet, "No live progress line on stderr");
  cmd->callback([args, &exit_code] { exit_code = RunScenarios(*args); });
}

}  // namespace sfnsim_cli
