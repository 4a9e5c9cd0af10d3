#pragma once
// The searches the history budget runs on the state graph: elementary cycles, simple paths into
// a loop and out of it, the successful paths of a nested machine. All are written without
// recursion (a 50,000-state chain is 50,000 levels deep) and spend from one SearchBudget, so a
// definition whose paths multiply cannot make an analysis run for minutes: the search stops and
// the report says it is truncated.

#include <cstddef>
#include <vector>

#include "asl/analysis/history_budget.h"
#include "asl/analysis/state_graph.h"
#include "asl/model/state_machine.h"

namespace asl::graph_search {

// Steps (edges looked at, vertices visited) one analysis may spend. Enough for every path and
// cycle the reports list on any definition AWS accepts (1 MiB, at most some 30,000 states);
// beyond it a search ends early, as if its result cap had been reached.
class SearchBudget {
 public:
  explicit SearchBudget(size_t steps) : left_(steps) {}
  // Takes `n` steps; false (and stays false) once the budget is spent.
  bool Spend(size_t n = 1) {
    if (left_ < n) {
      left_ = 0;
      exhausted_ = true;
      return false;
    }
    left_ -= n;
    return true;
  }
  bool exhausted() const { return exhausted_; }

 private:
  size_t left_;
  bool exhausted_ = false;
};

// A budget proportional to the graph: `per_element` steps per vertex and edge, and at least
// `floor`.
SearchBudget BudgetFor(const StateGraph& graph, size_t per_element = 64,
                       size_t floor = 4'000'000);

// How an edge u -> v is taken: a transition if any non-Catch edge joins them, else a Catch.
StepExit EdgeExit(const StateGraphType& g, GraphVertexId u, GraphVertexId v);

// The elementary cycles of the graph, as boost::hawick_unique_circuits lists them (the same
// cycles in the same order: by their least vertex, then depth-first in ascending vertex order),
// at most `cap` of them. `component` is each vertex's strongly connected component: a cycle
// lies inside one, so the search never leaves it. `truncated` when the cap or the budget ended
// the search.
struct CycleList {
  std::vector<std::vector<GraphVertexId>> cycles;
  bool truncated = false;
};
CycleList ElementaryCycles(const StateGraphType& g, const std::vector<int>& component,
                           size_t cap, SearchBudget& budget);

// Which vertices can reach a vertex for which `goal` holds, walking edges `follow` accepts and
// never through a vertex `blocked` marks (a goal vertex counts even when blocked).
template <typename Goal, typename Follow>
std::vector<bool> CanReach(const StateGraphType& g, const std::vector<bool>& blocked, Goal goal,
                           Follow follow);

// Simple paths from `from` to `to` through transitions only (no Catch edges, no terminal state
// or `avoid` vertex on the way); the path lists the states before `to`. At most `cap`.
std::vector<StatePath> PathsTo(const StateGraph& graph, GraphVertexId from, GraphVertexId to,
                               const std::vector<bool>& avoid, size_t cap, SearchBudget& budget);

// Which vertices can reach a terminal state without passing through `avoid` (any edges but
// the ones into a nested machine): what PathsToEnd searches, computed once for many searches.
std::vector<bool> ReachesEnd(const StateGraph& graph, const std::vector<bool>& avoid);

// Simple paths from `from` to a terminal state avoiding `avoid` (any edges but the ones into a
// nested machine), each ending with the terminal state (StepExit::kEnd). At most `cap`.
// `reaches_end` is ReachesEnd(graph, avoid).
std::vector<StatePath> PathsToEnd(const StateGraph& graph, GraphVertexId from,
                                  const std::vector<bool>& avoid,
                                  const std::vector<bool>& reaches_end, size_t cap,
                                  SearchBudget& budget);

// Paths of a nested machine from StartAt to a successful end (Succeed or End), through
// transitions only (no Catch), at most `cap`. `has_cycle` is set when a transition leads back
// to a state already on the path (such a loop is taken once).
std::vector<StatePath> SuccessPaths(const StateMachine& machine, size_t cap, bool& has_cycle,
                                    SearchBudget& budget);
// The same, to a Fail state: how a nested machine ends when it cannot succeed.
std::vector<StatePath> FailurePaths(const StateMachine& machine, size_t cap, bool& has_cycle,
                                    SearchBudget& budget);

// ---------------------------------------------------------------------------------------------

template <typename Goal, typename Follow>
std::vector<bool> CanReach(const StateGraphType& g, const std::vector<bool>& blocked, Goal goal,
                           Follow follow) {
  const size_t n = boost::num_vertices(g);
  std::vector<bool> reaches(n, false);
  std::vector<GraphVertexId> queue;
  for (GraphVertexId v = 0; v < n; ++v) {
    if (goal(v)) {
      reaches[v] = true;
      queue.push_back(v);
    }
  }
  for (size_t next = 0; next < queue.size(); ++next) {
    for (auto [it, end] = boost::in_edges(queue[next], g); it != end; ++it) {
      GraphVertexId u = boost::source(*it, g);
      if (reaches[u] || blocked[u] || !follow(g[*it])) continue;
      reaches[u] = true;
      queue.push_back(u);
    }
  }
  return reaches;
}

}  // namespace asl::graph_search
