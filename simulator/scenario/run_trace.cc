#include "simulator/scenario/run_trace.h"

#include <fmt/format.h>

#include <algorithm>
#include <climits>

#include "simulator/engine/execution.h"
#include "simulator/engine/execution_spec.h"
#include "simulator/engine/simulation.h"

namespace sim {

namespace {

// Whether each event type is a "…StateEntered" one, computed once from the names.
bool IsStateEntered(EventType type) {
  static const std::vector<bool> kEntered = [] {
    std::vector<bool> entered;
#define SFN_EVENT(name) entered.push_back(std::string_view(#name).ends_with("StateEntered"));
#include "asl/model/history_event_types.def"
#undef SFN_EVENT
    return entered;
  }();
  auto index = static_cast<size_t>(type);
  return index < kEntered.size() && kEntered[index];
}

bool IsFailedEnd(EventType type) {
  return type == EventType::kExecutionFailed || type == EventType::kExecutionTimedOut ||
         type == EventType::kExecutionAborted;
}

// The cause is cut: a history table needs the gist, `--history-dir` keeps the whole text.
std::string ShortError(const asl::Error& error) {
  constexpr size_t kMaxCause = 160;
  std::string text = error.name;
  if (!error.cause.empty()) {
    text += ": ";
    text += error.cause.size() > kMaxCause ? error.cause.substr(0, kMaxCause) + "…" : error.cause;
  }
  return text;
}

}  // namespace

namespace {

// Frees a history the report will not show.
void Drop(ExecutionTrace& trace) {
  std::vector<TracedEvent>().swap(trace.events);
  std::vector<std::string>().swap(trace.errors);
}

}  // namespace

std::string RunTrace::Key(std::string_view state_machine, std::string_view name) {
  std::string key(state_machine);
  key += '/';
  key += name;
  return key;
}

// Records one execution's events and forwards them to the sink the run would have used.
class TraceRecorder::Sink final : public HistorySink {
 public:
  Sink(TraceRecorder* recorder, ExecutionTrace* trace, HistorySink* inner, bool express)
      : recorder_(recorder), trace_(trace), inner_(inner), express_(express),
        machine_(&recorder->trace_->per_machine[trace->state_machine]) {
    machine_tallies_.push_back(&(*machine_)[""]);
  }

  bool ReadsPayloads() const override { return inner_ != nullptr && inner_->ReadsPayloads(); }

  void Append(const HistoryEventView& event) override {
    if (inner_ != nullptr) inner_->Append(event);
    ExecutionTrace& t = *trace_;
    ++t.event_count;
    const int64_t time_ms = event.timestamp.ms - recorder_->start_ms_;
    uint32_t state = current_;
    if (!event.name.empty()) state = IndexOf(event.name);
    StateTally& machine_tally = *machine_tallies_[state];
    if (IsStateEntered(event.type)) {
      current_ = state;
      if (t.tallied) ++t.states[state].entered;
      ++machine_tally.entered;
      if (!express_) ++recorder_->trace_->entries_per_second[time_ms / 1000];
    }
    if (t.tallied) ++t.states[state].events;
    ++machine_tally.events;
    if (IsFailedEnd(event.type)) t.failed = true;
    TracedEvent traced;
    traced.id = static_cast<uint32_t>(event.id);
    traced.time_ms = time_ms;
    traced.type = event.type;
    traced.state = static_cast<uint16_t>(std::min<uint32_t>(state, UINT16_MAX));
    if (event.error != nullptr) {
      traced.error = static_cast<int32_t>(t.errors.size());
      t.errors.push_back(ShortError(*event.error));
    }
    t.events.push_back(traced);
  }

  void Finish() override {
    if (inner_ != nullptr) inner_->Finish();
    recorder_->Ended(*trace_);
  }

