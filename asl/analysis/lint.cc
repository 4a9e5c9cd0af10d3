#include "asl/analysis/lint.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>
#include <unordered_map>

#include "asl/analysis/graph_search.h"
#include "asl/analysis/history_budget.h"
#include "asl/analysis/lint_distributed_map.h"
#include "asl/analysis/lint_markers.h"
#include "asl/base/error_names.h"

namespace asl {

namespace {

struct LintCodeInfo {
  std::string_view code;
  LintSeverity severity;
  std::string_view title;
};

constexpr LintCodeInfo kLintCodes[] = {
#define ASL_LINT(id, code, severity, title) {code, LintSeverity::severity, title},
#include "asl/analysis/lint_codes.def"
#undef ASL_LINT
};

const LintCodeInfo& InfoOf(LintCode code) { return kLintCodes[static_cast<size_t>(code)]; }

}  // namespace

const char* LintSeverityName(LintSeverity severity) {
  switch (severity) {
    case LintSeverity::kError: return "error";
    case LintSeverity::kWarning: return "warning";
    case LintSeverity::kInfo: return "info";
  }
  return "info";
}

std::string_view LintCodeString(LintCode code) { return InfoOf(code).code; }
std::string_view LintCodeTitle(LintCode code) { return InfoOf(code).title; }
LintSeverity LintCodeSeverity(LintCode code) { return InfoOf(code).severity; }

std::vector<LintCode> AllLintCodes() {
  std::vector<LintCode> codes;
  for (size_t i = 0; i < std::size(kLintCodes); ++i) codes.push_back(static_cast<LintCode>(i));
  return codes;
}

namespace {

std::string LintNumber(int64_t n) { return GroupDigits(n); }

// A cycle printed closed: "A -> B -> A".
std::string ClosedPath(const StatePath& cycle) {
  if (cycle.empty()) return "";
  return FormatPath(cycle) + " -> " + cycle.front().state->name;
}

// A cycle rotated to start at `state` when it passes through it.
StatePath RotatedTo(const StatePath& cycle, const State* state) {
  for (size_t i = 0; i < cycle.size(); ++i) {
    if (cycle[i].state != state) continue;
    StatePath out(cycle.begin() + static_cast<std::ptrdiff_t>(i), cycle.end());
    out.insert(out.end(), cycle.begin(), cycle.begin() + static_cast<std::ptrdiff_t>(i));
    return out;
  }
  return cycle;
}

// Whether a Choice rule (as written) compares numbers anywhere in it.
bool HasNumericComparison(const Json& rule) {
  if (rule.is_object()) {
    for (auto it = rule.begin(); it != rule.end(); ++it) {
      if (it.key().rfind("Numeric", 0) == 0) return true;
      if ((it.key() == "And" || it.key() == "Or" || it.key() == "Not") &&
          HasNumericComparison(it.value())) {
        return true;
      }
    }
  } else if (rule.is_array()) {
    for (const Json& item : rule) {
      if (HasNumericComparison(item)) return true;
    }
  }
  return false;
}

// Transient errors a retrier should cover: throttling, service-side 5xx, client/network errors.
bool IsTransientErrorName(std::string_view name) {
  if (name == errors::kAll || name == errors::kTaskFailed) return true;
  static constexpr std::string_view kTransientParts[] = {
      "Throttl",          "TooManyRequests", "SdkClient",       "ServiceException",
      "InternalServer",   "InternalError",   "ServiceUnavailable", "LimitExceeded",
      "ThroughputExceeded", "AWSLambdaException", "AWSStepFunctionsException", "Lambda.Unknown"};
  for (std::string_view part : kTransientParts) {
    if (name.find(part) != std::string_view::npos) return true;
  }
  return false;
}

// What to suggest retrying for a resource: the services' transient errors as the caller knows
// them (AWS's <Service>.<Code>Exception names, docs/reference/aws-semantics.md §8.3), for the
// optimized integrations and bare Lambda ARNs.
std::string TransientSuggestion(const TaskResource& resource, const IntegrationFacts* facts) {
  if (facts) {
    std::string_view service;
    if (resource.kind == ResourceKind::kLambda) service = "lambda";
    else if (resource.kind == ResourceKind::kOptimized) service = resource.service;
    auto it = facts->retry_suggestions.find(service);
    if (!service.empty() && it != facts->retry_suggestions.end()) return it->second;
  }
  return "the service's throttling and server errors";
}

class Linter {
 public:
  Linter(const StateMachine& machine, const StateGraph& graph, const Json* document,
         const LintOptions& options)
      : machine_(machine), graph_(graph), g_(graph.graph()), document_(document),
        options_(options) {}

