#pragma once
// History budget: how many execution-history events a definition writes, state by state and
// loop by loop, and how many iterations of each loop fit under the 25,000-event limit.
//
// Event counts per state type and integration pattern come from the table of the events each
// element writes (asl/model/history_elements.def), which the engine emits by too; its shapes
// follow docs/reference/aws-semantics.md §3–§7 (recorded on AWS; `sfnsim budget --check` runs
// the engine to compare):
//
//   Pass, Choice, Wait, Succeed        2   …StateEntered, …StateExited
//   Fail                               1   FailStateEntered (then the terminal event)
//   Task, request-response             5   TaskStateEntered, TaskScheduled, TaskStarted,
//                                          TaskSucceeded, TaskStateExited
//   Task, .sync / .waitForTaskToken    6   adds TaskSubmitted after TaskStarted
//   Task, bare Lambda ARN / activity   5   LambdaFunction… / Activity… Scheduled, Started,
//                                          Succeeded instead of the Task… ones
//   a retried attempt                 +3   Scheduled, Started, Failed (+1 TaskSubmitted for
//                                          .sync / .waitForTaskToken); a retry writes no event
//   inline Map                         4 + per item (2 + the item's events)
//   distributed Map                    6   the child executions have histories of their own
//   Parallel                           4 + every branch's events
//   execution                          2   ExecutionStarted + the terminal event
//
// The limit L (kHistoryLimit, 25,000; asl/model/history_events.h): a non-terminal event that
// would get id L is replaced by ExecutionFailed States.Runtime, so a workflow writes at most
// L − 1 events of its own; its terminal event may be event L.
//
// The analysis works on the StateGraph: loops are its strongly connected components, the paths
// through a loop its elementary cycles (Boost.Graph strong_components, hawick_unique_circuits).

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "asl/analysis/state_graph.h"
#include "asl/base/number_text.h"
#include "asl/model/history_events.h"
#include "asl/model/state_machine.h"

namespace asl {

// A number of history events, by AWS event type name.
class EventTally {
 public:
  void Add(std::string_view type, int64_t n = 1);
  void Add(const EventTally& other, int64_t times = 1);
  int64_t total() const { return total_; }
  int64_t count(std::string_view type) const;
  const std::map<std::string, int64_t, std::less<>>& by_type() const { return by_type_; }
  bool operator==(const EventTally& other) const { return by_type_ == other.by_type_; }

 private:
  std::map<std::string, int64_t, std::less<>> by_type_;
  int64_t total_ = 0;
};

// Item counts of Map states, per visit: "999,1000" for every Map (the first visit 999 items, the
// later ones 1000: the last count repeats), "PublishPage=999,1000" for one Map.
class MapItems {
 public:
  // Parses one `--map-items` value; false with `error` set when it is malformed.
  bool Parse(std::string_view spec, std::string* error);
  void Set(const std::string& map, std::vector<int64_t> counts);
  void SetDefault(std::vector<int64_t> counts) { default_ = std::move(counts); }
  // Items of `map` on its `visit`-th visit (1-based; 0 means "a steady visit": the last count).
  std::optional<int64_t> Items(std::string_view map, int64_t visit) const;
  bool empty() const { return per_map_.empty() && default_.empty(); }
  // Length of the count list that applies to `map` (0 when unknown).
  size_t Visits(std::string_view map) const;
  // "999, then 1,000" for a report; "" when unknown.
  std::string Describe(std::string_view map) const;

