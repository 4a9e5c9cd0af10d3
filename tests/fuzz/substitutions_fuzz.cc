// Fuzz target: substitutions files (asl/load/definition_loader.h, LoadSubstitutionsFile), as
// `--substitutions FILE` reads them: a JSON or YAML object of name -> scalar, or CloudFormation's
// parameter-file list. Checks that a refusal says why.

#include <cstddef>
#include <cstdint>

#include "asl/load/definition_loader.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string path = sfnsim_fuzz::WriteInputFile("values", sfnsim_fuzz::AsText(data, size));
  auto values = asl::LoadSubstitutionsFile(path);
  if (!values.ok() && values.error().empty()) {
    sfnsim_fuzz::Violated("substitutions refused without a diagnostic");
  }
  return 0;
}
