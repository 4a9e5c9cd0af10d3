#pragma once
// Flags every subcommand that reads a definition shares: which state machine of a template,
// substitution values, and the state machine type; and the exit code a definition file gives.

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

// -s NAME=VALUE and --substitutions FILE alone (`export` takes no --logical-id or --type).
void AddSubstitutionOptions(CLI::App& command, DefinitionOptions& options);

// Every flag that can be given more than once takes one value each time (`-s A=B FILE` leaves
// FILE to the positional argument; CLI11 would otherwise let the flag take every word after it).
CLI::Option* OneValueEach(CLI::Option* option);

// The exit code for a definition file that was read: 0 valid; 2 when it could not be loaded
// at all (unreadable, malformed JSON or YAML, a template that cannot be parsed or resolved);
// 1 when it was read as a document but is not a valid state machine (an array, a key given
// twice, over AWS's 1,048,576 characters, or what the parser refuses).
int DefinitionExitCode(const asl::DefinitionFile& file);

}  // namespace sfnsim_cli
