#pragma once
// The state graph of a definition, as a Boost.Graph adjacency list: one vertex per state at any
// depth (Parallel branches and Map item processors included), one edge per possible transition
// (Next, a Choice rule, Default, a Catch), plus "starts" edges from a Parallel or Map state to
// the first state of each nested machine. Analyses (reachability, loops, history budgets) and
// the DOT drawing work on it.

#include <boost/graph/adjacency_list.hpp>
#include <string>
#include <vector>

#include "asl/model/state_machine.h"

namespace asl {

enum class EdgeKind : uint8_t { kNext, kChoice, kDefault, kCatch, kStartsNested };

struct GraphVertex {
  const State* state = nullptr;
  const StateMachine* machine = nullptr;  // the machine that holds the state
  int scope = 0;  // index into StateGraph::scopes() of that machine
};

struct GraphEdge {
  EdgeKind kind = EdgeKind::kNext;
  std::string label;  // the Choice rule index, the Catch's error names …
};

using StateGraphType = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                             GraphVertex, GraphEdge>;
using GraphVertexId = StateGraphType::vertex_descriptor;

// A machine (top level or nested) and where it sits.
struct GraphScope {
  const StateMachine* machine = nullptr;
  int parent = -1;                 // enclosing scope, -1 for the top level
  const State* owner = nullptr;    // the Parallel or Map state that holds it
  std::string title;               // "Parallel \"P\" branch 1", "Map \"M\" item processor"
  GraphVertexId start = 0;         // vertex of its StartAt state
};

class StateGraph {
 public:
  static StateGraph Build(const StateMachine& machine);

  const StateGraphType& graph() const { return graph_; }
  const std::vector<GraphScope>& scopes() const { return scopes_; }
  // Vertex of a state of a given scope.
  GraphVertexId VertexOf(int scope, StateId id) const { return first_vertex_[scope] + id; }

  // Graphviz DOT: nested machines drawn as clusters, the start marked, terminal states doubled.
  std::string ToDot(const std::string& title) const;
  // The same drawing as data, for drawings made elsewhere (the HTML report lays it out):
  // {"nodes": [{"id", "name", "type", "scope", "end"}], "edges": [{"from", "to", "kind",
  // "label"}], "scopes": [{"title", "parent"}], "start": id}. Written in state_graph_json.cc.
  std::string ToJsonText() const;

 private:
  int AddScope(const StateMachine& machine, int parent, const State* owner, std::string title);

  StateGraphType graph_;
  std::vector<GraphScope> scopes_;
  std::vector<GraphVertexId> first_vertex_;
};

}  // namespace asl
