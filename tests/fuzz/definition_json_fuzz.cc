// Fuzz target: ASL JSON, as validate/execute/lint read a .json file.

#include <cstddef>
#include <cstdint>

#include "tests/fuzz/definition_file_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sfnsim_fuzz::CheckDefinitionFile("definition.json", data, size);
  return 0;
}
