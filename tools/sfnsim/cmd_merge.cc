// sfnsim merge RESULT...: the shards of a sweep (`sfnsim run --shard K/N --shard-result FILE`)
// put back together: the stdout, JUnit and --json the unsharded `sfnsim run` would have written,
// byte for byte, and its exit code (docs/scaling.md).

#include <fmt/format.h>

#include <memory>

#include "simulator/scenario/shard_merge.h"
#include "tools/sfnsim/batch_exit_code.h"
#include "tools/sfnsim/commands.h"
#include "tools/sfnsim/output.h"

namespace sfnsim_cli {

namespace {

struct MergeArgs {
  std::vector<std::string> results;
  std::string junit_path;
  std::string json_path;
};

int MergeShards(const MergeArgs& args) {
  std::vector<sim::NamedShardResult> results;
  results.reserve(args.results.size());
  for (const std::string& path : args.results) {
    auto read = sim::ReadShardResult(path);
    if (!read.ok()) {
      Err("sfnsim merge: {}\n", read.error());
      return kExitUsage;
    }
    results.push_back({path, std::move(read).value()});
  }
  auto merged = sim::MergeShardResults(std::move(results), SFNSIM_VERSION);
  if (!merged.ok()) {
    Err("sfnsim merge: {}\n", merged.error());
    return kExitUsage;
  }
  // As `sfnsim run` prints them: each run's summary in plan order, then what went wrong.
  bool output_failed = false;
  for (const sim::ShardRun& run : merged->runs) Out("{}\n", run.summary);
  for (const sim::ShardRun& run : merged->runs) {
    if (!run.output_error.empty()) {
      Err("sfnsim: {}\n", run.output_error);
      output_failed = true;
    }
  }
  if (!args.junit_path.empty() &&
      !WriteOutputFile(args.junit_path, sim::MergedJUnit(*merged),
                       fmt::format("{} (--junit)", args.junit_path))) {
    return kExitUsage;
  }
  if (!args.json_path.empty() &&
      !WriteOutputFile(args.json_path, sim::MergedSummaryDocument(*merged).dump(2) + "\n",
                       fmt::format("{} (--json)", args.json_path))) {
    return kExitUsage;
  }
  bool invalid = false;
  for (const sim::SweepScenario& s : merged->sweep.scenarios) {
    if (!s.loaded) {
      Err("sfnsim merge: {} did not load in the shards (their stderr says why); the sweep ran "
          "without it\n",
          s.file);
      invalid = true;
    }
  }
  if (invalid || output_failed) return kExitUsage;
  return ExitCodeOf(sim::MergedVerdict(*merged));
}

}  // namespace

void RegisterMerge(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<MergeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "merge",
      "Join the results of a sharded sweep (sfnsim run --shard K/N --shard-result FILE) into\n"
      "the summary, JUnit and JSON the unsharded run writes (docs/scaling.md).\n"
      "Exit codes as sfnsim run's; 2 also when the results are not every shard of one sweep\n"
      "exactly once, or come from another sfnsim version.");
  cmd->add_option("RESULT", args->results, "Every shard's --shard-result file, in any order")
      ->required();
  cmd->add_option("--junit", args->junit_path,
                  "Write the sweep's JUnit XML (as sfnsim run --junit would)");
  cmd->add_option("--json", args->json_path,
                  "Write the sweep's summary as JSON (as sfnsim run --json would)");
  cmd->callback([args, &exit_code] { exit_code = MergeShards(*args); });
}

}  // namespace sfnsim_cli
