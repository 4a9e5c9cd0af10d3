// Fuzz target: ASL YAML (a Workflow Studio export), as the commands read a .yaml file.
// The CLI's entry point: read, load (substitutions, templates), parse and validate, format every
// diagnostic. Never a crash, an exception or a diagnostic without text.

#include <cstddef>
#include <cstdint>

#include "asl/load/definition_file.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string path =
      sfnsim_fuzz::WriteInputFile("definition.yaml", sfnsim_fuzz::AsText(data, size));
  asl::LoadOptions options;
  options.substitutions = {{"Arn", "arn:aws:lambda:us-east-1:123456789012:function:f"}};
  asl::DefinitionFile file = asl::ReadDefinitionFile(path, options);
  for (const std::string& message : file.messages) {
    if (message.empty()) sfnsim_fuzz::Violated("a diagnostic without text");
  }
  if (!file.valid() && file.messages.empty()) sfnsim_fuzz::Violated("refused without a reason");
  return 0;
}
