#include "asl/analysis/state_graph.h"

#include <fmt/format.h>

#include <functional>
#include <string_view>

#include "asl/analysis/distributed_map_facts.h"

namespace asl {

int StateGraph::AddScope(const StateMachine& machine, int parent, const State* owner,
                         std::string title) {
  int scope = static_cast<int>(scopes_.size());
  scopes_.push_back({&machine, parent, owner, std::move(title), 0});
  first_vertex_.push_back(boost::num_vertices(graph_));
  for (const State& state : machine.states) {
    boost::add_vertex(GraphVertex{&state, &machine, scope}, graph_);
  }
  if (machine.start_at != kNoState) scopes_[scope].start = VertexOf(scope, machine.start_at);

  // Nested machines first, so every vertex exists before edges are drawn.
  for (StateId id = 0; id < machine.states.size(); ++id) {
    const State& state = machine.states[id];
    for (size_t b = 0; b < state.branches.size(); ++b) {
      int child = AddScope(*state.branches[b], scope, &state,
                           fmt::format("Parallel \"{}\" branch {}", state.name, b));
      if (state.branches[b]->start_at != kNoState) {
        boost::add_edge(VertexOf(scope, id), scopes_[child].start,
                        GraphEdge{EdgeKind::kStartsNested, ""}, graph_);
      }
    }
    if (state.processor) {
      int child = AddScope(*state.processor, scope, &state,
                           fmt::format("Map \"{}\" item processor", state.name));
      if (state.processor->start_at != kNoState) {
        boost::add_edge(VertexOf(scope, id), scopes_[child].start,
                        GraphEdge{EdgeKind::kStartsNested, ""}, graph_);
      }
    }
  }
  for (StateId id = 0; id < machine.states.size(); ++id) {
    const State& state = machine.states[id];
    GraphVertexId from = VertexOf(scope, id);
    auto edge = [&](StateId to, EdgeKind kind, std::string label) {
      if (to != kNoState) boost::add_edge(from, VertexOf(scope, to), GraphEdge{kind, label}, graph_);
    };
    edge(state.next, EdgeKind::kNext, "");
    for (size_t i = 0; i < state.choices.size(); ++i) {
      edge(state.choices[i].next, EdgeKind::kChoice, fmt::format("rule {}", i));
    }
    edge(state.default_next, EdgeKind::kDefault, "Default");
    for (const Catcher& catcher : state.catchers) {
      edge(catcher.next, EdgeKind::kCatch, fmt::format("catch {}",
                                                      fmt::join(catcher.error_equals, ", ")));
    }
  }
  return scope;
}

StateGraph StateGraph::Build(const StateMachine& machine) {
  StateGraph g;
  g.AddScope(machine, -1, nullptr, "");
  return g;
}

namespace {
std::string DotEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

const char* ShapeOf(const State& state) {
  switch (state.type) {
    case StateType::kChoice: return "diamond";
    case StateType::kTask: return "box";
    case StateType::kWait: return "hexagon";
    case StateType::kParallel:
    case StateType::kMap: return "box3d";
    case StateType::kSucceed:
    case StateType::kFail: return "doubleoctagon";
    case StateType::kPass: return "ellipse";
  }
  return "ellipse";
}
}  // namespace

std::string StateGraph::ToDot(const std::string& title) const {
  std::string out = fmt::format("digraph \"{}\" {{\n  rankdir=TB;\n  compound=true;\n"
                                "  node [fontname=\"Helvetica\", fontsize=11];\n",
                                DotEscape(title));
  auto vertex_line = [&](GraphVertexId v, std::string_view indent) {
    const State& s = *graph_[v].state;
    std::string label = fmt::format("{}\\n({})", DotEscape(s.name), StateTypeName(s.type));
    if (s.resource) label += fmt::format("\\n{}", DotEscape(s.resource->arn));
    // A Distributed Map's S3 source and sink, as a Task's resource is drawn.
    if (IsDistributedMap(s) && HasItemReader(s)) {
      label += fmt::format("\\nitems: {}", DotEscape(DescribeItemSource(s)));
    }
    if (IsDistributedMap(s) && ExportsResults(s)) {
      label += fmt::format("\\nresults: {}", DotEscape(DescribeResultSink(s)));
    }
    std::string extra = s.end ? ", peripheries=2" : "";
    if (s.type == StateType::kFail) extra += ", color=red";
    if (s.type == StateType::kSucceed) extra += ", color=darkgreen";
    return fmt::format("{}n{} [label=\"{}\", shape={}{}];\n", indent, v, label, ShapeOf(s),
                       extra);
  };
  // Draw each scope as a cluster nested in its parent's.
  std::function<void(int, int)> draw_scope = [&](int scope, int depth) {
    std::string indent(2 * (depth + 1), ' ');
    if (scope != 0) {
      out += fmt::format("{}subgraph cluster_{} {{\n{}  label=\"{}\";\n{}  style=rounded;\n",
                         std::string(2 * depth, ' '), scope, indent.substr(2),
                         DotEscape(scopes_[scope].title), indent.substr(2));
    }
    const StateMachine& m = *scopes_[scope].machine;
    for (StateId id = 0; id < m.states.size(); ++id) out += vertex_line(VertexOf(scope, id), indent);
    for (size_t child = 0; child < scopes_.size(); ++child) {
      if (scopes_[child].parent == scope) draw_scope(static_cast<int>(child), depth + 1);
    }
    if (scope != 0) out += fmt::format("{}}}\n", std::string(2 * depth, ' '));
  };
  out += "  start [shape=point, width=0.15];\n";
  draw_scope(0, 0);
  if (!scopes_.empty() && scopes_[0].machine->start_at != kNoState) {
    out += fmt::format("  start -> n{};\n", scopes_[0].start);
  }
  auto edges = boost::edges(graph_);
  for (auto it = edges.first; it != edges.second; ++it) {
    const GraphEdge& e = graph_[*it];
    GraphVertexId from = boost::source(*it, graph_);
    GraphVertexId to = boost::target(*it, graph_);
    std::string attrs;
    switch (e.kind) {
      case EdgeKind::kNext: break;
      case EdgeKind::kChoice: attrs = fmt::format(" [label=\"{}\"]", DotEscape(e.label)); break;
      case EdgeKind::kDefault: attrs = " [label=\"Default\", style=dashed]"; break;
      case EdgeKind::kCatch:
        attrs = fmt::format(" [label=\"{}\", color=red, fontcolor=red]", DotEscape(e.label));
        break;
      case EdgeKind::kStartsNested: attrs = " [style=dotted, arrowhead=open]"; break;
    }
    out += fmt::format("  n{} -> n{}{};\n", from, to, attrs);
  }
  out += "}\n";
  return out;
}

}  // namespace asl
