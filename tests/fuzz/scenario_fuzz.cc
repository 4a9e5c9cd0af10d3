// Fuzz target: scenario files (simulator/scenario/scenario.h), YAML or JSON, as `sfnsim run`
// loads them: the world sections, start, expect, report. Paths inside resolve against a
// directory holding only the scenario itself. Checks that a refusal says why.

#include <cstddef>
#include <cstdint>

#include "simulator/scenario/scenario.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string path = sfnsim_fuzz::WriteInputFile("scenario", sfnsim_fuzz::AsText(data, size));
  auto scenario = sim::LoadScenario(path);
  if (!scenario.ok() && scenario.error().empty()) {
    sfnsim_fuzz::Violated("a scenario refused without a diagnostic");
  }
  return 0;
}
