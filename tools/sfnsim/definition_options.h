#pragma once
// Flags every subcommand that reads a definition shares: which state machine of a template,
// substitution values, and the state machine type.

#include <CLI/CLI.hpp>
#include <map>
#include <string>
#include <vector>

#include "asl/load/definition_file.h"

namespace sfnsim_cli {

struct DefinitionOptions {
  std::string logical_id;
  std::vector<std::string> substitution_flags;  // NAME=VALUE
  std::string substitutions_file;
  std::string type;  // STANDARD | EXPRESS | "" (from the template, else STANDARD)

  void AddTo(CLI::App& command);
  // Builds the loader options; on a malformed flag or unreadable file prints the error to
  // stderr and returns false.
  bool ToLoadOptions(asl::LoadOptions& out) const;
};

}  // namespace sfnsim_cli