 private:
  std::map<std::string, std::vector<int64_t>, std::less<>> per_map_;
  std::vector<int64_t> default_;
};

// The best case (no failure) or the worst case the Retry policies allow (every retrier of
// every Task used to its MaxAttempts, each failed attempt's events counted). kTopLevelRetry
// uses every retrier of the top-level Tasks only (not in Map items or Parallel branches): the
// case `sfnsim budget --check` also runs, so that retried loops still complete iterations.
enum class BudgetCase : uint8_t { kNominal, kEveryRetry, kTopLevelRetry };
const char* BudgetCaseName(BudgetCase c);  // "nominal", "every retry", "top-level retries"

// How a state is left on a path: by a transition (Next, a Choice rule, Default), through a
// Catch after the task failed, or as the path's last state.
enum class StepExit : uint8_t { kNext, kCatch, kEnd };

struct PathStep {
  const State* state = nullptr;
  StepExit exit = StepExit::kNext;
};
using StatePath = std::vector<PathStep>;

// "A -> B -> C"
std::string FormatPath(const StatePath& path);

// The errors a scripted run raises to use every retrier of a Task to its MaxAttempts, in order:
// for each retrier that some error reaches first (a retrier whose errors all match an earlier
// one is never used), an error name it matches and no earlier retrier does.
struct RetryUse {
  size_t retrier = 0;
  std::string error;
  int64_t attempts = 0;  // MaxAttempts: the retries this retrier allows in one visit
};
std::vector<RetryUse> EveryRetryPlan(const State& state);
// Σ attempts of EveryRetryPlan: the most retries one visit of the state can make.
int64_t MaxRetries(const State& state);

// Events of a failed Task attempt (3, or 4 when a .sync / .waitForTaskToken job was submitted).
int64_t FailedAttemptEvents(const TaskResource& resource);
// Whether a Task state starts an execution (states:startExecution, any pattern): a hand-over.
bool StartsExecution(const State& state);
// Whether an inline Map may run several items at once (MaxConcurrency other than 1).
bool MayRunConcurrently(const State& map);
// Whether a Parallel state has a branch every path of which ends in a Fail state: it always
// fails.
bool ParallelCannotSucceed(const State& state);

// One event of a walk, and where it comes from.
struct WalkEvent {
  const char* type = "";             // AWS event type name (static storage)
  const State* state = nullptr;      // the state that writes it; null for execution events
  const State* map = nullptr;        // the outermost Map whose iteration writes it
  int64_t map_visit = 0;             // that Map's visit (1-based)
  int64_t item = -1;                 // 0-based item of that Map visit
};


// Map item counts: (the Map state, its visit, 1-based; 0 for a Map nested in a Map item or a
// branch) -> items; nullopt when unknown.
using ItemResolver = std::function<std::optional<int64_t>(const State& map, int64_t visit)>;
ItemResolver ResolverFor(const MapItems& items);

// Which path of a nested machine (a Map item processor, a Parallel branch) with several paths
// a walk takes: by case (the cheapest nominally, the costliest with every retry), or always
// the cheapest / the costliest (the bounds of a run whose items took paths of the data).
enum class NestedPick : uint8_t { kByCase, kCheapest, kCostliest };

// Writes the events of state visits in the order a sequential run (MaxConcurrency 1, one
// Parallel branch after another) writes them; concurrency changes the order, never the number.
class EventWalker {
 public:
  EventWalker(BudgetCase c, ItemResolver items, NestedPick pick = NestedPick::kByCase)
      : case_(c), items_(std::move(items)), pick_(pick) {}

  // Appends one visit of `state` (left as `exit`) to `out`; `visit` is the visit number used
  // for its Map item count. False when a count is unknown (see problems()).
  bool AppendVisit(const State& state, StepExit exit, int64_t visit, std::vector<WalkEvent>& out);
  // Events of one visit, as a tally; nullopt when a count is unknown.
  std::optional<EventTally> VisitTally(const State& state, StepExit exit, int64_t visit);
  // Their number only (no tally to build: the analyses count long paths step by step).
  std::optional<int64_t> VisitCount(const State& state, StepExit exit, int64_t visit);
  // Why a walk could not be completed ("items of Map \"M\" unknown") or is only a bound.
  const std::set<std::string>& problems() const { return problems_; }
  const std::set<std::string>& notes() const { return notes_; }

