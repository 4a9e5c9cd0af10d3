#pragma once
// Flags of every subcommand that loads scenario or world files: what those files may reach
// beyond themselves (simulator/world/load_policy.h, docs/security.md).

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "simulator/world/load_policy.h"

namespace sfnsim_cli {

struct LoadPolicyOptions {
  std::vector<std::string> allow_outside;  // --allow-outside PATH (repeatable)
  bool allow_commands = false;             // --allow-commands

  void AddTo(CLI::App& command);
  // Confined to each file's folder tree and the --allow-outside paths; commands only with
  // --allow-commands.
  sim::LoadPolicy Policy() const;
};

}  // namespace sfnsim_cli
