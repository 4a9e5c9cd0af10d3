#include "asl/analysis/history_budget.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/graph/strong_components.hpp>
#include <charconv>
#include <limits>
#include <unordered_map>

#include "asl/analysis/child_budget.h"
#include "asl/analysis/distributed_map_facts.h"
#include "asl/analysis/graph_search.h"
#include "asl/base/error_names.h"
#include "asl/runtime/io_pipeline.h"

namespace asl {

// ---------------------------------------------------------------------------------------------
// EventTally, MapItems

void EventTally::Add(std::string_view type, int64_t n) {
  if (n == 0) return;
  auto it = by_type_.find(type);
  if (it == by_type_.end()) it = by_type_.emplace(std::string(type), 0).first;
  it->second += n;
  total_ += n;
}

void EventTally::Add(const EventTally& other, int64_t times) {
  for (const auto& [type, n] : other.by_type_) Add(type, n * times);
}

int64_t EventTally::count(std::string_view type) const {
  auto it = by_type_.find(type);
  return it == by_type_.end() ? 0 : it->second;
}

namespace {

bool ParseCountList(std::string_view text, std::vector<int64_t>& out) {
  out.clear();
  while (true) {
    size_t comma = text.find(',');
    std::string_view part = text.substr(0, comma);
    int64_t value = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || ec != std::errc() || end != part.data() + part.size() || value < 0) {
      return false;
    }
    out.push_back(value);
    if (comma == std::string_view::npos) return true;
    text = text.substr(comma + 1);
  }
}

}  // namespace

bool MapItems::Parse(std::string_view spec, std::string* error) {
  std::string_view name;
  std::string_view counts = spec;
  if (size_t eq = spec.find('='); eq != std::string_view::npos) {
    name = spec.substr(0, eq);
    counts = spec.substr(eq + 1);
  }
  std::vector<int64_t> values;
  if (!ParseCountList(counts, values)) {
    if (error) {
      *error = fmt::format("\"{}\": expected [MAP=]N[,N...] with non-negative integers "
                           "(e.g. 999,1000 or PublishPage=999,1000)", spec);
    }
    return false;
  }
  if (name.empty()) default_ = std::move(values);
  else per_map_[std::string(name)] = std::move(values);
  return true;
}

void MapItems::Set(const std::string& map, std::vector<int64_t> counts) {
  per_map_[map] = std::move(counts);
}

std::optional<int64_t> MapItems::Items(std::string_view map, int64_t visit) const {
  const std::vector<int64_t>* list = &default_;
  if (auto it = per_map_.find(map); it != per_map_.end()) list = &it->second;
  if (list->empty()) return std::nullopt;
  if (visit <= 0 || visit > static_cast<int64_t>(list->size())) return list->back();
  return (*list)[static_cast<size_t>(visit - 1)];
}

size_t MapItems::Visits(std::string_view map) const {
  if (auto it = per_map_.find(map); it != per_map_.end()) return it->second.size();
  return default_.size();
}

std::string MapItems::Describe(std::string_view map) const {
  const std::vector<int64_t>* list = &default_;
  if (auto it = per_map_.find(map); it != per_map_.end()) list = &it->second;
  if (list->empty()) return "";
  std::string out;
  for (size_t i = 0; i < list->size(); ++i) {
    if (i > 0) out += i + 1 == list->size() ? ", then " : ", ";
    out += GroupDigits((*list)[i]);
  }
  return out;
}

const char* BudgetCaseName(BudgetCase c) {
  switch (c) {
    case BudgetCase::kNominal: return "nominal";
    case BudgetCase::kEveryRetry: return "every retry";
    case BudgetCase::kTopLevelRetry: return "top-level retries";
  }
  return "nominal";
}

