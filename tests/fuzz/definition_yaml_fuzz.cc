// Fuzz target: ASL YAML (a Workflow Studio export), as the commands read a .yaml file.

#include <cstddef>
#include <cstdint>

#include "tests/fuzz/definition_file_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sfnsim_fuzz::CheckDefinitionFile("definition.yaml", data, size);
  return 0;
}
