#pragma once
// What the three definition-file targets (ASL JSON, ASL YAML, templates) share: the CLI's entry
// point -- read, load (substitutions, templates), parse and validate, format every diagnostic --
// on a file of the given name. Never a crash, an exception or a diagnostic without text. The
// name decides how the file is read (.json, .yaml, or told apart by content).

#include <cstddef>
#include <cstdint>
#include <string>

#include "asl/load/definition_file.h"
#include "tests/fuzz/fuzz_input.h"

namespace sfnsim_fuzz {

inline void CheckDefinitionFile(const char* file_name, const uint8_t* data, size_t size) {
  const std::string path = WriteInputFile(file_name, AsText(data, size));
  asl::LoadOptions options;
  options.substitutions = {{"Arn", "arn:aws:lambda:us-east-1:123456789012:function:f"}};
  asl::DefinitionFile file = asl::ReadDefinitionFile(path, options);
  for (const std::string& message : file.messages) {
    if (message.empty()) Violated("a diagnostic without text");
  }
  if (!file.valid() && file.messages.empty()) Violated("refused without a reason");
}

}  // namespace sfnsim_fuzz