std::string FormatPath(const StatePath& path) {
  std::string out;
  for (const PathStep& step : path) {
    if (!out.empty()) out += " -> ";
    out += step.state->name;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Retries

std::vector<RetryUse> EveryRetryPlan(const State& state) {
  std::vector<RetryUse> plan;
  if (state.type != StateType::kTask) return plan;
  const std::vector<Retrier>& retriers = state.retriers;
  for (size_t i = 0; i < retriers.size(); ++i) {
    if (retriers[i].max_attempts <= 0) continue;
    std::vector<std::string> candidates;
    bool wildcard = false;
    for (const std::string& name : retriers[i].error_equals) {
      if (name == errors::kAll || name == errors::kTaskFailed) {
        wildcard = true;
      } else if (name != errors::kRuntime) {
        candidates.push_back(name);
      }
    }
    // A name no retrier lists, for States.ALL / States.TaskFailed.
    if (wildcard) candidates.push_back("Sfnsim.ScriptedFailure");
    for (const std::string& candidate : candidates) {
      Error error(candidate, "");
      if (!ErrorMatches(retriers[i].error_equals, error)) continue;
      bool earlier = false;
      for (size_t j = 0; j < i && !earlier; ++j) {
        earlier = ErrorMatches(retriers[j].error_equals, error);
      }
      if (earlier) continue;
      plan.push_back({i, candidate, retriers[i].max_attempts});
      break;
    }
  }
  return plan;
}

int64_t MaxRetries(const State& state) {
  int64_t n = 0;
  for (const RetryUse& use : EveryRetryPlan(state)) n += use.attempts;
  return n;
}

int64_t FailedAttemptEvents(const TaskResource& resource) {
  return static_cast<int64_t>(
      ElementEvents(AttemptElement(resource, AttemptEnd::kFailed, /*submitted=*/true)).size());
}

bool StartsExecution(const State& state) {
  return state.type == StateType::kTask && state.resource &&
         state.resource->kind == ResourceKind::kOptimized && state.resource->service == "states" &&
         state.resource->api == "startExecution";
}

// ---------------------------------------------------------------------------------------------
// Walking state visits

bool MayRunConcurrently(const State& map) {
  return map.type == StateType::kMap && map.map_mode == MapMode::kInline &&
         (map.max_concurrency.path || !map.max_concurrency.value ||
          *map.max_concurrency.value != 1);
}

ItemResolver ResolverFor(const MapItems& items) {
  return [&items](const State& map, int64_t visit) { return items.Items(map.name, visit); };
}

namespace {

// Successors of a state in its machine: (state id, how it is left).
template <typename Fn>
void ForEachBudgetSuccessor(const State& state, Fn&& fn) {
  if (state.next != kNoState) fn(state.next, StepExit::kNext);
  for (const ChoiceBranch& branch : state.choices) {
    if (branch.next != kNoState) fn(branch.next, StepExit::kNext);
  }
  if (state.default_next != kNoState) fn(state.default_next, StepExit::kNext);
  for (const Catcher& catcher : state.catchers) {
    if (catcher.next != kNoState) fn(catcher.next, StepExit::kCatch);
  }
}

constexpr size_t kNestedPathCap = 256;

// Appends the events of one element of the history table, written by `state`.
void AddElement(HistoryElement element, const State& state, std::vector<WalkEvent>& out) {
  for (HistoryEventType type : ElementEvents(element)) {
    out.push_back({HistoryEventTypeName(type).data(), &state});
  }
}

}  // namespace

bool EventWalker::AppendVisit(const State& state, StepExit exit, int64_t visit,
                              std::vector<WalkEvent>& out) {
  switch (state.type) {
    case StateType::kPass:
    case StateType::kChoice:
    case StateType::kWait:
    case StateType::kSucceed:
    case StateType::kFail:
      AddElement(OpeningElement(state.type), state, out);
      return true;
    case StateType::kTask: return AppendTask(state, exit, out);
    case StateType::kMap: return AppendMap(state, exit, visit, out);
    case StateType::kParallel: return AppendParallel(state, exit, out);
  }
  return true;
}

std::optional<int64_t> EventWalker::VisitCount(const State& state, StepExit exit,
                                              int64_t visit) {
  scratch_.clear();
  if (!AppendVisit(state, exit, visit, scratch_)) return std::nullopt;
  return static_cast<int64_t>(scratch_.size());
}

std::optional<EventTally> EventWalker::VisitTally(const State& state, StepExit exit,
                                                  int64_t visit) {
  std::vector<WalkEvent> events;
  if (!AppendVisit(state, exit, visit, events)) return std::nullopt;
  EventTally tally;
  for (const WalkEvent& e : events) tally.Add(e.type);
  return tally;
}

bool EventWalker::AppendTask(const State& state, StepExit exit, std::vector<WalkEvent>& out) {
  const TaskResource& resource = *state.resource;
  AddElement(OpeningElement(StateType::kTask), state, out);
  int64_t retries = Retries() ? MaxRetries(state) : 0;
  for (int64_t i = 0; i < retries; ++i) {
    AddElement(AttemptElement(resource, AttemptEnd::kFailed, /*submitted=*/true), state, out);
  }
  if (exit == StepExit::kCatch) {
    // The attempt that fails for good. Nominal: it fails before a job is submitted (3 events);
    // every retry: after (4 for .sync / .waitForTaskToken).
    AddElement(AttemptElement(resource, AttemptEnd::kFailed, /*submitted=*/Retries()), state, out);
  } else {
    AddElement(AttemptElement(resource, AttemptEnd::kSucceeded, /*submitted=*/true), state, out);
  }
  AddElement(ClosingElement(StateType::kTask), state, out);
  return true;
}

bool EventWalker::AppendMachine(const StateMachine& machine, std::vector<WalkEvent>& out) {
  ++depth_;
  bool ok = AppendNested(machine, out);
  --depth_;
  return ok;
}

bool EventWalker::AppendNested(const StateMachine& machine, std::vector<WalkEvent>& out) {
  bool has_cycle = false;
  // Each nested machine gets a budget of its own, proportional to its size.
  graph_search::SearchBudget budget(std::max<size_t>(1'000'000, 64 * machine.states.size()));
  std::vector<StatePath> paths =
      graph_search::SuccessPaths(machine, kNestedPathCap, has_cycle, budget);
  if (budget.exhausted()) {
    notes_.insert(fmt::format("the paths of {} were not all listed (too many to search)",
                              machine.pointer.empty() ? "the machine" : machine.pointer));
  }
  if (has_cycle) {
    notes_.insert(fmt::format("a loop inside {} is counted as one pass (the analysis takes its "
                              "paths without repeating a state)",
                              machine.pointer.empty() ? "the machine" : machine.pointer));
  }
  if (paths.empty()) {
    // Every path ends in a Fail state (a branch that always fails its Parallel): its events
    // are counted up to the failure.
    bool fail_cycle = false;
    paths = graph_search::FailurePaths(machine, kNestedPathCap, fail_cycle, budget);
    if (paths.empty()) {
      problems_.insert(fmt::format("no path of {} ends", machine.pointer));
      return false;
    }
    nested_failed_ = true;
    notes_.insert(fmt::format("every path of {} ends in a Fail state: it is counted up to the "
                              "failure",
                              machine.pointer));
  }
  if (paths.size() > 1) {
    notes_.insert(fmt::format("{} has {} paths: the nominal case takes the cheapest, every retry "
                              "the most expensive", machine.pointer, paths.size()));
  }
  std::vector<WalkEvent> best;
  bool have_best = false;
  for (const StatePath& path : paths) {
    std::vector<WalkEvent> events;
    bool ok = true;
    for (const PathStep& step : path) {
      if (!AppendVisit(*step.state, step.exit, 0, events)) {
        ok = false;
        break;
      }
    }
    if (!ok) return false;
    bool costliest = pick_ == NestedPick::kCostliest ||
                     (pick_ == NestedPick::kByCase && case_ == BudgetCase::kEveryRetry);
    bool better = !have_best || (costliest ? events.size() > best.size()
                                           : events.size() < best.size());
    if (better) {
      best = std::move(events);
      have_best = true;
    }
  }
  out.insert(out.end(), best.begin(), best.end());
  return true;
}

bool EventWalker::AppendMap(const State& state, StepExit exit, int64_t visit,
                            std::vector<WalkEvent>& out) {
  if (!state.retriers.empty()) {
    notes_.insert(fmt::format("Retry of Map \"{}\" is not counted (a retried Map runs its "
                              "items again)", state.name));
  }
  AddElement(HistoryElement::kMapOpened, state, out);
  if (exit == StepExit::kCatch) {
    notes_.insert(fmt::format("Map \"{}\" failing into its Catch is counted as its 4 own events "
                              "(the items run before the failure are data)", state.name));
    AddElement(HistoryElement::kMapCaught, state, out);
    return true;
  }
  if (state.map_mode == MapMode::kDistributed) {
    AddElement(HistoryElement::kMapRunSucceeded, state, out);
    AddElement(HistoryElement::kMapSucceeded, state, out);
    return true;
  }
  std::optional<int64_t> items = items_ ? items_(state, visit) : std::nullopt;
  if (!items) {
    problems_.insert(fmt::format("items of Map \"{}\"", state.name));
    return false;
  }
  std::vector<WalkEvent> item_events;
  nested_failed_ = false;
  if (*items > 0 && !AppendMachine(*state.processor, item_events)) return false;
  if (nested_failed_) {
    nested_failed_ = false;  // handled here, not by an enclosing machine
    // An item processor that cannot succeed fails the Map at its first item.
    AppendIteration(state, HistoryElement::kMapIterationFailed, visit, 0, item_events, out);
    AddElement(HistoryElement::kMapFailed, state, out);
    return true;
  }
  out.reserve(out.size() + static_cast<size_t>(*items) * (item_events.size() + 2) + 2);
  for (int64_t i = 0; i < *items; ++i) {
    AppendIteration(state, HistoryElement::kMapIterationSucceeded, visit, i, item_events, out);
  }
  AddElement(HistoryElement::kMapSucceeded, state, out);
  return true;
}

void EventWalker::AppendIteration(const State& map, HistoryElement element, int64_t visit,
                                  int64_t item, const std::vector<WalkEvent>& item_events,
                                  std::vector<WalkEvent>& out) {
  // The iteration element's first event, the item's events, then its last event.
  std::span<const HistoryEventType> bounds = ElementEvents(element);
  out.push_back({HistoryEventTypeName(bounds.front()).data(), &map, &map, visit, item});
  for (WalkEvent e : item_events) {
    // Keep the outermost Map and item.
    e.map = &map;
    e.map_visit = visit;
    e.item = item;
    out.push_back(e);
  }
  out.push_back({HistoryEventTypeName(bounds.back()).data(), &map, &map, visit, item});
}

bool EventWalker::AppendParallel(const State& state, StepExit exit, std::vector<WalkEvent>& out) {
  if (!state.retriers.empty()) {
    notes_.insert(fmt::format("Retry of Parallel \"{}\" is not counted (a retried Parallel runs "
                              "its branches again)", state.name));
  }
  AddElement(HistoryElement::kParallelOpened, state, out);
  if (exit == StepExit::kCatch) {
    notes_.insert(fmt::format("Parallel \"{}\" failing into its Catch is counted as its 4 own "
                              "events (the branch events before the failure are data)",
                              state.name));
    AddElement(HistoryElement::kParallelCaught, state, out);
    return true;
  }
  for (const auto& branch : state.branches) {
    nested_failed_ = false;
    if (!AppendMachine(*branch, out)) return false;
    if (nested_failed_) {
      // A branch that cannot succeed fails the Parallel (the other branches' events before
      // the failure are timing; the ones counted are those of the branches before it).
      nested_failed_ = false;  // handled here, not by an enclosing machine
      AddElement(HistoryElement::kParallelFailed, state, out);
      return true;
    }
  }
  AddElement(HistoryElement::kParallelSucceeded, state, out);
  return true;
}

bool ParallelCannotSucceed(const State& state) {
  if (state.type != StateType::kParallel) return false;
  for (const auto& branch : state.branches) {
    bool has_cycle = false;
    graph_search::SearchBudget budget(std::max<size_t>(1'000'000, 64 * branch->states.size()));
    if (graph_search::SuccessPaths(*branch, 1, has_cycle, budget).empty() &&
        !budget.exhausted()) {
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Formulas

std::string IterationFormula::ToString() const {
  if (!known) return "unknown";
  std::string out = GroupDigits(constant);
  for (const FormulaTerm& term : terms) {
    out += fmt::format(" + {} × items({})", GroupDigits(term.per_item), term.map->name);
  }
  return out;
}

namespace {

// Events of a sequence of visits (all with `visit`), as a formula in the items of the
// top-level Maps it visits; `extra` events are added to the constant.
IterationFormula BudgetFormulaOf(const StatePath& steps, BudgetCase c, const MapItems& nested_items,
                           int64_t extra, std::set<std::string>* notes) {
  IterationFormula formula;
  // The inline Maps the steps complete, in order of first visit, with the steps visiting each.
  std::vector<std::pair<const State*, std::vector<size_t>>> maps;
  std::unordered_map<const State*, size_t> map_index;
  for (size_t i = 0; i < steps.size(); ++i) {
    const PathStep& step = steps[i];
    if (step.state->type != StateType::kMap || step.state->map_mode != MapMode::kInline ||
        step.exit == StepExit::kCatch) {
      continue;
    }
    auto [it, added] = map_index.emplace(step.state, maps.size());
    if (added) maps.emplace_back(step.state, std::vector<size_t>());
    maps[it->second].second.push_back(i);
  }
  // The events of each step with every top-level Map at 0 items; a Map's term is then what
  // its own steps add with 1 item (the other steps do not change). One walk per Map over its
  // own steps, not over the whole path: a path of many Maps stays linear.
  auto resolver_for = [&](const State* one) -> ItemResolver {
    return [&nested_items, one](const State& map, int64_t visit) -> std::optional<int64_t> {
      if (visit != 0) return &map == one ? 1 : 0;
      return nested_items.Items(map.name, 0);
    };
  };
  std::vector<int64_t> step_totals;
  step_totals.reserve(steps.size());
  {
    EventWalker walker(c, resolver_for(nullptr));
    for (const PathStep& step : steps) {
      std::optional<int64_t> count = walker.VisitCount(*step.state, step.exit, 1);
      if (!count) return formula;
      step_totals.push_back(*count);
    }
    if (notes) notes->insert(walker.notes().begin(), walker.notes().end());
  }
  formula.constant = extra;
  for (int64_t total : step_totals) formula.constant += total;
  for (const auto& [map, visits] : maps) {
    EventWalker walker(c, resolver_for(map));
    int64_t per_item = 0;
    for (size_t i : visits) {
      std::optional<int64_t> count = walker.VisitCount(*map, steps[i].exit, 1);
      if (!count) return formula;
      per_item += *count - step_totals[i];
    }
    if (notes) notes->insert(walker.notes().begin(), walker.notes().end());
    formula.terms.push_back({map, per_item});
  }
  formula.known = true;
  return formula;
}

// ---------------------------------------------------------------------------------------------
// The graph: loops, cycles, paths

constexpr size_t kBudgetCycleCap = 512;
constexpr size_t kBudgetPathCap = 16;
constexpr size_t kBudgetRouteCap = 64;
constexpr size_t kBudgetPlainPathCap = 64;

class BudgetAnalyzer {
 public:
  BudgetAnalyzer(const StateGraph& graph, const BudgetOptions& options)
      : graph_(graph),
        g_(graph.graph()),
        options_(options),
        budget_(graph_search::BudgetFor(graph)) {}

  BudgetReport Run();

 private:
  // How an edge u -> v is taken: a transition if any non-Catch edge joins them.
  StepExit EdgeExit(GraphVertexId u, GraphVertexId v) const {
    return graph_search::EdgeExit(g_, u, v);
  }
  bool SameScope(GraphVertexId u, GraphVertexId v) const {
    return g_[u].scope == g_[v].scope;
  }
  const State& StateOf(GraphVertexId v) const { return *g_[v].state; }
  // Simple paths from `from` to `to` in `from`'s scope avoiding `avoid`, without Catch edges.
  void PathsTo(GraphVertexId from, GraphVertexId to, const std::vector<bool>& avoid,
               std::vector<StatePath>& out) {
    out = graph_search::PathsTo(graph_, from, to, avoid, kBudgetPathCap, budget_);
  }
  // Simple paths from `from` to a terminal state avoiding `avoid` (any edges); `reaches_end`
  // is graph_search::ReachesEnd(graph_, avoid).
  void PathsToEnd(GraphVertexId from, const std::vector<bool>& avoid,
                  const std::vector<bool>& reaches_end, std::vector<StatePath>& out,
                  size_t cap) {
    out = graph_search::PathsToEnd(graph_, from, avoid, reaches_end, cap, budget_);
  }
  void BuildRoutes(Loop& loop, const std::vector<bool>& in_loop,
                   const std::vector<std::vector<GraphVertexId>>& cycles);
  void ComputeEntry(LoopEntry& entry, BudgetCase c, EntryFigures& out);
  void ComputeRoute(const LoopEntry& entry, LoopRoute& route, BudgetCase c, RouteFigures& out);

  const StateGraph& graph_;
  const StateGraphType& g_;
  const BudgetOptions& options_;
  graph_search::SearchBudget budget_;
  std::set<std::string> notes_;
};

bool BudgetRouteFails(const LoopRoute& route) {
  if (route.partial_exit == StepExit::kCatch) return true;
  for (const PathStep& step : route.exit) {
    if (step.exit == StepExit::kCatch || step.state->type == StateType::kFail) return true;
  }
  return false;
}

void BudgetAnalyzer::BuildRoutes(Loop& loop, const std::vector<bool>& in_loop,
                                 const std::vector<std::vector<GraphVertexId>>& cycles) {
  const GraphScope& scope = graph_.scopes()[loop.scope];
  // Ways in: the start state if it is in the loop, else every transition into the loop.
  std::vector<std::pair<StatePath, GraphVertexId>> ways_in;
  if (in_loop[scope.start]) {
    ways_in.push_back({{}, scope.start});
  } else {
    std::vector<GraphVertexId> targets;
    for (auto [v, vend] = boost::vertices(g_); v != vend; ++v) {
      if (!in_loop[*v]) continue;
      for (auto [it, end] = boost::in_edges(*v, g_); it != end; ++it) {
        GraphVertexId u = boost::source(*it, g_);
        EdgeKind kind = g_[*it].kind;
        if (in_loop[u] || kind == EdgeKind::kStartsNested || kind == EdgeKind::kCatch) continue;
        std::vector<StatePath> paths;
        PathsTo(scope.start, u, in_loop, paths);
        for (StatePath& p : paths) {
          p.push_back({&StateOf(u), StepExit::kNext});
          bool dup = false;
          for (const auto& [q, target] : ways_in) dup |= target == *v && FormatPath(q) == FormatPath(p);
          if (!dup) ways_in.push_back({std::move(p), *v});
        }
      }
    }
  }
  std::vector<bool> reaches_end = graph_search::ReachesEnd(graph_, in_loop);
  for (const auto& [prefix, v] : ways_in) {
    for (const std::vector<GraphVertexId>& cycle : cycles) {
      auto at = std::find(cycle.begin(), cycle.end(), v);
      if (at == cycle.end()) continue;
      std::vector<GraphVertexId> rotated(at, cycle.end());
      rotated.insert(rotated.end(), cycle.begin(), at);
      LoopEntry entry;
      entry.prefix = prefix;
      for (size_t i = 0; i < rotated.size(); ++i) {
        GraphVertexId next = rotated[(i + 1) % rotated.size()];
        entry.iteration.push_back({&StateOf(rotated[i]), EdgeExit(rotated[i], next)});
      }
      size_t entry_index = loop.entries.size();
      loop.entries.push_back(std::move(entry));
      // Ways out from each state of the iteration.
      for (size_t j = 0; j < rotated.size(); ++j) {
        GraphVertexId x = rotated[j];
        std::vector<GraphVertexId> seen;
        for (auto [it, end] = boost::out_edges(x, g_); it != end; ++it) {
          GraphVertexId w = boost::target(*it, g_);
          if (in_loop[w] || g_[*it].kind == EdgeKind::kStartsNested) continue;
          if (std::find(seen.begin(), seen.end(), w) != seen.end()) continue;
          seen.push_back(w);
          std::vector<StatePath> exits;
          PathsToEnd(w, in_loop, reaches_end, exits, kBudgetPathCap);
          for (StatePath& exit : exits) {
            if (loop.routes.size() >= kBudgetRouteCap) {
              loop.truncated = true;
              return;
            }
            LoopRoute route;
            route.entry = entry_index;
            route.partial = j + 1;
            route.partial_exit = EdgeExit(x, w);
            route.exit = std::move(exit);
            route.fails = BudgetRouteFails(route);
            for (const PathStep& step : route.exit) route.hands_over |= StartsExecution(*step.state);
            route.hands_over &= !route.fails;
            loop.hands_over |= route.hands_over;
            loop.routes.push_back(std::move(route));
          }
        }
      }
    }
  }
}

// Events of the visits of `steps` with `visit`, as a total; nullopt when a count is unknown.
std::optional<int64_t> BudgetStepsTotal(EventWalker& walker, const StatePath& steps, size_t count,
                                  StepExit last_exit, int64_t visit) {
  int64_t total = 0;
  for (size_t i = 0; i < count && i < steps.size(); ++i) {
    StepExit exit = i + 1 == count ? last_exit : steps[i].exit;
    std::optional<int64_t> events = walker.VisitCount(*steps[i].state, exit, visit);
    if (!events) return std::nullopt;
    total += *events;
  }
  return total;
}

// The first visit from which the iterations of `steps` repeat: the longest item-count list of
// their Maps.
int64_t BudgetSteadyVisit(const MapItems& items, const StatePath& steps) {
  int64_t longest = 1;
  for (const PathStep& step : steps) {
    if (step.state->type != StateType::kMap) continue;
    longest = std::max<int64_t>(longest, static_cast<int64_t>(items.Visits(step.state->name)));
  }
  return longest;
}

void BudgetAnalyzer::ComputeEntry(LoopEntry& entry, BudgetCase c, EntryFigures& out) {
  EventWalker walker(c, ResolverFor(options_.map_items));
  std::optional<int64_t> prefix = BudgetStepsTotal(walker, entry.prefix, entry.prefix.size(),
                                             entry.prefix.empty() ? StepExit::kNext
                                                                  : entry.prefix.back().exit,
                                             1);
  const size_t n = entry.iteration.size();
  StepExit last = entry.iteration.back().exit;
  std::optional<int64_t> first = BudgetStepsTotal(walker, entry.iteration, n, last, 1);
  int64_t steady_visit = BudgetSteadyVisit(options_.map_items, entry.iteration);
  std::optional<int64_t> steady = BudgetStepsTotal(walker, entry.iteration, n, last, steady_visit);
  notes_.insert(walker.notes().begin(), walker.notes().end());
  if (prefix) {
    out.before_known = true;
    out.before = 1 + *prefix;
  }
  if (!prefix || !first || !steady) return;
  const int64_t limit = options_.limit;
  out.known = true;
  out.before = 1 + *prefix;
  out.first_iteration = *first;
  out.per_iteration = *steady;

  // Where event `limit` falls if the loop never exits: whole iterations by totals, then the
  // one it falls in event by event.
  int64_t written = out.before;  // own events so far
  int64_t items_completed = 0;
  auto items_in = [](const std::vector<WalkEvent>& list, size_t upto) {
    int64_t count = 0;
    for (size_t i = 0; i < upto && i < list.size(); ++i) {
      if (std::string_view(list[i].type) == "MapIterationSucceeded" &&
          list[i].map == list[i].state) {
        ++count;
      }
    }
    return count;
  };
  // Event number `limit` is list[limit - written - 1].
  auto locate = [&](const std::vector<WalkEvent>& list, int64_t iteration) {
    size_t index = static_cast<size_t>(limit - written - 1);
    const WalkEvent& e = list[index];
    LimitHit hit;
    hit.iteration = iteration;
    hit.blocked_event = e.type;
    hit.state = e.state ? e.state->name : "";
    if (e.map) {
      hit.map = e.map->name;
      hit.map_visit = e.map_visit;
      hit.item = e.item + 1;
      hit.concurrent = MayRunConcurrently(*e.map);
    }
    hit.items_completed = items_completed + items_in(list, index);
    out.keeps_iterating = hit;
  };
  std::vector<WalkEvent> events;
  events.push_back({"ExecutionStarted"});
  for (const PathStep& step : entry.prefix) {
    if (!walker.AppendVisit(*step.state, step.exit, 1, events)) return;
  }
  if (written >= limit) {
    written = 0;
    locate(events, 0);
    return;
  }
  items_completed = items_in(events, events.size());
  auto iteration_events = [&](int64_t p) {
    events.clear();
    for (const PathStep& step : entry.iteration) {
      if (!walker.AppendVisit(*step.state, step.exit, p, events)) return false;
    }
    return true;
  };
  int64_t steady_size = 0, steady_items = 0;
  for (int64_t p = 1; p <= kIterationCap; ++p) {
    if (steady_size > 0) {
      // OPTIMIZATION: steady iterations repeat; count the ones that fit by arithmetic.
      int64_t fit = (limit - 1 - written) / steady_size;
      written += fit * steady_size;
      items_completed += fit * steady_items;
      p += fit;
      if (!iteration_events(p)) return;
      locate(events, p);
      return;
    }
    if (!iteration_events(p)) return;
    int64_t size = static_cast<int64_t>(events.size());
    if (written + size >= limit) {
      locate(events, p);
      return;
    }
    written += size;
    int64_t items = items_in(events, events.size());
    items_completed += items;
    if (p >= steady_visit) {
      steady_size = size;
      steady_items = items;
    }
  }
}

void BudgetAnalyzer::ComputeRoute(const LoopEntry& entry, LoopRoute& route, BudgetCase c,
                                  RouteFigures& out) {
  const EntryFigures& in = c == BudgetCase::kNominal ? entry.nominal : entry.every_retry;
  EventWalker walker(c, ResolverFor(options_.map_items));
  std::optional<int64_t> after = BudgetStepsTotal(walker, route.exit, route.exit.size(), StepExit::kEnd,
                                            1);
  if (!after) return;
  out.after_known = true;
  out.after = *after + 1;  // the terminal event
  if (!in.known) return;
  const int64_t limit = options_.limit;
  const int64_t room = limit - 1;                  // own events the limit allows
  const int64_t handover_room = room - options_.margin;
  const size_t n = entry.iteration.size();
  const int64_t steady_visit = BudgetSteadyVisit(options_.map_items, entry.iteration);
  int64_t full_before = 0;  // iterations 1 … p-1
  for (int64_t p = 1; p <= kIterationCap; ++p) {
    std::optional<int64_t> partial =
        BudgetStepsTotal(walker, entry.iteration, route.partial, route.partial_exit, p);
    std::optional<int64_t> full =
        BudgetStepsTotal(walker, entry.iteration, n, entry.iteration.back().exit, p);
    if (!partial || !full) return;
    // Own events (the terminal one excluded) when the loop is left in iteration p.
    int64_t own = in.before + full_before + *partial + out.after - 1;
    if (p >= steady_visit && *full > 0) {
      // Steady from here: own(p + k) = own + k × full.
      if (own <= room) {
        int64_t k = (room - own) / *full;
        out.max_iterations = p + k;
        out.events_at_max = own + k * *full + 1;
      }
      if (route.hands_over && own <= handover_room) {
        int64_t k = (handover_room - own) / *full;
        out.handover_iteration = p + k;
        out.events_at_handover = own + k * *full + 1;
      }
      break;
    }
    if (own > room) break;
    out.max_iterations = p;
    out.events_at_max = own + 1;
    if (route.hands_over && own <= handover_room) {
      out.handover_iteration = p;
      out.events_at_handover = own + 1;
    }
    full_before += *full;
  }
  out.known = true;
  notes_.insert(walker.notes().begin(), walker.notes().end());
}

BudgetReport BudgetAnalyzer::Run() {
  BudgetReport report;
  const size_t n = boost::num_vertices(g_);
  if (n == 0) return report;
  std::vector<int> component(n);
  int components = boost::strong_components(
      g_, boost::make_iterator_property_map(component.begin(),
                                            boost::get(boost::vertex_index, g_)));
  graph_search::CycleList found =
      graph_search::ElementaryCycles(g_, component, kBudgetCycleCap, budget_);
  std::vector<std::vector<GraphVertexId>>& cycles = found.cycles;
  bool cycles_truncated = found.truncated;
  std::vector<std::vector<std::vector<GraphVertexId>>> cycles_of(components);
  for (auto& cycle : cycles) cycles_of[component[cycle.front()]].push_back(std::move(cycle));

  // Components that are loops, in document order of their first state.
  std::vector<std::vector<GraphVertexId>> members(components);
  for (GraphVertexId v = 0; v < n; ++v) members[component[v]].push_back(v);
  bool top_has_loop = false;
  for (GraphVertexId v = 0; v < n; ++v) {
    int c = component[v];
    if (members[c].empty() || members[c].front() != v) continue;
    if (cycles_of[c].empty()) continue;  // no cycle: not a loop
    // A loop in a Distributed Map's child writes into the child's history: the child's own
    // report has it (BudgetReport::children).
    if (InDistributedChild(graph_, g_[v].scope)) continue;
    Loop loop;
    loop.scope = g_[v].scope;
    loop.scope_title = graph_.scopes()[loop.scope].title;
    std::vector<bool> in_loop(n, false);
    for (GraphVertexId m : members[c]) {
      in_loop[m] = true;
      loop.states.push_back(&StateOf(m));
    }
    if (loop.scope == 0) top_has_loop = true;
    if (!options_.loop_state.empty()) {
      bool wanted = false;
      for (const State* s : loop.states) wanted |= s->name == options_.loop_state;
      if (!wanted) continue;
    }
    loop.truncated = cycles_truncated;
    // Sort cycles by their first state's document order for a stable report.
    for (const auto& cycle : cycles_of[c]) {
      StatePath path;
      for (size_t i = 0; i < cycle.size(); ++i) {
        path.push_back({&StateOf(cycle[i]), EdgeExit(cycle[i], cycle[(i + 1) % cycle.size()])});
      }
      loop.cycles.push_back(path);
      loop.nominal_formula.push_back(
          BudgetFormulaOf(path, BudgetCase::kNominal, options_.map_items, 0, &notes_));
      loop.every_retry_formula.push_back(
          BudgetFormulaOf(path, BudgetCase::kEveryRetry, options_.map_items, 0, &notes_));
      for (const PathStep& step : path) {
        if (step.state->type == StateType::kMap && step.state->map_mode == MapMode::kInline) {
          loop.data_dependent.insert(fmt::format("items of Map \"{}\"", step.state->name));
        }
      }
    }
    for (GraphVertexId m : members[c]) {
      const State& s = StateOf(m);
      if (s.type == StateType::kChoice) {
        loop.data_dependent.insert(fmt::format("the rule taken at Choice \"{}\"", s.name));
      }
      for (auto [it, end] = boost::out_edges(m, g_); it != end; ++it) {
        GraphVertexId w = boost::target(*it, g_);
        if (!in_loop[w] && g_[*it].kind != EdgeKind::kStartsNested) loop.exits = true;
      }
    }
    if (loop.scope == 0) {
      BuildRoutes(loop, in_loop, cycles_of[c]);
      for (LoopEntry& entry : loop.entries) {
        ComputeEntry(entry, BudgetCase::kNominal, entry.nominal);
        ComputeEntry(entry, BudgetCase::kEveryRetry, entry.every_retry);
      }
      for (LoopRoute& route : loop.routes) {
        const LoopEntry& entry = loop.entries[route.entry];
        ComputeRoute(entry, route, BudgetCase::kNominal, route.nominal);
        ComputeRoute(entry, route, BudgetCase::kEveryRetry, route.every_retry);
      }
    } else {
      // A nested loop's exits are its own business; whether one hands over is still useful.
      std::vector<bool> reaches_end = graph_search::ReachesEnd(graph_, in_loop);
      for (GraphVertexId m : members[c]) {
        for (auto [it, end] = boost::out_edges(m, g_); it != end; ++it) {
          GraphVertexId w = boost::target(*it, g_);
          if (in_loop[w] || g_[*it].kind == EdgeKind::kStartsNested) continue;
          std::vector<StatePath> exits;
          PathsToEnd(w, in_loop, reaches_end, exits, kBudgetPathCap);
          for (const StatePath& exit : exits) {
            for (const PathStep& step : exit) loop.hands_over |= StartsExecution(*step.state);
          }
        }
      }
    }
    loop.truncated = loop.truncated || budget_.exhausted();
    report.loops.push_back(std::move(loop));
  }

  if (!top_has_loop && options_.loop_state.empty()) {
    const GraphScope& top = graph_.scopes()[0];
    std::vector<bool> avoid(n, false);
    std::vector<StatePath> paths;
    PathsToEnd(top.start, avoid, graph_search::ReachesEnd(graph_, avoid), paths,
               kBudgetPlainPathCap + 1);
    report.paths_truncated = paths.size() > kBudgetPlainPathCap || budget_.exhausted();
    if (report.paths_truncated) paths.resize(kBudgetPlainPathCap);
    for (StatePath& path : paths) {
      PlainPath plain;
      plain.path = std::move(path);
      // A Parallel with a branch that cannot succeed ends the path: the execution fails there.
      for (size_t i = 0; i < plain.path.size(); ++i) {
        if (plain.path[i].exit == StepExit::kNext && ParallelCannotSucceed(*plain.path[i].state)) {
          plain.path.resize(i + 1);
          plain.path.back().exit = StepExit::kEnd;
          plain.fails = true;
          break;
        }
      }
      for (const PathStep& step : plain.path) {
        plain.fails |= step.exit == StepExit::kCatch || step.state->type == StateType::kFail;
      }
      // ExecutionStarted and the terminal event.
      plain.nominal = BudgetFormulaOf(plain.path, BudgetCase::kNominal, options_.map_items, 2, &notes_);
      plain.every_retry =
          BudgetFormulaOf(plain.path, BudgetCase::kEveryRetry, options_.map_items, 2, &notes_);
      auto total = [&](BudgetCase c) -> std::optional<int64_t> {
        EventWalker walker(c, ResolverFor(options_.map_items));
        std::optional<int64_t> t =
            BudgetStepsTotal(walker, plain.path, plain.path.size(), StepExit::kEnd, 1);
        if (!t) return std::nullopt;
        return *t + 2;
      };
      plain.nominal_total = total(BudgetCase::kNominal);
      plain.every_retry_total = total(BudgetCase::kEveryRetry);
      report.paths.push_back(std::move(plain));
    }
  }
  if (budget_.exhausted()) {
    notes_.insert("the definition has more paths than the analysis searches: the loops, ways "
                  "and paths listed are a part of them");
  }
  report.notes = std::move(notes_);
  return report;
}

}  // namespace

BudgetReport AnalyzeHistoryBudget(const StateMachine& /*machine: read through its graph*/,
                                  const StateGraph& graph,
                                  const BudgetOptions& options) {
  BudgetReport report = BudgetAnalyzer(graph, options).Run();
  report.children = ChildBudgets(graph, options);
  return report;
}

// ---------------------------------------------------------------------------------------------
// Predicting one run

RunPrediction PredictRun(const StatePath& trace, BudgetCase c, const ItemResolver& items,
                         int64_t limit, NestedPick pick) {
  RunPrediction prediction;
  EventWalker walker(c, items, pick);
  std::vector<WalkEvent> events;
  events.push_back({"ExecutionStarted"});
  std::map<const State*, int64_t> visits;
  for (const PathStep& step : trace) {
    int64_t visit = ++visits[step.state];
    if (!walker.AppendVisit(*step.state, step.exit, visit, events)) {
      prediction.problems = walker.problems();
      return prediction;
    }
  }
  bool terminal = !trace.empty() && trace.back().exit == StepExit::kEnd;
  bool failed = !terminal || trace.back().state->type == StateType::kFail;
  prediction.known = true;
  for (const std::string& note : walker.notes()) {
    prediction.nested_choice |= note.find(" paths: the nominal case") != std::string::npos;
  }
  prediction.problems = walker.problems();
  if (limit > 0 && static_cast<int64_t>(events.size()) >= limit) {
    // Event `limit` is the limit's ExecutionFailed in place of events[limit - 1].
    size_t index = static_cast<size_t>(limit - 1);
    const WalkEvent& blocked = events[index];
    LimitHit hit;
    hit.blocked_event = blocked.type;
    hit.state = blocked.state ? blocked.state->name : "";
    if (blocked.map) {
      hit.map = blocked.map->name;
      hit.map_visit = blocked.map_visit;
      hit.item = blocked.item + 1;
      hit.concurrent = MayRunConcurrently(*blocked.map);
    }
    for (size_t i = 0; i < index; ++i) {
      prediction.events.Add(events[i].type);
      if (std::string_view(events[i].type) == "MapIterationSucceeded" &&
          events[i].map == events[i].state) {
        ++hit.items_completed;
      }
    }
    prediction.events.Add("ExecutionFailed");
    prediction.limit_reached = true;
    prediction.limit_hit = hit;
    return prediction;
  }
  for (const WalkEvent& e : events) prediction.events.Add(e.type);
  if (limit > 0 && !terminal && static_cast<int64_t>(events.size()) == limit - 1) {
    // The trace stopped where the next event would be number `limit`.
    prediction.events.Add("ExecutionFailed");
    prediction.limit_reached = true;
    return prediction;
  }
  prediction.events.Add(failed ? "ExecutionFailed" : "ExecutionSucceeded");
  return prediction;
}

}  // namespace asl