 private:
  bool AppendTask(const State& state, StepExit exit, std::vector<WalkEvent>& out);
  bool AppendMap(const State& state, StepExit exit, int64_t visit, std::vector<WalkEvent>& out);
  bool AppendParallel(const State& state, StepExit exit, std::vector<WalkEvent>& out);
  // One inline Map iteration: `element`'s first event, the item's events, its last event.
  void AppendIteration(const State& map, HistoryElement element, int64_t visit, int64_t item,
                       const std::vector<WalkEvent>& item_events, std::vector<WalkEvent>& out);
  // The events of a nested machine from its StartAt to a successful end: the cheapest path for
  // the nominal case, the most expensive for every retry.
  bool AppendMachine(const StateMachine& machine, std::vector<WalkEvent>& out);
  bool AppendNested(const StateMachine& machine, std::vector<WalkEvent>& out);

  bool Retries() const {
    return case_ == BudgetCase::kEveryRetry || (case_ == BudgetCase::kTopLevelRetry && depth_ == 0);
  }

  BudgetCase case_;
  ItemResolver items_;
  NestedPick pick_;
  int depth_ = 0;  // nesting: 0 in the top-level lane
  bool nested_failed_ = false;  // the last nested machine walked could only end in a Fail
  std::vector<WalkEvent> scratch_;  // VisitCount's events, kept to reuse their storage
  std::set<std::string> problems_;
  std::set<std::string> notes_;
};

// Where the limit event falls when a loop keeps iterating.
struct LimitHit {
  int64_t iteration = 0;         // the iteration (visit of the loop's entry state) it falls in
  std::string blocked_event;     // the event that event L replaces
  std::string state;             // the state that would have written it
  std::string map;               // the Map whose item writes it ("" when none)
  int64_t map_visit = 0;
  int64_t item = 0;              // 1-based
  bool concurrent = false;       // that Map may run several items at once: then the items in
                                 // flight at the limit are timing, and `item` is the sequential
                                 // order's
  int64_t items_completed = 0;   // MapIterationSucceeded events written
};

// Figures of a way into a loop (the path to it and one of its cycles) in one case.
struct EntryFigures {
  bool known = false;              // every count needed was known
  bool before_known = false;       // `before` is known (even when an iteration's count is not)
  int64_t before = 0;              // ExecutionStarted + the path into the loop
  int64_t first_iteration = 0;     // the first full iteration
  int64_t per_iteration = 0;       // a steady full iteration (Map counts: the last of the list)
  std::optional<LimitHit> keeps_iterating;  // where the limit falls if the loop never exits
};

// A way into a loop: the path to it and the iteration (an elementary cycle starting at the
// state it enters). Iterations count visits of the entry state.
struct LoopEntry {
  StatePath prefix;         // StartAt … the state before the entry state
  StatePath iteration;      // a full iteration, starting at the entry state
  EntryFigures nominal;
  EntryFigures every_retry;
};

// Figures of one route (a way in, a number of iterations, a way out) in one case.
struct RouteFigures {
  bool known = false;
  bool after_known = false;        // `after` is known (even when the iterations are not)
  int64_t after = 0;               // the way out, terminal event included
  int64_t max_iterations = 0;      // most iterations that still complete (0: not even one)
  int64_t events_at_max = 0;       // the execution's events then, terminal included
  std::optional<int64_t> handover_iteration;  // hand-over routes: the last one within the margin
  int64_t events_at_handover = 0;
};

// A way through a loop. The last iteration runs from the entry state to the state the loop is
// left from (the first `partial` steps of the iteration), then the way out.
struct LoopRoute {
  size_t entry = 0;         // index into Loop::entries
  size_t partial = 0;       // steps of the iteration the last one runs (1 … iteration.size())
  StepExit partial_exit = StepExit::kNext;  // how the last one leaves (a transition or a Catch)
  StatePath exit;           // after the loop; its last step is the terminal state
  bool hands_over = false;  // the way out starts an execution (states:startExecution)
  bool fails = false;       // the way out goes through a Catch or ends in a Fail state
  RouteFigures nominal;
  RouteFigures every_retry;
};

// A term of a per-iteration formula: items of a Map × events per item.
struct FormulaTerm {
  const State* map = nullptr;
  int64_t per_item = 0;
};
struct IterationFormula {
  bool known = false;  // false when a nested count is missing
  int64_t constant = 0;
  std::vector<FormulaTerm> terms;
  std::string ToString() const;  // "11 + 7 × items(PublishPage)"
};

struct Loop {
  int scope = 0;                       // StateGraph scope of the loop (0: top level)
  std::string scope_title;             // "" for the top level
  std::vector<const State*> states;    // the strongly connected component, document order
  std::vector<StatePath> cycles;       // its elementary cycles ("paths through it")
  std::vector<IterationFormula> nominal_formula;      // per cycle
  std::vector<IterationFormula> every_retry_formula;  // per cycle
  std::vector<LoopEntry> entries;      // top-level loops only
  std::vector<LoopRoute> routes;       // top-level loops only
  bool exits = false;                  // some edge leaves the loop
  bool hands_over = false;             // some way out starts an execution
  bool truncated = false;              // more cycles or routes than the analysis lists
  std::set<std::string> data_dependent;  // "items of Map \"M\"", "the rule taken at Choice \"C\""
};

// A path through a loop-free top-level machine.
struct PlainPath {
  StatePath path;
  bool fails = false;
  IterationFormula nominal;
  IterationFormula every_retry;
  std::optional<int64_t> nominal_total;      // with --map-items
  std::optional<int64_t> every_retry_total;
};

struct BudgetOptions {
  int64_t limit = kHistoryLimit;
  int64_t margin = 0;
  std::string loop_state;  // only the loop containing this state ("" : every loop)
  MapItems map_items;
};

struct ChildBudget;

struct BudgetReport {
  std::vector<Loop> loops;
  std::vector<PlainPath> paths;  // when the top level has no loop
  bool paths_truncated = false;
  std::set<std::string> notes;   // approximations and unknowns met on the way
  // The Distributed Maps of the machine (not those inside another one's children: they are in
  // that child's report), in document order.
  std::vector<ChildBudget> children;
};

// A Distributed Map's child executions. Each child (one per item, or one per batch with an
// ItemBatcher) is an execution with a history of its own, ExecutionStarted … its terminal
// event, under the same 25,000-event limit when STANDARD; the parent writes the Map's 6 events
// whatever the number of items. EXPRESS children have no history in Step Functions and no event
// limit (their limit is 5 minutes): their figures are what a STANDARD child would write.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html
struct ChildBudget {
  const State* map = nullptr;
  std::string scope_title;  // where the Map is ("" : the top level)
  bool express = false;     // ProcessorConfig.ExecutionType EXPRESS
  int64_t parent_events = 6;
  // The item processor analysed as a machine of its own (the children's Retry policies count
  // as a top-level machine's do).
  BudgetReport report;
  // The most events one child writes, terminal event included, over the paths of a child
  // without loops; nullopt when the child has a loop or a count is unknown.
  std::optional<int64_t> largest_nominal;
  std::optional<int64_t> largest_every_retry;
};

// Analyses `machine`. Loops of nested machines (Parallel branches, inline Map item processors)
// are listed without routes: their iterations write into the parent's history per item. A
// Distributed Map's item processor is analysed as a machine of its own (BudgetReport::children).
BudgetReport AnalyzeHistoryBudget(const StateMachine& machine, const StateGraph& graph,
                                  const BudgetOptions& options);

// The most iterations the route analysis walks (a loop of 2-event states fits 12,499).
inline constexpr int64_t kIterationCap = 1'000'000;

// Prediction of one run that visited the top-level states `trace` (each with how it was left;
// the last one kEnd), with the given Map item counts: its events, the limit applied (the
// limit's ExecutionFailed replaces the first non-terminal event numbered `limit`; `limit` 0: no
// limit). A trace whose last state is not terminal ends with ExecutionFailed (a run stopped by
// an uncaught error); the caller compares only complete traces.
struct RunPrediction {
  bool known = false;
  EventTally events;
  bool limit_reached = false;
  std::optional<LimitHit> limit_hit;
  bool nested_choice = false;  // a nested machine had several paths (see NestedPick)
  std::set<std::string> problems;
};
RunPrediction PredictRun(const StatePath& trace, BudgetCase c, const ItemResolver& items,
                         int64_t limit, NestedPick pick = NestedPick::kByCase);

}  // namespace asl
