// Fuzz target: MockConfigFile (simulator/services/mock_config.h), as `execute --mock-config`
// loads it, then a test case looked up in it as `--test-case` does. Checks that a refusal says
// why.

#include <cstddef>
#include <cstdint>

#include "simulator/services/mock_config.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string path = sfnsim_fuzz::WriteInputFile("mocks.json", sfnsim_fuzz::AsText(data, size));
  auto config = sim::MockConfig::Load(path);
  if (!config.ok()) {
    if (config.error().empty()) sfnsim_fuzz::Violated("a mock config refused without a reason");
    return 0;
  }
  for (const char* machine : {"", "sm", "checker"}) {
    for (const char* test_case : {"HappyPath", "Big", "Small"}) {
      auto states = config->TestCase(machine, test_case);
      if (states.ok()) {
        for (const auto& [state, response] : *states) {
          if (response == nullptr) continue;
          for (int64_t invocation = 0; invocation < 4; ++invocation) response->Find(invocation);
        }
      }
    }
  }
  return 0;
}
