#include "tools/sfnsim/scenario_file.h"

#include "tools/sfnsim/print_diagnostics.h"

namespace sfnsim_cli {

std::optional<sim::Scenario> LoadScenarioFile(const std::string& path,
                                              const sim::LoadPolicy& policy) {
  auto scenario = sim::LoadScenario(path, policy);
  if (scenario.ok()) return std::move(scenario).value();
  PrintFileDiagnostics(scenario.error(), path);
  return std::nullopt;
}

}  // namespace sfnsim_cli
