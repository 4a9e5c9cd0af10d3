#include "simulator/analysis/budget_check.h"

#include <fmt/format.h>

#include <functional>
#include <map>

#include "asl/base/json.h"
#include "simulator/engine/execution.h"
#include "simulator/engine/simulation.h"
#include "simulator/harness/environment.h"
#include "simulator/history/history_sink.h"
#include "simulator/history/recorder.h"
#include "simulator/engine/service_backend.h"

namespace sim {

namespace {

bool CheckSubmits(const asl::TaskResource& r) {
  return r.kind != asl::ResourceKind::kActivity &&
         (r.pattern == asl::IntegrationPattern::kSync ||
          r.pattern == asl::IntegrationPattern::kSync2 ||
          r.pattern == asl::IntegrationPattern::kWaitForTaskToken);
}

// Every state of the machine at any depth, by name (names are unique in a definition).
void IndexCheckStates(const asl::StateMachine& machine,
                      std::map<std::string, const asl::State*, std::less<>>& out) {
  for (const asl::State& s : machine.states) {
    out.emplace(s.name, &s);
    for (const auto& branch : s.branches) IndexCheckStates(*branch, out);
    if (s.processor) IndexCheckStates(*s.processor, out);
  }
}

// Scripted task results for one run (see budget_check.h).
class BudgetCheckBackend final : public sim::ServiceBackend {
 public:
  BudgetCheckBackend(const asl::StateMachine& machine, int64_t pages, asl::BudgetCase c)
      : machine_(machine), pages_(pages), case_(c) {
    IndexCheckStates(machine, states_);
  }

  bool Invoke(const sim::TaskRequest& request, const sim::TaskHandle& handle) override {
    const asl::TaskResource& resource = *request.resource;
    bool submits = CheckSubmits(resource);
    auto it = states_.find(request.state_name);
    bool retries = case_ == asl::BudgetCase::kEveryRetry ||
                   (case_ == asl::BudgetCase::kTopLevelRetry &&
                    machine_.Find(request.state_name) != asl::kNoState);
    if (retries && it != states_.end()) {
      int64_t attempt = request.attempt;
      for (const asl::RetryUse& use : asl::EveryRetryPlan(*it->second)) {
        if (attempt < use.attempts) {
          handle.Start(request.now);
          if (submits) handle.Submit(request.now, asl::Json::object());
          handle.Fail(request.now, asl::Error(use.error, "sfnsim budget --check: scripted "
                                                         "failure to use every retry"));
          return true;
        }
        attempt -= use.attempts;
      }
    }
    asl::Json result = ResultFor(request);
    handle.Start(request.now);
    if (submits) handle.Submit(request.now, asl::Json::object());
    handle.Succeed(request.now, std::move(result));
    return true;
  }

 private:
  asl::Json ResultFor(const sim::TaskRequest& request) {
    const asl::TaskResource& r = *request.resource;
    const asl::Json& params = request.parameters ? *request.parameters : empty_;
    if (r.kind == asl::ResourceKind::kOptimized && r.service == "athena") {
      if (r.api == "getQueryResults") return Page(params);
      asl::Json execution = {{"QueryExecutionId", "sfnsim-check-query"},
                             {"Status", {{"State", "SUCCEEDED"}}}};
      if (r.api == "startQueryExecution" &&
          r.pattern == asl::IntegrationPattern::kRequestResponse) {
        return {{"QueryExecutionId", "sfnsim-check-query"}};
      }
      return {{"QueryExecution", execution}};
    }
    if (r.kind == asl::ResourceKind::kOptimized && r.service == "sns") {
      return {{"MessageId", fmt::format("sfnsim-check-message-{}", ++messages_)}};
    }
    if (r.kind == asl::ResourceKind::kOptimized && r.service == "sqs") {
      return {{"MessageId", fmt::format("sfnsim-check-message-{}", ++messages_)},
              {"MD5OfMessageBody", "00000000000000000000000000000000"}};
    }
    if (r.kind == asl::ResourceKind::kOptimized && r.service == "states") {
      std::string arn = fmt::format(
          "arn:aws:states:us-east-1:123456789012:execution:sfnsim-check:run-{}", ++executions_);
      if (r.pattern == asl::IntegrationPattern::kRequestResponse) {
        return {{"ExecutionArn", arn}, {"StartDate", "2024-01-01T00:00:00.000Z"}};
      }
      return {{"ExecutionArn", arn}, {"Status", "SUCCEEDED"},
              {"Output", r.pattern == asl::IntegrationPattern::kSync2 ? asl::Json::object()
                                                                       : asl::Json("{}")}};
    }
    if (r.kind == asl::ResourceKind::kOptimized && r.service == "lambda") {
      return {{"ExecutedVersion", "$LATEST"}, {"Payload", asl::Json::object()},
              {"StatusCode", 200}};
    }
    return asl::Json::object();
  }

