#include "asl/analysis/graph_search.h"

#include <algorithm>

namespace asl::graph_search {

namespace {

bool IsTransition(const GraphEdge& edge) {
  return edge.kind != EdgeKind::kStartsNested && edge.kind != EdgeKind::kCatch;
}
bool IsStateEdge(const GraphEdge& edge) { return edge.kind != EdgeKind::kStartsNested; }

// The distinct targets of v's edges that `follow` accepts, in edge order.
template <typename Follow>
std::vector<GraphVertexId> DistinctTargets(const StateGraphType& g, GraphVertexId v,
                                           Follow follow) {
  std::vector<GraphVertexId> targets;
  for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) {
    if (!follow(g[*it])) continue;
    GraphVertexId w = boost::target(*it, g);
    if (std::find(targets.begin(), targets.end(), w) == targets.end()) targets.push_back(w);
  }
  return targets;
}

// A depth-first enumeration of simple paths without recursion: one frame per vertex on the
// path, holding the successors still to try.
struct PathFrame {
  GraphVertexId vertex;
  std::vector<GraphVertexId> successors;
  size_t next = 0;
};

}  // namespace

SearchBudget BudgetFor(const StateGraph& graph, size_t per_element, size_t floor) {
  const StateGraphType& g = graph.graph();
  size_t elements = boost::num_vertices(g) + boost::num_edges(g);
  return SearchBudget(std::max(floor, elements * per_element));
}

StepExit EdgeExit(const StateGraphType& g, GraphVertexId u, GraphVertexId v) {
  bool any = false;
  for (auto [it, end] = boost::out_edges(u, g); it != end; ++it) {
    if (boost::target(*it, g) != v) continue;
    if (g[*it].kind == EdgeKind::kStartsNested) continue;
    if (g[*it].kind != EdgeKind::kCatch) return StepExit::kNext;
    any = true;
  }
  return any ? StepExit::kCatch : StepExit::kNext;
}

// Hawick and James's algorithm (boost/graph/hawick_circuits.hpp), unrolled into loops over an
// explicit stack. Two things make it near-linear where Boost's is quadratic: the search from a
// start vertex stays inside its strongly connected component, and a start with no edge into it
// from a later vertex of the component is skipped (no cycle can have it as least vertex); the
// blocked marks and closed lists are reset only where the search touched them.
CycleList ElementaryCycles(const StateGraphType& g, const std::vector<int>& component,
                           size_t cap, SearchBudget& budget) {
  CycleList out;
  const size_t n = boost::num_vertices(g);
  // Successors in the same component, distinct and ascending (hawick_unique_circuits takes them
  // from a std::set). A component is a loop when it has two vertices or a self-loop.
  std::vector<std::vector<GraphVertexId>> successors(n);
  std::vector<size_t> component_size;
  for (GraphVertexId v = 0; v < n; ++v) {
    size_t c = static_cast<size_t>(component[v]);
    if (c >= component_size.size()) component_size.resize(c + 1, 0);
    ++component_size[c];
  }
  std::vector<bool> has_self_loop(n, false);
  for (GraphVertexId v = 0; v < n; ++v) {
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) {
      GraphVertexId w = boost::target(*it, g);
      if (component[w] != component[v]) continue;
      successors[v].push_back(w);
      has_self_loop[v] = has_self_loop[v] || w == v;
    }
    std::sort(successors[v].begin(), successors[v].end());
    successors[v].erase(std::unique(successors[v].begin(), successors[v].end()),
                        successors[v].end());
    if (!budget.Spend(1 + successors[v].size())) {
      out.truncated = true;
      return out;
    }
  }

  std::vector<bool> blocked(n, false);
  std::vector<std::vector<GraphVertexId>> closed(n);  // closed[w]: vertices to unblock with w
  std::vector<GraphVertexId> touched;
  std::vector<GraphVertexId> stack;  // the current path, from the start vertex
  struct CircuitFrame {
    GraphVertexId vertex;
    size_t next = 0;
    bool found = false;
  };
  std::vector<CircuitFrame> frames;
  std::vector<GraphVertexId> to_unblock;

  auto unblock = [&](GraphVertexId u) {
    blocked[u] = false;
    to_unblock.assign(1, u);
    while (!to_unblock.empty()) {
      GraphVertexId x = to_unblock.back();
      to_unblock.pop_back();
      std::vector<GraphVertexId>& list = closed[x];
      while (!list.empty()) {
        GraphVertexId w = list.back();
        list.pop_back();
        if (blocked[w]) {
          blocked[w] = false;
          to_unblock.push_back(w);
        }
      }
    }
  };

  for (GraphVertexId start = 0; start < n; ++start) {
    size_t c = static_cast<size_t>(component[start]);
    if (component_size[c] < 2 && !has_self_loop[start]) continue;
    // The least vertex of a cycle is entered from a vertex at least as late as itself.
    bool entered_from_later = false;
    for (auto [it, end] = boost::in_edges(start, g); it != end && !entered_from_later; ++it) {
      GraphVertexId u = boost::source(*it, g);
      entered_from_later = u >= start && component[u] == component[start];
    }
    if (!entered_from_later) continue;

    auto push = [&](GraphVertexId v) {
      stack.push_back(v);
      blocked[v] = true;
      touched.push_back(v);
      frames.push_back({v});
    };
    push(start);
    while (!frames.empty()) {
      CircuitFrame& frame = frames.back();
      const std::vector<GraphVertexId>& next = successors[frame.vertex];
      if (frame.next < next.size()) {
        if (!budget.Spend()) {
          out.truncated = true;
          return out;
        }
        GraphVertexId w = next[frame.next++];
        if (w < start) continue;
        if (w == start) {
          out.cycles.push_back(stack);
          frame.found = true;
          if (out.cycles.size() >= cap) {
            out.truncated = true;
            return out;
          }
        } else if (!blocked[w]) {
          push(w);
        }
        continue;
      }
      // Every successor tried: unblock the vertex if a cycle went through it, else keep it
      // blocked until one of its successors is unblocked.
      GraphVertexId v = frame.vertex;
      bool found = frame.found;
      if (found) {
        unblock(v);
      } else {
        for (GraphVertexId w : next) {
          if (w < start) continue;
          std::vector<GraphVertexId>& list = closed[w];
          if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
        }
      }
      stack.pop_back();
      frames.pop_back();
      if (found && !frames.empty()) frames.back().found = true;
    }
    for (GraphVertexId v : touched) {
      blocked[v] = false;
      closed[v].clear();
    }
    touched.clear();
  }
  return out;
}

