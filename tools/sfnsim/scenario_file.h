#pragma once
// Loading a scenario file for a subcommand: its located diagnostics go to stderr.

#include <optional>
#include <string>

#include "simulator/scenario/scenario.h"
#include "simulator/world/load_policy.h"

namespace sfnsim_cli {

// The scenario, or nullopt after printing every diagnostic as FILE:LINE: message.
std::optional<sim::Scenario> LoadScenarioFile(const std::string& path,
                                              const sim::LoadPolicy& policy);

}  // namespace sfnsim_cli
