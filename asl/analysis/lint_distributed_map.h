#pragma once
// Lint rules of the Distributed Map (SFN1302): settings AWS accepts that fail a run once the
// data grows. Called by LintDefinition (asl/analysis/lint.h).

#include <vector>

#include "asl/analysis/lint.h"
#include "asl/analysis/state_graph.h"

namespace asl {

// The findings of every Distributed Map of `graph`, nested ones included.
std::vector<LintFinding> DistributedMapFindings(const StateGraph& graph);

}  // namespace asl
