#pragma once
// Loading a scenario file for a subcommand: its located diagnostics go to stderr.

#include <optional>
#include <string>

#include "simulator/scenario/scenario.h"

namespace sfnsim_cli {

// The scenario, or nullopt after printing every diagnostic as FILE:LINE: message.
std::optional<sim::Scenario> LoadScenarioFile(const std::string& path);

}  // namespace sfnsim_cli
