// Fuzz target: world files (simulator/world/world_config.h), YAML or JSON, as `execute --world`
// and `replay --world` load them: services, latency, quotas, faults, inline state machines.
// Paths inside resolve against a directory holding only the world itself. Checks that a refusal
// says why.

#include <cstddef>
#include <cstdint>

#include "simulator/world/world_config.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string path = sfnsim_fuzz::WriteInputFile("world", sfnsim_fuzz::AsText(data, size));
  auto world = sim::LoadWorld(path);
  if (!world.ok() && world.error().empty()) {
    sfnsim_fuzz::Violated("a world refused without a diagnostic");
  }
  return 0;
}
