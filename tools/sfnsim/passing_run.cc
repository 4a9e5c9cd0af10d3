#include "tools/sfnsim/passing_run.h"

#include <set>
#include <string>

namespace sfnsim_cli {

std::optional<deploy::PassingRun> PassingRunOf(const sim::Scenario& scenario,
                                               const sim::ScenarioReport& report) {
  if (!report.passed() || !report.setup_error.empty() || report.halted) return std::nullopt;
  std::set<std::string> ran;
  for (const sim::ExecutionRecord& execution : report.executions) {
    ran.insert(execution.state_machine);
  }
  deploy::PassingRun run;
  run.scenario_file = scenario.file;
  run.seed = report.seed;
  for (const sim::StateMachineDecl& decl : scenario.world.state_machines) {
    if (!ran.contains(decl.name) || decl.definition.is_null()) continue;
    run.definitions.push_back({decl.definition_file, decl.definition_pointer, decl.logical_id,
                               decl.definition, decl.substitutions});
  }
  return run;
}

}  // namespace sfnsim_cli
