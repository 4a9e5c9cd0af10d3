// StateGraph::ToJsonText: the state graph as data for the HTML report's drawing.

#include "asl/analysis/state_graph.h"
#include "asl/base/json.h"

namespace asl {

namespace {

const char* EdgeKindName(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::kNext: return "next";
    case EdgeKind::kChoice: return "choice";
    case EdgeKind::kDefault: return "default";
    case EdgeKind::kCatch: return "catch";
    case EdgeKind::kStartsNested: return "nested";
  }
  return "next";
}

}  // namespace

std::string StateGraph::ToJsonText() const {
  Json nodes = Json::array();
  auto vertices = boost::vertices(graph_);
  for (auto it = vertices.first; it != vertices.second; ++it) {
    const GraphVertex& v = graph_[*it];
    nodes.push_back({{"id", *it}, {"name", v.state->name}, {"type", StateTypeName(v.state->type)},
                     {"scope", v.scope}, {"end", v.state->end}});
  }
  Json edges = Json::array();
  auto all = boost::edges(graph_);
  for (auto it = all.first; it != all.second; ++it) {
    const GraphEdge& e = graph_[*it];
    edges.push_back({{"from", boost::source(*it, graph_)}, {"to", boost::target(*it, graph_)},
                     {"kind", EdgeKindName(e.kind)}, {"label", e.label}});
  }
  Json scopes = Json::array();
  for (const GraphScope& scope : scopes_) {
    scopes.push_back({{"title", scope.title}, {"parent", scope.parent}});
  }
  Json out = {{"nodes", std::move(nodes)}, {"edges", std::move(edges)},
              {"scopes", std::move(scopes)}};
  if (!scopes_.empty() && scopes_[0].machine->start_at != kNoState) out["start"] = scopes_[0].start;
  return out.dump();
}

}  // namespace asl