namespace {

// The simple paths from `from`, depth first, along the edges `follows` admits and through the
// vertices `reaches` marks. Each step leaves its vertex as `exit_of(v, w)` says; `arrive(w, path)`
// says whether w ends a path (it appends what ends the path to `out`). Stops at `cap` paths or
// when the budget is spent. Iterative: a chain of thousands of states must not use the stack.
template <typename EdgeFilter, typename ExitOf, typename Arrive>
void SimplePaths(const StateGraphType& g, GraphVertexId from, const std::vector<bool>& reaches,
                 EdgeFilter follows, ExitOf exit_of, Arrive arrive, size_t cap,
                 SearchBudget& budget, std::vector<StatePath>& out) {
  std::vector<bool> on_path(boost::num_vertices(g), false);
  StatePath path;
  std::vector<PathFrame> frames;
  auto enter = [&](GraphVertexId v) {
    on_path[v] = true;
    frames.push_back({v, DistinctTargets(g, v, follows)});
  };
  enter(from);
  while (!frames.empty()) {
    PathFrame& frame = frames.back();
    if (frame.next == frame.successors.size()) {
      on_path[frame.vertex] = false;
      frames.pop_back();
      if (!path.empty()) path.pop_back();
      continue;
    }
    if (!budget.Spend()) return;
    GraphVertexId v = frame.vertex;
    GraphVertexId w = frame.successors[frame.next++];
    if (on_path[w] || !reaches[w]) continue;
    path.push_back({g[v].state, exit_of(v, w)});
    if (arrive(w, path)) {
      path.pop_back();
      if (out.size() >= cap) return;
      continue;
    }
    enter(w);
  }
}

}  // namespace

std::vector<StatePath> PathsTo(const StateGraph& graph, GraphVertexId from, GraphVertexId to,
                               const std::vector<bool>& avoid, size_t cap,
                               SearchBudget& budget) {
  const StateGraphType& g = graph.graph();
  std::vector<StatePath> out;
  if (cap == 0) return out;
  if (from == to) {
    out.emplace_back();
    return out;
  }
  const size_t n = boost::num_vertices(g);
  if (!budget.Spend(n + boost::num_edges(g))) return out;
  // The path expands no terminal state and no `avoid` vertex; only vertices that can still
  // reach `to` that way are worth entering.
  std::vector<bool> stops(n, false);
  for (GraphVertexId v = 0; v < n; ++v) stops[v] = avoid[v] || g[v].state->IsTerminal();
  std::vector<bool> reaches =
      CanReach(g, stops, [to](GraphVertexId v) { return v == to; }, IsTransition);
  if (!reaches[from] || stops[from]) return out;
  SimplePaths(
      g, from, reaches, IsTransition, [](GraphVertexId, GraphVertexId) { return StepExit::kNext; },
      [&](GraphVertexId w, const StatePath& path) {
        if (w != to) return false;
        out.push_back(path);
        return true;
      },
      cap, budget, out);
  return out;
}

