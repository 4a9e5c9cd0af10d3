// Fuzz target: CloudFormation and SAM templates (JSON or YAML, told apart by content, as for a
// file without a known extension).

#include <cstddef>
#include <cstdint>

#include "tests/fuzz/definition_file_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sfnsim_fuzz::CheckDefinitionFile("template", data, size);
  return 0;
}
