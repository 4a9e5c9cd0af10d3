// Fuzz target: recorded execution histories (simulator/replay/recorded_execution.h), as replay
// and calibrate read them: get-execution-history output, its pages, events in any order. A
// history that loads is then measured as calibrate measures it. Checks that a refusal says why.

#include <cstddef>
#include <cstdint>

#include "simulator/replay/latency_calibration.h"
#include "simulator/replay/recorded_execution.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string path = sfnsim_fuzz::WriteInputFile("history.json", sfnsim_fuzz::AsText(data, size));
  auto recorded = sim::LoadRecordedExecution({path}, "");
  if (!recorded.ok()) {
    if (recorded.error().empty()) sfnsim_fuzz::Violated("a history refused without a reason");
    return 0;
  }
  sim::LatencyCalibration calibration;
  if (calibration.AddHistory(recorded->events, path).empty()) {
    calibration.ToYaml();
    calibration.ToJson().dump(2);
  }
  return 0;
}
