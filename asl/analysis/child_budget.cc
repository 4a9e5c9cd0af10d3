#include "asl/analysis/child_budget.h"

#include <algorithm>

#include "asl/analysis/distributed_map_facts.h"

namespace asl {

namespace {

// The most events of a child without loops, over its paths; nullopt when it has a loop or a
// path's count is unknown.
std::optional<int64_t> Largest(const BudgetReport& report, bool every_retry) {
  if (!report.loops.empty() || report.paths.empty()) return std::nullopt;
  int64_t largest = 0;
  for (const PlainPath& path : report.paths) {
    const std::optional<int64_t>& total =
        every_retry ? path.every_retry_total : path.nominal_total;
    if (!total) return std::nullopt;
    largest = std::max(largest, *total);
  }
  return largest;
}

}  // namespace

std::vector<ChildBudget> ChildBudgets(const StateGraph& graph, const BudgetOptions& options) {
  std::vector<ChildBudget> out;
  const std::vector<GraphScope>& scopes = graph.scopes();
  // Scopes are numbered depth first in document order: the children come out in that order.
  for (size_t s = 1; s < scopes.size(); ++s) {
    const GraphScope& scope = scopes[s];
    if (!scope.owner || !IsDistributedMap(*scope.owner) ||
        scope.owner->processor.get() != scope.machine) {
      continue;
    }
    if (InDistributedChild(graph, scope.parent)) continue;  // in that child's report
    ChildBudget child;
    child.map = scope.owner;
    child.scope_title = scopes[scope.parent].title;
    child.express = scope.owner->processor_execution_type == "EXPRESS";
    // The child is an execution: its StartAt is a top level, its loops have ways in and out.
    StateGraph child_graph = StateGraph::Build(*scope.machine);
    child.report = AnalyzeHistoryBudget(*scope.machine, child_graph, options);
    child.largest_nominal = Largest(child.report, /*every_retry=*/false);
    child.largest_every_retry = Largest(child.report, /*every_retry=*/true);
    out.push_back(std::move(child));
  }
  return out;
}

bool HasAnyLoop(const BudgetReport& report) {
  if (!report.loops.empty()) return true;
  for (const ChildBudget& child : report.children) {
    if (HasAnyLoop(child.report)) return true;
  }
  return false;
}

}  // namespace asl
