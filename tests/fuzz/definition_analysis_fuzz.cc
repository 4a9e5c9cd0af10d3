// Fuzz target: what graph, lint and budget do with a definition that validates (ASL JSON or
// YAML): the state graph and its DOT text, every lint rule, the history budget's loop and path
// analysis, the definition digest. Small valid machines with odd shapes (loops through Parallel
// branches, Maps inside Maps, Choices without Default) are where the analyses' walks go wrong.

#include <cstddef>
#include <cstdint>

#include "asl/analysis/definition_digest.h"
#include "asl/analysis/history_budget.h"
#include "asl/analysis/lint.h"
#include "asl/analysis/state_graph.h"
#include "asl/load/definition_file.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string path = sfnsim_fuzz::WriteInputFile("definition", sfnsim_fuzz::AsText(data, size));
  asl::DefinitionFile file = asl::ReadDefinitionFile(path, asl::LoadOptions{});
  if (!file.valid()) return 0;
  const asl::StateMachine& machine = *file.parsed.machine;
  asl::StateGraph graph = asl::StateGraph::Build(machine);
  if (graph.ToDot("fuzz").empty()) sfnsim_fuzz::Violated("empty DOT text");
  asl::LintDefinition(machine, graph, &file.loaded.definition);
  asl::LintOptions express;
  express.limit = 0;
  asl::LintDefinition(machine, graph, &file.loaded.definition, express);
  asl::BudgetOptions budget;
  budget.margin = 100;
  asl::AnalyzeHistoryBudget(machine, graph, budget);
  asl::DigestDefinition(file.loaded.definition);
  return 0;
}
