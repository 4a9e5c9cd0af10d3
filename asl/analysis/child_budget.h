#pragma once
// The history budgets of a machine's Distributed Map children (asl/analysis/history_budget.h,
// ChildBudget): each Map's item processor analysed as an execution of its own.

#include <vector>

#include "asl/analysis/history_budget.h"
#include "asl/analysis/state_graph.h"

namespace asl {

// One ChildBudget per Distributed Map of `graph` that is not itself inside another one's child
// (those are in that child's report), in document order.
std::vector<ChildBudget> ChildBudgets(const StateGraph& graph, const BudgetOptions& options);

// Whether the report or one of its children's reports lists a loop.
bool HasAnyLoop(const BudgetReport& report);

}  // namespace asl