  std::vector<LintFinding> Run();

 private:
  void Add(LintCode code, const State* state, std::string path, std::string message) {
    LintFinding f;
    f.code = code;
    f.severity = LintCodeSeverity(code);
    if (state) {
      f.state = state->name;
      f.pointer = state->pointer;
    }
    f.path = std::move(path);
    f.message = std::move(message);
    findings_.push_back(std::move(f));
  }
  void CheckTerminalReachable(const std::vector<bool>& in_closed_loop);
  void CheckLoops();
  // `limit` 0: no history limit (EXPRESS). `context` follows "the loop" in the messages.
  void CheckTopLevelLoop(const Loop& loop, const Loop* zero_items, int64_t limit,
                         std::string_view context);
  void CheckNestedLoop(const Loop& loop, int64_t limit, std::string_view context);
  // The loops of Distributed Maps' children: each child is an execution of its own.
  void CheckChildLoops(const std::vector<ChildBudget>& children,
                       const std::vector<ChildBudget>* zero);
  void CheckStates();
  const Json* RuleJson(const State& state, size_t rule) const;

  const StateMachine& machine_;
  const StateGraph& graph_;
  const StateGraphType& g_;
  const Json* document_;
  const LintOptions& options_;
  std::vector<LintFinding> findings_;
};

const Json* Linter::RuleJson(const State& state, size_t rule) const {
  if (!document_) return nullptr;
  std::string pointer = fmt::format("{}/Choices/{}", state.pointer, rule);
  try {
    const Json& value = document_->at(Json::json_pointer(pointer));
    return &value;
  } catch (const std::exception&) {
    return nullptr;
  }
}

// A path "A -> B -> C" known by its ends: the first and last kEnds states and its length, so
// that the paths of all the states of a long chain are known in linear time and printed on one
// line each (the output of a 30,000-state chain must not be quadratic).
struct PathEnds {
  static constexpr size_t kEnds = 8;
  std::vector<GraphVertexId> first;
  std::vector<GraphVertexId> last;  // the last min(length, kEnds) states
  size_t length = 0;