  // One page of an Athena result: MaxResults rows, the first page of a query (no NextToken in
  // the request) starting with the header row.
  asl::Json Page(const asl::Json& params) {
    int64_t max_results = 1000;
    if (auto it = params.find("MaxResults"); it != params.end() && it->is_number_integer()) {
      max_results = it->get<int64_t>();
    }
    bool first = !params.contains("NextToken");
    ++served_;
    asl::Json rows = asl::Json::array();
    static constexpr const char* kColumns[] = {"customer_id", "registration_date", "email",
                                               "country", "tier"};
    auto row = [&](auto&& value) {
      asl::Json data = asl::Json::array();
      for (int c = 0; c < 5; ++c) data.push_back({{"VarCharValue", value(c)}});
      rows.push_back({{"Data", std::move(data)}});
    };
    for (int64_t i = 0; i < max_results; ++i) {
      if (first && i == 0) {
        row([&](int c) { return std::string(kColumns[c]); });
        continue;
      }
      int64_t id = ++row_id_;
      row([&](int c) { return fmt::format("{}-{}", kColumns[c], id); });
    }
    asl::Json page = {{"UpdateCount", 0},
                      {"ResultSet", {{"Rows", std::move(rows)},
                                     {"ResultSetMetadata", asl::Json::object()}}}};
    if (pages_ == 0 || served_ < pages_) {
      page["NextToken"] = fmt::format("sfnsim-check-page-{}", served_ + 1);
    }
    return page;
  }

  const asl::StateMachine& machine_;
  std::map<std::string, const asl::State*, std::less<>> states_;
  int64_t pages_;
  asl::BudgetCase case_;
  int64_t served_ = 0;
  int64_t row_id_ = 0;
  int64_t messages_ = 0;
  int64_t executions_ = 0;
  asl::Json empty_ = asl::Json::object();
};

// Counts the events by type and follows the top-level lane: the states it entered, how each
// was left, and the item count of every Map visit.
class BudgetTraceSink final : public sim::HistorySink {
 public:
  explicit BudgetTraceSink(const asl::StateMachine& machine) : machine_(machine) {}
  bool ReadsPayloads() const override { return false; }

  void Append(const sim::HistoryEventView& event) override {
    std::string_view type = sim::EventTypeName(event.type);
    tally_.Add(type);
    // MapStateStarted names no state: it follows its MapStateEntered in the same lane at once.
    if (event.type == sim::EventType::kMapStateEntered) last_map_ = std::string(event.name);
    if (event.type == sim::EventType::kMapStateStarted) lengths_[last_map_].push_back(event.length);
    bool opens = event.type == sim::EventType::kMapStateStarted ||
                 event.type == sim::EventType::kParallelStateStarted;
    bool closes = event.type == sim::EventType::kMapStateSucceeded ||
                  event.type == sim::EventType::kMapStateFailed ||
                  event.type == sim::EventType::kParallelStateSucceeded ||
                  event.type == sim::EventType::kParallelStateFailed;
    if (opens) {
      ++depth_;
      return;
    }
    if (closes && depth_ > 0) --depth_;
    if (depth_ > 0) return;
    if (type.ends_with("StateEntered")) {
      asl::StateId id = machine_.Find(event.name);
      if (id != asl::kNoState) trace_.push_back({&machine_.states[id], asl::StepExit::kNext});
      failed_ = false;
      return;
    }
    if (type.ends_with("Failed") || type.ends_with("TimedOut")) failed_ = true;
    if (type.ends_with("Scheduled") || type.ends_with("Succeeded")) failed_ = false;
    if (type.ends_with("StateExited") && !trace_.empty()) {
      trace_.back().exit = failed_ ? asl::StepExit::kCatch : asl::StepExit::kNext;
    }
  }

