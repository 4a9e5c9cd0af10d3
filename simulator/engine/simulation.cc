#include "simulator/engine/simulation.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "simulator/engine/execution.h"

namespace sim {

const char* StatusName(ExecutionStatus status) {
  switch (status) {
    case ExecutionStatus::kRunning: return "RUNNING";
    case ExecutionStatus::kSucceeded: return "SUCCEEDED";
    case ExecutionStatus::kFailed: return "FAILED";
    case ExecutionStatus::kTimedOut: return "TIMED_OUT";
    case ExecutionStatus::kAborted: return "ABORTED";
  }
  return "UNKNOWN";
}

Simulation::Simulation(SimulationConfig config)
    : config_(std::move(config)),
      now_(config_.start_time),
      random_(config_.seed),
      // A stream of its own: a state's latency is drawn without moving the UUIDs, faults and
      // retry jitter random() gives, which stay what they were without engine latency.
      engine_random_(asl::Random(config_.seed ^ 0x656E67696E652D6Cull).Next()) {
  if (config_.role_arn.empty()) {
    config_.role_arn = fmt::format("arn:{}:iam::{}:role/sfnsim-execution-role", config_.partition,
                                   config_.account);
  }
}

Simulation::~Simulation() = default;

void Simulation::Schedule(SimTime at, TimerTarget* target, uint32_t tag, uint64_t arg) {
  queue_.Insert(at < now_ ? now_ : at, target, tag, arg);
}

std::string Simulation::StateMachineArn(const std::string& name) const {
  return fmt::format("arn:{}:states:{}:{}:stateMachine:{}", config_.partition, config_.region,
                     config_.account, name);
}

std::string Simulation::ExecutionArn(const std::string& machine_name, const std::string& name,
                                     bool express, uint64_t execution_id,
                                     std::string_view resource_type) const {
  if (!express) {
    return fmt::format("arn:{}:states:{}:{}:{}:{}:{}", config_.partition, config_.region,
                       config_.account, resource_type, machine_name, name);
  }
  // An EXPRESS execution's ARN ends with a UUID of its own (StartSyncExecution's answer in AWS's
  // samples: "…:express:MACHINE:NAME:4f3726da-…"). It is drawn from a generator derived from the
  // seed and the execution's number, so that it is reproducible without moving the ids the
  // simulation's own generator gives everything else.
  asl::Random derived(config_.seed ^ (0x9E3779B97F4A7C15ull * (execution_id + 1)));
  uint64_t hi = derived.Next();
  uint64_t lo = derived.Next();
  return fmt::format("arn:{}:states:{}:{}:express:{}:{}:{}", config_.partition, config_.region,
                     config_.account, machine_name, name, FormatUuid(hi, lo));
}

std::string Simulation::NewUuid() {
  uint64_t hi = random_.Next();
  uint64_t lo = random_.Next();
  return FormatUuid(hi, lo);
}

std::string Simulation::FormatUuid(uint64_t hi, uint64_t lo) {
  hi = (hi & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 4122 variant
  // 8-4-4-4-12 lower-case hex digits, written directly: two per SNS publish, so a backfill
  // formats millions.
  static constexpr char kHex[] = "0123456789abcdef";
  std::string uuid(36, '-');
  for (int i = 0, digit = 0; i < 36; ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) continue;
    uint64_t word = digit < 16 ? hi : lo;
    int shift = 60 - 4 * (digit % 16);
    uuid[static_cast<size_t>(i)] = kHex[(word >> shift) & 0xF];
    ++digit;
  }
  return uuid;
}

Execution& Simulation::StartExecution(ExecutionSpec spec) {
  if (spec.name.empty()) spec.name = NewUuid();
  if (spec.state_machine_arn.empty()) spec.state_machine_arn = StateMachineArn(spec.state_machine_name);
  if (spec.role_arn.empty()) spec.role_arn = config_.role_arn;
  uint64_t id = next_id_++;
  executions_.push_back(std::make_unique<Execution>(*this, id, std::move(spec)));
  Execution& execution = *executions_.back();
  if (config_.max_executions != 0 && executions_.size() > config_.max_executions) {
    // A run that forgot none has held every execution it started.
    Halt(fmt::format("sfnsim stopped the run: more than {} executions were {} (sfnsim's "
                     "bound for one run; a state machine that keeps starting executions?)",
                     config_.max_executions,
                     forgotten_ == 0 ? "started" : "held at once, started and not forgotten"));
  }
  by_arn_[execution.arn()] = &execution;
  if (Execution* parent = FindExecution(execution.spec().parent_execution)) parent->AddChild(id);
  execution.Start();
  return execution;
}

Execution* Simulation::FindExecution(const std::string& arn) const {
  auto it = by_arn_.find(arn);
  return it == by_arn_.end() ? nullptr : it->second;
}

Execution* Simulation::FindExecution(uint64_t id) const {
  if (id == 0 || executions_.empty()) return nullptr;
  // Held executions sit in id order: where nothing before `id` was forgotten, at its index.
  uint64_t first = executions_.front()->id();
  if (id >= first && id - first < executions_.size()) {
    Execution* at = executions_[id - first].get();
    if (at->id() == id) return at;
  }
  auto it = std::lower_bound(executions_.begin(), executions_.end(), id,
                             [](const auto& e, uint64_t wanted) { return e->id() < wanted; });
  return it != executions_.end() && (*it)->id() == id ? it->get() : nullptr;
}

TaskReceiver* Simulation::ReceiverFor(uint64_t execution_id) const {
  return FindExecution(execution_id);
}

std::vector<uint64_t> Simulation::Forget(Execution& execution) {
  if (!execution.ended() || FindExecution(execution.id()) != &execution) return {};
  const Execution* parent = FindExecution(execution.spec().parent_execution);
  if (parent != nullptr && !parent->ended()) return {};
  // The execution and everything it started, breadth first; all of them must have ended.
  std::vector<uint64_t> ids{execution.id()};
  for (size_t i = 0; i < ids.size(); ++i) {
    for (uint64_t child_id : FindExecution(ids[i])->children()) {
      const Execution* child = FindExecution(child_id);
      if (child == nullptr) continue;  // forgotten before
      if (!child->ended()) return {};
      ids.push_back(child_id);
    }
  }
  std::vector<uint64_t> sorted = ids;
  std::sort(sorted.begin(), sorted.end());
  // One pass from the first one forgotten: the others keep their order.
  auto first = std::lower_bound(executions_.begin(), executions_.end(), sorted.front(),
                                [](const auto& e, uint64_t wanted) { return e->id() < wanted; });
  auto kept = first;
  for (auto it = first; it != executions_.end(); ++it) {
    Execution& e = **it;
    if (!std::binary_search(sorted.begin(), sorted.end(), e.id())) {
      *kept++ = std::move(*it);
      continue;
    }
    // Two held executions can share an ARN only when a caller started both under one name.
    if (auto found = by_arn_.find(e.arn()); found != by_arn_.end() && found->second == &e) {
      by_arn_.erase(found);
    }
    unburied_.push_back(std::move(*it));
  }
  executions_.erase(kept, executions_.end());
  forgotten_ += ids.size();
  // Batches of at least an eighth of the queue keep the passes over it cheap per execution.
  if (unburied_.size() >= std::max<size_t>(64, queue_.size() / 8)) BuryForgotten();
  return ids;
}

void Simulation::BuryForgotten() {
  std::unordered_set<const TimerTarget*> gone;
  gone.reserve(unburied_.size());
  for (const auto& e : unburied_) gone.insert(static_cast<const TimerTarget*>(e.get()));
  queue_.RemoveIf([&gone](const Timer& timer) { return gone.contains(timer.target); });
  unburied_.clear();
}

void Simulation::NotifyEnded(Execution& execution) {
  for (ExecutionObserver* observer : observers_) observer->OnExecutionEnded(execution);
  for (auto& listener : end_listeners_) listener(execution);
}

bool Simulation::FireNext() {
  if (queue_.empty()) return false;
  if (halted_) return false;
  if (config_.max_timers != 0 && timers_fired_ >= config_.max_timers) {
    halted_ = true;
    return false;
  }
  Timer timer = queue_.RemoveNext();
  now_ = timer.time;
  ++timers_fired_;
  timer.target->OnTimer(timer.tag, timer.arg);
  return true;
}

uint64_t Simulation::Run() {
  uint64_t before = timers_fired_;
  while (FireNext()) {
  }
  return timers_fired_ - before;
}

uint64_t Simulation::RunUntil(SimTime until) {
  uint64_t before = timers_fired_;
  while (!queue_.empty() && queue_.PeekNext().time <= until) {
    if (!FireNext()) break;
  }
  if (now_ < until) now_ = until;
  return timers_fired_ - before;
}

uint64_t Simulation::RunUntilBlocked() {
  uint64_t before = timers_fired_;
  while (!queue_.empty() && !halted_) {
    const Timer& next = queue_.PeekNext();
    TimerState state = next.target->Classify(next);
    if (state == TimerState::kAwaitsCaller) break;
    if (state == TimerState::kStale) {
      // Firing it would do nothing but move the clock (to an ended execution's timeout a year
      // ahead, say): drop it.
      queue_.RemoveNext();
      continue;
    }
    if (!FireNext()) break;
  }
  return timers_fired_ - before;
}

std::optional<SimTime> Simulation::NextEventTime() const {
  if (halted_) return std::nullopt;
  const Timer* next = queue_.FirstWhere(
      [](const Timer& timer) { return timer.target->Classify(timer) != TimerState::kStale; });
  if (next == nullptr) return std::nullopt;
  return next->time;
}

}  // namespace sim
