// sfnsim calibrate HISTORY...: service and engine latencies measured from recorded histories'
// timestamps, printed as the `latency:` and `engine_latency:` sections of a world or scenario
// (simulator/replay/latency_calibration.h, docs/replay.md).

#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "simulator/replay/latency_calibration.h"
#include "simulator/replay/recorded_execution.h"
#include "tools/sfnsim/commands.h"
#include "tools/sfnsim/output.h"

namespace sfnsim_cli {

namespace {

struct CalibrateArgs {
  std::vector<std::string> histories;
  std::string format = "yaml";
};

int RunCalibrate(const CalibrateArgs& args) {
  sim::LatencyCalibration calibration;
  for (const std::string& path : args.histories) {
    // Each file is one whole history (get-execution-history output, pages merged).
    auto recorded = sim::LoadRecordedExecution({path}, "");
    if (!recorded.ok()) {
      Err("sfnsim calibrate: {}\n", recorded.error());
      return kExitUsage;
    }
    std::string error = calibration.AddHistory(recorded->events, path);
    if (!error.empty()) {
      Err("sfnsim calibrate: {}\n", error);
      return kExitUsage;
    }
  }
  if (args.format == "json") {
    OutJson(calibration.ToJson().dump(2));
  } else {
    Out("{}", calibration.ToYaml());
  }
  return kExitOk;
}

}  // namespace

void RegisterCalibrate(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CalibrateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "calibrate",
      "Measure service latencies (median, p90, p99 per resource and API) and the engine's own\n"
      "(state transitions, task scheduling, a state's work, a branch's or iteration's start)\n"
      "from recorded histories' timestamps and print them as a world's `latency:` and\n"
      "`engine_latency:` sections (docs/replay.md).\n"
      "Exit 0: done; 2: a history that cannot be read or has no real timestamps.");
  cmd->add_option("HISTORY", args->histories,
                  "get-execution-history output files, one whole history each")
      ->required();
  cmd->add_option("--format", args->format, "yaml (the latency sections) or json (every figure)")
      ->check(CLI::IsMember({"yaml", "json"}));
  cmd->callback([args, &exit_code] { exit_code = RunCalibrate(*args); });
}

}  // namespace sfnsim_cli