std::vector<bool> ReachesEnd(const StateGraph& graph, const std::vector<bool>& avoid) {
  const StateGraphType& g = graph.graph();
  return CanReach(
      g, avoid, [&](GraphVertexId v) { return !avoid[v] && g[v].state->IsTerminal(); },
      IsStateEdge);
}

std::vector<StatePath> PathsToEnd(const StateGraph& graph, GraphVertexId from,
                                  const std::vector<bool>& avoid,
                                  const std::vector<bool>& reaches, size_t cap,
                                  SearchBudget& budget) {
  const StateGraphType& g = graph.graph();
  std::vector<StatePath> out;
  if (cap == 0 || avoid[from]) return out;
  if (g[from].state->IsTerminal()) {
    out.push_back({{g[from].state, StepExit::kEnd}});
    return out;
  }
  if (!reaches[from]) return out;
  SimplePaths(
      g, from, reaches, IsStateEdge,
      [&](GraphVertexId v, GraphVertexId w) { return EdgeExit(g, v, w); },
      [&](GraphVertexId w, const StatePath& path) {
        if (!g[w].state->IsTerminal()) return false;
        out.push_back(path);
        out.back().push_back({g[w].state, StepExit::kEnd});
        return true;
      },
      cap, budget, out);
  return out;
}

namespace {

std::vector<StatePath> TerminalPaths(const StateMachine& machine, size_t cap, bool& has_cycle,
                                     SearchBudget& budget, bool to_fail) {
  std::vector<StatePath> out;
  if (machine.start_at == kNoState || cap == 0) return out;
  const size_t n = machine.states.size();
  // Transitions (a Choice rule or Default per target, in the order written; Catch edges are
  // not followed) and the states that can reach a successful end through them.
  std::vector<std::vector<StateId>> next(n);
  std::vector<std::vector<StateId>> previous(n);
  for (StateId id = 0; id < n; ++id) {
    const State& state = machine.states[id];
    if (state.IsTerminal()) continue;
    auto add = [&](StateId to) {
      if (to == kNoState) return;
      next[id].push_back(to);
      previous[to].push_back(id);
    };
    add(state.next);
    for (const ChoiceBranch& branch : state.choices) add(branch.next);
    add(state.default_next);
  }
  if (!budget.Spend(2 * n)) return out;
  std::vector<bool> reaches(n, false);
  std::vector<StateId> queue;
  for (StateId id = 0; id < n; ++id) {
    const State& state = machine.states[id];
    if (state.IsTerminal() && (state.type == StateType::kFail) == to_fail) {
      reaches[id] = true;
      queue.push_back(id);
    }
  }
  for (size_t i = 0; i < queue.size(); ++i) {
    for (StateId from : previous[queue[i]]) {
      if (!reaches[from]) {
        reaches[from] = true;
        queue.push_back(from);
      }
    }
  }
  if (!reaches[machine.start_at]) return out;

  std::vector<bool> on_path(n, false);
  StatePath path;
  struct StateFrame {
    StateId id;
    size_t next = 0;
  };
  std::vector<StateFrame> frames;
  auto enter = [&](StateId id) {
    const State& state = machine.states[id];
    if (state.IsTerminal()) {
      path.push_back({&state, StepExit::kEnd});
      out.push_back(path);
      path.pop_back();
      return;
    }
    on_path[id] = true;
    frames.push_back({id});
  };
  enter(machine.start_at);
  while (!frames.empty() && out.size() < cap) {
    StateFrame& frame = frames.back();
    if (frame.next == next[frame.id].size()) {
      on_path[frame.id] = false;
      frames.pop_back();
      if (!path.empty()) path.pop_back();
      continue;
    }
    if (!budget.Spend()) return out;
    StateId id = frame.id;
    StateId to = next[id][frame.next++];
    if (on_path[to]) {
      has_cycle = true;
      continue;
    }
    if (!reaches[to]) continue;
    path.push_back({&machine.states[id], StepExit::kNext});
    size_t depth = frames.size();
    enter(to);
    if (frames.size() == depth) path.pop_back();  // a terminal state: recorded, not entered
  }
  return out;
}

}  // namespace

std::vector<StatePath> SuccessPaths(const StateMachine& machine, size_t cap, bool& has_cycle,
                                    SearchBudget& budget) {
  return TerminalPaths(machine, cap, has_cycle, budget, /*to_fail=*/false);
}

std::vector<StatePath> FailurePaths(const StateMachine& machine, size_t cap, bool& has_cycle,
                                    SearchBudget& budget) {
  return TerminalPaths(machine, cap, has_cycle, budget, /*to_fail=*/true);
}

}  // namespace asl::graph_search