  static PathEnds Of(GraphVertexId v) { return {{v}, {v}, 1}; }
  // `v` followed by `rest`.
  static PathEnds Before(GraphVertexId v, const PathEnds& rest) {
    PathEnds out;
    out.length = rest.length + 1;
    out.first.push_back(v);
    for (size_t i = 0; i < rest.first.size() && out.first.size() < kEnds; ++i) {
      out.first.push_back(rest.first[i]);
    }
    if (rest.length >= kEnds) {
      out.last = rest.last;
    } else {
      out.last.push_back(v);
      out.last.insert(out.last.end(), rest.last.begin(), rest.last.end());
    }
    return out;
  }
  template <typename NameOf>
  std::string Text(NameOf name_of) const {
    std::vector<std::string> shown;
    for (GraphVertexId v : first) shown.push_back(name_of(v));
    if (length > first.size() + last.size()) {
      shown.push_back(fmt::format("... ({} more)", LintNumber(static_cast<int64_t>(
                                                       length - first.size() - last.size()))));
    }
    // The last states not already among the first.
    size_t tail = std::min(last.size(), length - first.size());
    for (size_t i = last.size() - tail; i < last.size(); ++i) shown.push_back(name_of(last[i]));
    return fmt::format("{}", fmt::join(shown, " -> "));
  }
};

void Linter::CheckTerminalReachable(const std::vector<bool>& in_closed_loop) {
  const size_t n = boost::num_vertices(g_);
  auto state_edge = [](const GraphEdge& e) { return e.kind != EdgeKind::kStartsNested; };
  // Backwards from every terminal state, through same-scope edges.
  std::vector<bool> no_stop(n, false);
  std::vector<bool> reaches = graph_search::CanReach(
      g_, no_stop, [&](GraphVertexId v) { return g_[v].state->IsTerminal(); }, state_edge);
  // The distance of every state to the nearest state of a loop that never ends, backwards from
  // all of them at once. From a state, the shortest way in follows, at each step, the first
  // edge (in edge order) that gets one closer: the path a search from that state alone, breadth
  // first, would find, for every state in one pass instead of one pass per state.
  constexpr size_t kFar = SIZE_MAX;
  std::vector<size_t> distance(n, kFar);
  std::vector<GraphVertexId> queue;
  for (GraphVertexId v = 0; v < n; ++v) {
    if (in_closed_loop[v]) {
      distance[v] = 0;
      queue.push_back(v);
    }
  }
  for (size_t next = 0; next < queue.size(); ++next) {
    GraphVertexId v = queue[next];
    for (auto [it, end] = boost::in_edges(v, g_); it != end; ++it) {
      if (!state_edge(g_[*it])) continue;
      GraphVertexId u = boost::source(*it, g_);
      if (distance[u] != kFar) continue;
      distance[u] = distance[v] + 1;
      queue.push_back(u);
    }
  }
  // Each state's way in continues its next step's: known for every state in one pass, in the
  // order of their distance.
  std::vector<PathEnds> way_in(n);
  for (GraphVertexId v : queue) {
    if (distance[v] == 0) {
      way_in[v] = PathEnds::Of(v);
      continue;
    }
    for (auto [it, end] = boost::out_edges(v, g_); it != end; ++it) {
      GraphVertexId w = boost::target(*it, g_);
      if (state_edge(g_[*it]) && distance[w] + 1 == distance[v]) {
        way_in[v] = PathEnds::Before(v, way_in[w]);
        break;
      }
    }
  }
  auto name_of = [&](GraphVertexId v) { return g_[v].state->name; };
  for (GraphVertexId v = 0; v < n; ++v) {
    if (reaches[v] || in_closed_loop[v]) continue;
    const PathEnds path = distance[v] == kFar ? PathEnds::Of(v) : way_in[v];
    Add(LintCode::kNoTerminalReachable, g_[v].state, path.Text(name_of),
        fmt::format("no terminal state (Succeed, Fail or \"End\": true) can be reached from "
                    "state \"{}\": an execution that gets there never ends by itself",
                    g_[v].state->name));
  }
}

void Linter::CheckTopLevelLoop(const Loop& loop, const Loop* zero_items, int64_t limit,
                               std::string_view context) {
  const StatePath& shown = !loop.entries.empty() ? loop.entries.front().iteration
                                                 : loop.cycles.front();
  const State* first = shown.front().state;
  std::string path = ClosedPath(shown);
  std::string more = std::string(context) +
                     (loop.cycles.size() > 1
                          ? fmt::format(" (one of {} paths through the loop)", loop.cycles.size())
                          : "");
  std::vector<std::string> per_cycle;
  for (size_t i = 0; i < loop.cycles.size(); ++i) {
    per_cycle.push_back(loop.nominal_formula[i].ToString());
  }
  std::string per_iteration = fmt::format("{}", fmt::join(per_cycle, " or "));
  bool has_map_terms = false;
  for (const IterationFormula& f : loop.nominal_formula) has_map_terms |= !f.terms.empty();

  if (!loop.exits) {
    Add(LintCode::kLoopWithoutExit, first, path,
        limit > 0
            ? fmt::format("no transition leaves the loop{}: an execution that enters it runs "
                          "until the {}-event history limit fails it ({} events per iteration)",
                          more, LintNumber(limit), per_iteration)
            : fmt::format("no transition leaves the loop{}: an execution that enters it runs "
                          "until its timeout", more));
    return;
  }
  if (limit <= 0) return;  // no history limit

  // Iterations that fit, from the budget: per route with the counts given, else unknown.
  int64_t fit = -1;
  for (const LoopRoute& route : loop.routes) {
    if (route.fails || !route.nominal.known) continue;
    fit = std::max(fit, route.nominal.max_iterations);
  }
  std::string fit_text =
      fit >= 0 ? fmt::format("; at most {} iterations fit under the limit", LintNumber(fit))
               : has_map_terms ? "; the iterations that fit depend on the Map items "
                                 "(`sfnsim budget --map-items N` counts them)"
                               : "";

  // Not even one iteration fits, even with empty Maps.
  if (zero_items) {
    bool any_route = false, one_fits = false;
    for (const LoopRoute& route : zero_items->routes) {
      if (route.fails || !route.nominal.known) continue;
      any_route = true;
      one_fits |= route.nominal.max_iterations >= 1;
    }
    if (any_route && !one_fits) {
      Add(LintCode::kIterationDoesNotFit, first, path,
          fmt::format("one iteration of the loop{} ({} events), with the way into and out of "
                      "it, already exceeds the {}-event history limit",
                      more, per_iteration, LintNumber(limit)));
      return;
    }
  }
  // ... or not with the Map items stated (--map-items): proven for those items.
  if (!options_.map_items.empty() && fit == 0) {
    Add(LintCode::kIterationDoesNotFit, first, path,
        fmt::format("with the Map items stated (--map-items), one iteration of the loop{} ({} "
                    "events), with the way into and out of it, already exceeds the {}-event "
                    "history limit",
                    more, per_iteration, LintNumber(limit)));
    return;
  }

  if (loop.hands_over) {
    std::vector<std::string> exits;
    for (const LoopRoute& route : loop.routes) {
      if (!route.hands_over) continue;
      std::string exit = FormatPath(route.exit);
      if (std::find(exits.begin(), exits.end(), exit) == exits.end()) exits.push_back(exit);
    }
    std::vector<std::string> worst;
    for (const IterationFormula& f : loop.every_retry_formula) worst.push_back(f.ToString());
    std::string worst_text = fmt::format("{}", fmt::join(worst, " or "));
    Add(LintCode::kLoopHandsOver, first, path,
        fmt::format("the loop{} hands over to a new execution through {}: {} events per "
                    "iteration{}{}; `sfnsim budget --margin M` gives the iteration to hand "
                    "over at",
                    more, fmt::join(exits, " or "), per_iteration,
                    worst_text == per_iteration
                        ? " (no Retry adds to it)"
                        : ", " + worst_text + " with every retrier used to MaxAttempts",
                    fit_text));
    // The worst case the Retry policies allow.
    for (size_t i = 0; i < loop.cycles.size(); ++i) {
      const IterationFormula& nominal = loop.nominal_formula[i];
      const IterationFormula& retry = loop.every_retry_formula[i];
      if (!retry.known || !nominal.known) continue;
      bool retries = retry.constant != nominal.constant || retry.terms.size() != nominal.terms.size();
      for (size_t t = 0; t < retry.terms.size() && t < nominal.terms.size(); ++t) {
        retries |= retry.terms[t].per_item != nominal.terms[t].per_item;
      }
      if (!retries) continue;
      const int64_t room = limit - 1;
      if (retry.terms.size() == 1 && retry.terms[0].per_item > 0) {
        int64_t items = (room - retry.constant) / retry.terms[0].per_item + 1;
        Add(LintCode::kWorstCaseExceedsLimit, first, ClosedPath(RotatedTo(loop.cycles[i], first)),
            fmt::format("with every retrier used to MaxAttempts one iteration writes {} events: "
                        "more than {} from {} items of Map \"{}\" on; the hand-over decision "
                        "must leave a margin for retried attempts ({} events each)",
                        retry.ToString(), LintNumber(room), LintNumber(std::max<int64_t>(items, 0)),
                        retry.terms[0].map->name, "3 or 4"));
      } else if (retry.terms.empty() && retry.constant > room) {
        Add(LintCode::kWorstCaseExceedsLimit, first, ClosedPath(RotatedTo(loop.cycles[i], first)),
            fmt::format("with every retrier used to MaxAttempts one iteration writes {} events, "
                        "more than the {} the limit allows", LintNumber(retry.constant),
                        LintNumber(room)));
      }
    }
    return;
  }

  // No hand-over: a numeric Choice rule on the way out may bound the iterations.
  std::string bound_state;
  for (const State* s : loop.states) {
    if (s->type != StateType::kChoice) continue;
    for (size_t i = 0; i < s->choices.size(); ++i) {
      const Json* rule = RuleJson(*s, i);
      if (rule && HasNumericComparison(*rule)) bound_state = s->name;
    }
  }
  std::vector<std::string> exits;
  for (const LoopRoute& route : loop.routes) {
    if (route.fails) continue;
    const LoopEntry& entry = loop.entries[route.entry];
    std::string at = entry.iteration[route.partial - 1].state->name;
    if (std::find(exits.begin(), exits.end(), at) == exits.end()) exits.push_back(at);
  }
  std::string leaves = exits.empty()
                           ? "it is left only through a Catch"
                           : fmt::format("it is left at {}", fmt::join(exits, ", "));
  // A bound stated for the loop (sfnsim:max-iterations in a Comment of one of its states, or the
  // caller's): the limit is proven reachable when more iterations are allowed than fit, with
  // the Map items stated, or even with empty Maps.
  std::optional<int64_t> stated;
  std::string stated_at;
  for (const State* s : loop.states) {
    std::optional<int64_t> bound = StatedMaxIterations(s->comment);
    if (auto it = options_.max_iterations.find(s->name); it != options_.max_iterations.end()) {
      bound = bound ? std::min(*bound, it->second) : it->second;
    }
    if (bound && (!stated || *bound < *stated)) {
      stated = bound;
      stated_at = s->name;
    }
  }
  int64_t zero_fit = -1;  // iterations that fit with empty Maps: no more can fit with items
  if (zero_items) {
    for (const LoopRoute& route : zero_items->routes) {
      if (route.fails || !route.nominal.known) continue;
      zero_fit = std::max(zero_fit, route.nominal.max_iterations);
    }
  }
  if (stated) {
    int64_t fits = fit >= 0 ? fit : zero_fit;
    std::string with = fit >= 0 ? (options_.map_items.empty() ? "" : " with the Map items stated")
                                : " even with empty Maps";
    if (fits >= 0 && *stated > fits) {
      Add(LintCode::kUnboundedLoop, first, path,
          fmt::format("the loop{} writes {} events per iteration and never hands over to a new "
                      "execution; its stated bound of {} iterations (state \"{}\") is more "
                      "than the {} that fit under the {}-event history limit{}, so the limit "
                      "fails the execution with States.Runtime (no Catch intercepts it); hand "
                      "over to a new execution (states:startExecution) before it",
                      more, per_iteration, LintNumber(*stated), stated_at, LintNumber(fits),
                      LintNumber(limit), with));
      return;
    }
    if (fit >= 0) return;  // the stated bound fits: nothing to report
    Add(LintCode::kDataBoundLoop, first, path,
        fmt::format("the loop{} writes {} events per iteration and never hands over; its stated "
                    "bound of {} iterations (state \"{}\") fits under the {}-event history "
                    "limit only if the Map items allow it (`sfnsim lint --map-items N` checks "
                    "it)",
                    more, per_iteration, LintNumber(*stated), stated_at,
                    LintNumber(limit)));
    return;
  }
  if (!bound_state.empty()) {
    Add(LintCode::kCounterBoundedLoop, first, path,
        fmt::format("the loop{} never hands over to a new execution; a numeric rule of Choice "
                    "\"{}\" may bound it: {} events per iteration{}. Keep the bound below that, "
                    "or start a new execution (states:startExecution) before the limit",
                    more, bound_state, per_iteration, fit_text));
    return;
  }
  // Only the data bounds it (a polling or pagination loop): a warning. The limit is proven
  // reachable only with a stated bound (above).
  Add(LintCode::kDataBoundLoop, first, path,
      fmt::format("the loop{} writes {} events per iteration; nothing in the definition bounds "
                  "its iterations ({} on what the data says) and it never hands over to a new "
                  "execution (states:startExecution), so enough data takes it to the {}-event "
                  "history limit, which fails the execution with States.Runtime (no Catch "
                  "intercepts it){}. State the most iterations the data allows with \"{} N\" "
                  "in the Comment of one of its states (an error if more than fit), or "
                  "silence this with \"{} {}\" in the Comment of \"{}\"",
                  more, per_iteration, leaves, LintNumber(limit), fit_text,
                  kMaxIterationsMarker, kLintIgnoreMarker,
                  LintCodeString(LintCode::kDataBoundLoop), first->name));
}

void Linter::CheckNestedLoop(const Loop& loop, int64_t limit, std::string_view context) {
  std::string path = ClosedPath(loop.cycles.front());
  const State* first = loop.cycles.front().front().state;
  if (!loop.exits) {
    Add(LintCode::kLoopWithoutExit, first, path,
        fmt::format("no transition leaves the loop in {}{}: an execution that enters it never "
                    "ends by itself",
                    loop.scope_title, context));
    return;
  }
  if (limit <= 0) return;
  Add(LintCode::kNestedLoop, first, path,
      fmt::format("the loop in {}{} writes {} events per iteration into the execution's own "
                  "history, for every item or branch that runs it; nothing but the data "
                  "bounds its iterations",
                  loop.scope_title, context, loop.nominal_formula.front().ToString()));
}

void Linter::CheckChildLoops(const std::vector<ChildBudget>& children,
                             const std::vector<ChildBudget>* zero) {
  for (size_t k = 0; k < children.size(); ++k) {
    const ChildBudget& child = children[k];
    const ChildBudget* zero_child = zero && k < zero->size() ? &(*zero)[k] : nullptr;
    // EXPRESS children have no history limit (docs/reference/aws-semantics.md §7.2).
    int64_t limit = child.express ? 0 : options_.limit;
    std::string context =
        fmt::format(" (in the child executions of distributed Map \"{}\")", child.map->name);
    for (size_t i = 0; i < child.report.loops.size(); ++i) {
      const Loop& loop = child.report.loops[i];
      if (loop.cycles.empty()) continue;
      if (loop.scope == 0) {
        const Loop* zero_loop = zero_child && i < zero_child->report.loops.size()
                                    ? &zero_child->report.loops[i]
                                    : nullptr;
        CheckTopLevelLoop(loop, zero_loop, limit, context);
      } else {
        CheckNestedLoop(loop, limit, context);
      }
    }
    CheckChildLoops(child.report.children, zero_child ? &zero_child->report.children : nullptr);
  }
}

void Linter::CheckLoops() {
  BudgetOptions budget;
  budget.limit = options_.limit > 0 ? options_.limit : kHistoryLimit;
  budget.map_items = options_.map_items;
  BudgetReport report = AnalyzeHistoryBudget(machine_, graph_, budget);
  BudgetOptions empty = budget;
  empty.map_items = MapItems();
  empty.map_items.SetDefault({0});
  BudgetReport zero = AnalyzeHistoryBudget(machine_, graph_, empty);

  std::unordered_map<const State*, GraphVertexId> vertex_of;
  for (GraphVertexId v = 0; v < boost::num_vertices(g_); ++v) vertex_of.emplace(g_[v].state, v);
  std::vector<bool> in_closed_loop(boost::num_vertices(g_), false);
  // The loops of the machine and of its Distributed Maps' children (the same State objects).
  std::function<void(const BudgetReport&)> mark_closed = [&](const BudgetReport& r) {
    for (const Loop& loop : r.loops) {
      if (loop.exits) continue;
      for (const State* s : loop.states) in_closed_loop[vertex_of.at(s)] = true;
    }
    for (const ChildBudget& child : r.children) mark_closed(child.report);
  };
  mark_closed(report);
  CheckTerminalReachable(in_closed_loop);

  for (size_t i = 0; i < report.loops.size(); ++i) {
    const Loop& loop = report.loops[i];
    if (loop.cycles.empty()) continue;
    if (loop.scope == 0) {
      const Loop* zero_loop = i < zero.loops.size() ? &zero.loops[i] : nullptr;
      CheckTopLevelLoop(loop, zero_loop, options_.limit, "");
      continue;
    }
    CheckNestedLoop(loop, options_.limit, "");
  }
  CheckChildLoops(report.children, &zero.children);
}

void Linter::CheckStates() {
  for (GraphVertexId v = 0; v < boost::num_vertices(g_); ++v) {
    const State& state = *g_[v].state;
    if (state.type == StateType::kTask && state.resource) {
      bool transient = false;
      for (const Retrier& retrier : state.retriers) {
        if (retrier.max_attempts <= 0) continue;
        for (const std::string& name : retrier.error_equals) transient |= IsTransientErrorName(name);
      }
      if (!transient) {
        std::string what = state.resource->kind == ResourceKind::kLambda
                               ? "Lambda " + state.resource->function_name
                               : state.resource->kind == ResourceKind::kActivity
                                     ? "activity"
                                     : state.resource->history_resource_type + ":" +
                                           state.resource->history_resource;
        Add(LintCode::kNoTransientRetry, &state, "",
            fmt::format("Task \"{}\" ({}) has {}: one throttled or failed call fails the "
                        "state{}; add a retrier for {}, or States.TaskFailed",
                        state.name, what,
                        state.retriers.empty() ? "no Retry" : "no Retry for transient errors",
                        state.catchers.empty() ? " and the execution" : "",
                        TransientSuggestion(*state.resource, options_.integrations)));
      }
      const TaskResource& r = *state.resource;
      bool waits = r.kind == ResourceKind::kActivity ||
                   r.pattern == IntegrationPattern::kWaitForTaskToken;
      if (waits && !state.timeout_seconds.present() && !state.heartbeat_seconds.present()) {
        Add(LintCode::kCallbackWithoutTimeout, &state, "",
            fmt::format("Task \"{}\" waits for {} with neither HeartbeatSeconds nor "
                        "TimeoutSeconds: if no answer comes it waits until the execution's own "
                        "timeout (a year for a STANDARD execution)",
                        state.name,
                        r.kind == ResourceKind::kActivity ? "an activity worker" : "a task token"));
      }
    }
    for (size_t i = 0; i < state.catchers.size(); ++i) {
      const Catcher& catcher = state.catchers[i];
      // A JSONata catcher without Output passes only the error output on.
      bool jsonata = state.query_language == QueryLanguage::kJsonata;
      bool replaces = jsonata ? !catcher.output.has_value()
                              : catcher.result_path.kind == ResultPathField::Kind::kDefault ||
                                    (catcher.result_path.kind == ResultPathField::Kind::kPath &&
                                     catcher.result_path.path && catcher.result_path.path->is_root());
      if (!replaces || catcher.next == kNoState) continue;
      const StateMachine& m = *g_[v].machine;
      const State& next = m.states[catcher.next];
      if (next.type == StateType::kFail) continue;  // a Fail state needs only the error
      Add(LintCode::kCatchDiscardsInput, &state,
          fmt::format("{} -> {}", state.name, next.name),
          jsonata
              ? fmt::format("Catch {} of \"{}\" ({}) has no Output: the error output "
                            "{{\"Error\", \"Cause\"}} replaces the state input, so \"{}\" no "
                            "longer sees it (set Output, e.g. {{\"input\": \"{{% $states.input "
                            "%}}\", \"error\": \"{{% $states.errorOutput %}}\"}})",
                            i, state.name, fmt::join(catcher.error_equals, ", "), next.name)
              : fmt::format("Catch {} of \"{}\" ({}) has no ResultPath: the error output "
                            "{{\"Error\", \"Cause\"}} replaces the state input, so \"{}\" no "
                            "longer sees it (set ResultPath, e.g. \"$.error\")",
                            i, state.name, fmt::join(catcher.error_equals, ", "), next.name));
    }
    if (state.type == StateType::kMap) {
      bool bounded = state.max_concurrency.path.has_value() ||
                     state.max_concurrency.expression.has_value() ||
                     (state.max_concurrency.value && *state.max_concurrency.value > 0);
      if (!bounded) {
        Add(LintCode::kMapWithoutConcurrency, &state, "",
            state.map_mode == MapMode::kInline
                ? fmt::format("Map \"{}\" has no MaxConcurrency: it starts every item of its "
                              "input at once (AWS runs about 40 inline iterations at a time), "
                              "whatever the input's length; set MaxConcurrency to what the "
                              "called services take",
                              state.name)
                : fmt::format("distributed Map \"{}\" has no MaxConcurrency: it runs up to "
                              "10,000 child executions at once, whatever the input's length; "
                              "set MaxConcurrency to what the called services take",
                              state.name));
      }
    }
  }
}

std::vector<LintFinding> Linter::Run() {
  CheckLoops();
  CheckStates();
  for (LintFinding& f : DistributedMapFindings(graph_)) findings_.push_back(std::move(f));
  // Silenced findings: "sfnsim:lint-ignore" in the state's Comment or the top-level one, or
  // the caller's ignore list.
  std::map<std::string, const State*> state_at;
  for (GraphVertexId v = 0; v < boost::num_vertices(g_); ++v) {
    state_at.emplace(g_[v].state->pointer, g_[v].state);
  }
  std::set<std::string, std::less<>> everywhere = options_.ignore;
  for (std::string& code : IgnoredLintCodes(machine_.comment)) everywhere.insert(std::move(code));
  std::erase_if(findings_, [&](const LintFinding& f) {
    std::string_view code = LintCodeString(f.code);
    if (everywhere.count(code) != 0) return true;
    if (everywhere.count(fmt::format("{}:{}", code, f.state)) != 0) return true;
    auto it = state_at.find(f.pointer);
    if (it == state_at.end()) return false;
    std::vector<std::string> ignored = IgnoredLintCodes(it->second->comment);
    return std::find(ignored.begin(), ignored.end(), code) != ignored.end();
  });
  // Document order of the state, then code.
  std::map<std::string, size_t> order;
  for (GraphVertexId v = 0; v < boost::num_vertices(g_); ++v) {
    order.emplace(g_[v].state->pointer, v);
  }
  auto rank = [&](const LintFinding& f) {
    auto it = order.find(f.pointer);
    return it == order.end() ? SIZE_MAX : it->second;
  };
  std::stable_sort(findings_.begin(), findings_.end(),
                   [&](const LintFinding& a, const LintFinding& b) {
                     size_t ra = rank(a), rb = rank(b);
                     if (ra != rb) return ra < rb;
                     return a.code < b.code;
                   });
  return std::move(findings_);
}

}  // namespace

std::vector<LintFinding> LintDefinition(const StateMachine& machine, const StateGraph& graph,
                                        const Json* document, const LintOptions& options) {
  return Linter(machine, graph, document, options).Run();
}

}  // namespace asl