  const asl::EventTally& tally() const { return tally_; }
  asl::StatePath& trace() { return trace_; }
  const std::map<std::string, std::vector<int64_t>, std::less<>>& lengths() const {
    return lengths_;
  }

 private:
  const asl::StateMachine& machine_;
  asl::EventTally tally_;
  asl::StatePath trace_;
  std::map<std::string, std::vector<int64_t>, std::less<>> lengths_;
  std::string last_map_;
  int depth_ = 0;
  bool failed_ = false;
};

// Whether some Task of `machine` has a Retry: at its top level, or nested in it.
bool CheckHasRetry(const asl::StateMachine& machine, bool nested_only = false) {
  for (const asl::State& s : machine.states) {
    if (!nested_only && asl::MaxRetries(s) > 0) return true;
    for (const auto& branch : s.branches) {
      if (CheckHasRetry(*branch)) return true;
    }
    if (s.processor && CheckHasRetry(*s.processor)) return true;
  }
  return false;
}

bool CheckHasTopLevelRetry(const asl::StateMachine& machine) {
  for (const asl::State& s : machine.states) {
    if (asl::MaxRetries(s) > 0) return true;
  }
  return false;
}

bool ReadsQueryResults(const asl::StateMachine& machine) {
  for (const asl::State& s : machine.states) {
    if (s.resource && s.resource->service == "athena" && s.resource->api == "getQueryResults") {
      return true;
    }
    for (const auto& branch : s.branches) {
      if (ReadsQueryResults(*branch)) return true;
    }
    if (s.processor && ReadsQueryResults(*s.processor)) return true;
  }
  return false;
}

// Whether a Map of the trace may run several items at once.
bool ConcurrentMapIn(const asl::StatePath& trace) {
  for (const asl::PathStep& step : trace) {
    if (asl::MayRunConcurrently(*step.state)) return true;
  }
  return false;
}

BudgetCheckRun RunOneCheck(std::shared_ptr<const asl::StateMachine> machine,
                      const std::string& machine_name, bool express,
                      const BudgetCheckInput& input, int64_t pages, asl::BudgetCase c) {
  // EXPRESS executions have no history limit (the engine records them without one).
  const int64_t limit = express ? 0 : EngineHistoryLimit();
  BudgetCheckRun run;
  run.input = input.label;
  run.pages = pages;
  run.retries = c;
  sim::EnvironmentOptions options;
  options.max_state_entries = 10'000'000;
  options.front_backends.push_back(std::make_unique<BudgetCheckBackend>(*machine, pages, c));
  // Without a world Create cannot fail.
  std::unique_ptr<sim::Environment> env =
      std::move(sim::Environment::Create(std::move(options)).value());
  sim::StartOptions start;
  start.sink = std::make_unique<BudgetTraceSink>(*machine);
  BudgetTraceSink& sink = static_cast<BudgetTraceSink&>(*start.sink);
  sim::ExecutionSpec spec;
  spec.machine = machine;
  spec.state_machine_name = machine_name;
  spec.name = "sfnsim-budget-check";
  spec.input_text = input.text;
  spec.express = express;
  sim::Execution& execution = env->Start(std::move(spec), std::move(start));
  env->RunUntilIdle();

  run.status = sim::StatusName(execution.status());
  if (execution.has_error()) {
    run.error = execution.error().name;
    if (execution.has_cause() && !execution.error().cause.empty()) {
      run.error += ": " + execution.error().cause;
    }
  }
  run.recorded = sink.tally();
  asl::StatePath& trace = sink.trace();
  bool by_limit = execution.history().limit_reached();
  if (!trace.empty() && execution.ended() && !by_limit && trace.back().state->IsTerminal()) {
    trace.back().exit = asl::StepExit::kEnd;
  }
  run.trace = trace;
  std::map<const asl::State*, int64_t> visits;
  for (const asl::PathStep& step : trace) {
    run.loop_visits = std::max(run.loop_visits, ++visits[step.state]);
  }
  if (!execution.ended()) {
    run.problem = "the execution did not end";
    return run;
  }
  if (!by_limit && (trace.empty() || trace.back().exit != asl::StepExit::kEnd)) {
    run.problem = fmt::format("the run ended with {} before a terminal state{}", run.status,
                              run.error.empty() ? "" : " (" + run.error + ")");
    return run;
  }
  const auto& lengths = sink.lengths();
  asl::ItemResolver items = [&lengths](const asl::State& map,
                                       int64_t visit) -> std::optional<int64_t> {
    auto it = lengths.find(map.name);
    if (it == lengths.end() || it->second.empty()) return std::nullopt;
    if (visit >= 1 && visit <= static_cast<int64_t>(it->second.size())) {
      return it->second[static_cast<size_t>(visit - 1)];
    }
    return it->second.back();
  };
  run.predicted = asl::PredictRun(trace, c, items, limit);
  if (!run.predicted.known) {
    run.problem = "no prediction: unknown " + fmt::format("{}", fmt::join(run.predicted.problems, ", "));
    return run;
  }
  if (run.predicted.nested_choice) {
    // Which path each item or branch took is data: bound the run by the cheapest and the
    // costliest paths.
    run.predicted = asl::PredictRun(trace, c, items, limit, asl::NestedPick::kCheapest);
    asl::RunPrediction high = asl::PredictRun(trace, c, items, limit, asl::NestedPick::kCostliest);
    run.costliest = high.events;
    run.by_type = false;
    run.match = !by_limit && !run.predicted.limit_reached && !high.limit_reached &&
                run.predicted.events.total() <= run.recorded.total() &&
                run.recorded.total() <= high.events.total();
    return run;
  }
  run.by_type = !(by_limit && ConcurrentMapIn(trace));
  run.match = run.predicted.limit_reached == by_limit &&
              (run.by_type ? run.predicted.events == run.recorded
                           : run.predicted.events.total() == run.recorded.total() &&
                                 run.predicted.events.count("ExecutionFailed") ==
                                     run.recorded.count("ExecutionFailed"));
  return run;
}

}  // namespace

int64_t EngineHistoryLimit() { return sim::kHistoryEventLimit; }

std::vector<BudgetCheckRun> RunBudgetChecks(std::shared_ptr<const asl::StateMachine> machine,
                                            std::shared_ptr<const asl::StateMachine> sequential,
                                            const std::string& machine_name, bool express,
                                            const std::vector<BudgetCheckInput>& inputs,
                                            const std::vector<int64_t>& pages) {
  std::vector<BudgetCheckRun> runs;
  std::vector<asl::BudgetCase> cases{asl::BudgetCase::kNominal};
  if (CheckHasRetry(*machine)) cases.push_back(asl::BudgetCase::kEveryRetry);
  // Retries in Map items or branches too: also retry the top-level Tasks alone.
  if (CheckHasTopLevelRetry(*machine) && CheckHasRetry(*machine, /*nested_only=*/true)) {
    cases.push_back(asl::BudgetCase::kTopLevelRetry);
  }
  std::vector<int64_t> page_counts = ReadsQueryResults(*machine) ? pages : std::vector<int64_t>{0};
  for (const BudgetCheckInput& input : inputs) {
    for (asl::BudgetCase c : cases) {
      for (int64_t p : page_counts) {
        runs.push_back(RunOneCheck(machine, machine_name, express, input, p, c));
        if (runs.back().by_type || runs.back().costliest || !sequential) continue;
        BudgetCheckRun again = RunOneCheck(sequential, machine_name, express, input, p, c);
        again.sequential = true;
        runs.push_back(std::move(again));
      }
    }
  }
  return runs;
}

}  // namespace sim