 private:
  // State names of untallied executions still need an index for `current_` and the history;
  // they share the table, which stays as small as the machine.
  uint32_t IndexOf(std::string_view name) {
    auto it = index_.find(name);
    if (it != index_.end()) return it->second;
    auto index = static_cast<uint32_t>(trace_->state_names.size());
    trace_->state_names.emplace_back(name);
    trace_->states.emplace_back();
    index_.emplace(std::string(name), index);
    // std::map nodes stay put: the pointer is good for the run.
    machine_tallies_.push_back(&(*machine_)[std::string(name)]);
    return index;
  }

  TraceRecorder* recorder_;
  ExecutionTrace* trace_;
  HistorySink* inner_;
  bool express_;
  uint32_t current_ = 0;
  std::map<std::string, uint32_t, std::less<>> index_;
  std::map<std::string, StateTally>* machine_;  // RunTrace::per_machine of its state machine
  std::vector<StateTally*> machine_tallies_;     // by state index, into *machine_
};

TraceRecorder::TraceRecorder(RunTrace* trace, const Simulation& simulation, int64_t start_ms,
                             std::string root)
    : trace_(trace), simulation_(simulation), start_ms_(start_ms), root_(std::move(root)) {}

TraceRecorder::~TraceRecorder() = default;

HistorySink* TraceRecorder::SinkFor(const ExecutionSpec& spec, HistorySink* inner) {
  std::string key = RunTrace::Key(spec.state_machine_name, spec.name);
  auto trace = std::make_unique<ExecutionTrace>();
  trace->state_machine = spec.state_machine_name;
  trace->name = spec.name;
  trace->tallied = trace_->order.size() < RunTrace::kMaxTalliedExecutions;
  ExecutionTrace* raw = trace.get();
  auto [it, inserted] = trace_->executions.emplace(key, std::move(trace));
  if (!inserted) raw = it->second.get();  // a name used twice: one trace (AWS refuses it anyway)
  else trace_->order.push_back(key);
  sinks_.push_back(std::make_unique<Sink>(this, raw, inner, spec.express));
  return sinks_.back().get();
}

void TraceRecorder::OnFailureHandled(const FailureReport& report) {
  if (report.execution == nullptr || report.error == nullptr) return;
  const Execution& e = *report.execution;
  FailureMark mark;
  mark.time_ms = simulation_.now().ms - start_ms_;
  mark.execution = RunTrace::Key(e.spec().state_machine_name, e.name());
  mark.state = std::string(report.state_name);
  mark.error = report.error->name;
  mark.handling = report.handling;
  trace_->failures.push_back(std::move(mark));
}

void TraceRecorder::Ended(ExecutionTrace& trace) {
  const auto n = static_cast<int64_t>(trace.events.size());
  const bool root = RunTrace::Key(trace.state_machine, trace.name) == root_;
  if ((root || trace.failed) && kept_ < RunTrace::kMaxKeptHistories &&
      (root || kept_events_ + n <= RunTrace::kMaxKeptEvents)) {
    trace.history_kept = true;
    ++kept_;
    kept_events_ += n;
    return;
  }
  // The largest other history is kept too (the one nearest the 25,000 limit); only the largest
  // so far waits for the end of the run.
  if (largest_ == nullptr || n > static_cast<int64_t>(largest_->events.size())) {
    if (largest_ != nullptr) Drop(*largest_);
    largest_ = &trace;
    return;
  }
  Drop(trace);
}

void TraceRecorder::Finish() {
  if (largest_ != nullptr) {
    const auto n = static_cast<int64_t>(largest_->events.size());
    if (kept_ < RunTrace::kMaxKeptHistories && kept_events_ + n <= RunTrace::kMaxKeptEvents) {
      largest_->history_kept = true;
      ++kept_;
      kept_events_ += n;
    } else {
      Drop(*largest_);
    }
  }
  // Executions still running when the run stopped (halted): their partial histories go.
  for (auto& [key, trace] : trace_->executions) {
    if (!trace->history_kept && trace.get() != largest_) Drop(*trace);
  }
}

}  // namespace sim
