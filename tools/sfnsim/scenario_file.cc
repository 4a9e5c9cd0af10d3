#include "tools/sfnsim/scenario_file.h"

#include <fmt/format.h>

namespace sfnsim_cli {

std::optional<sim::Scenario> LoadScenarioFile(const std::string& path) {
  auto scenario = sim::LoadScenario(path);
  if (scenario.ok()) return std::move(scenario).value();
  asl::SourceMap source;
  source.file = path;
  for (const asl::Diagnostic& d : scenario.error().items()) {
    fmt::print(stderr, "{}\n", asl::FormatDiagnostic(d, source));
  }
  return std::nullopt;
}

}  // namespace sfnsim_cli
