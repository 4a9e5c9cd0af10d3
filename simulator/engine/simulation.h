#pragma once
// Simulation: the world executions run in. It owns the virtual clock and the event queue (the
// clock jumps from one timer to the next: nothing ever sleeps), the seeded random generator,
// the service backends tasks are dispatched to, and every execution started in it until it is
// forgotten (Forget: a long-lived server that runs millions of executions keeps only the ones
// it still answers for).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "asl/base/random.h"
#include "simulator/clock/event_queue.h"
#include "simulator/clock/sim_time.h"
#include "simulator/engine/engine_latency.h"
#include "simulator/engine/execution_spec.h"
#include "simulator/engine/observer.h"
#include "simulator/engine/service_backend.h"

namespace sim {

class Execution;

struct SimulationConfig {
  uint64_t seed = 0;
  SimTime start_time{1704067200000};  // 2024-01-01T00:00:00Z
  std::string partition = "aws";
  std::string region = "us-east-1";
  std::string account = "123456789012";
  std::string role_arn;  // default execution role; derived from the account when empty
  // The virtual time Step Functions spends between a run's events (engine_latency.h). None in
  // a bare simulation; a World's settings bring AWS's defaults (WorldConfig::ApplyTo).
  EngineLatency engine_latency;
  // Upper bound on fired timers, a guard against a definition that loops forever without
  // writing history (0: no bound).
  uint64_t max_timers = 0;
  // Upper bound on states entered in the whole simulation, a guard against loops that never
  // advance virtual time (an EXPRESS loop of Pass and Choice states; 0: no bound).
  uint64_t max_state_entries = 0;
  // Upper bound on executions held at once: started and not forgotten (a run that keeps
  // starting executions grows memory with each; 0: no bound). AWS's own figure is 1,000,000
  // *open* executions per account and region (the StartExecution quota); this counts ended
  // ones too until they are forgotten. A command's run forgets nothing: there it bounds every
  // execution started.
  uint64_t max_executions = 1'000'000;
};

class Simulation final : public TaskReceivers {
 public:
  explicit Simulation(SimulationConfig config = {});
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  const SimulationConfig& config() const { return config_; }
  SimTime now() const { return now_; }
  asl::Random& random() { return random_; }
  // A duration in `range` (uniform, inclusive), from the engine latency's own generator: a
  // fixed value draws nothing, and no draw moves the seeded choices of random().
  Duration DrawEngineLatency(const EngineRange& range) {
    if (range.max_ms <= range.min_ms) return Duration{range.min_ms};
    return Duration{engine_random_.NextInRange(range.min_ms, range.max_ms)};
  }

  void Schedule(SimTime at, TimerTarget* target, uint32_t tag, uint64_t arg);

  // Backends are consulted in the order they were added; not owned.
  void AddBackend(ServiceBackend* backend) { backends_.push_back(backend); }
  const std::vector<ServiceBackend*>& backends() const { return backends_; }

  // Starts an execution now. The simulation owns it until it is forgotten.
  Execution& StartExecution(ExecutionSpec spec);
  // Null for an execution never started or forgotten.
  Execution* FindExecution(const std::string& arn) const;
  Execution* FindExecution(uint64_t id) const;
  // The executions held (started and not forgotten), in start order: ids increase, with gaps
  // where executions were forgotten. A run that forgets nothing holds execution i at [i - 1].
  const std::vector<std::unique_ptr<Execution>>& executions() const { return executions_; }
  // The id the next execution started will get (ids count from 1 and are never reused).
  uint64_t next_execution_id() const { return next_id_; }
  uint64_t executions_forgotten() const { return forgotten_; }

  // Lets go of an execution that has ended, with every execution it started (nested
  // states:startExecution children, a Distributed Map's children, and theirs): they leave the
  // indexes (FindExecution finds none of them) and their memory is freed, at once or with the
  // next batch (timers still queued for them are dropped first, so none can reach freed
  // memory; reports to them through a TaskHandle are dropped). Refused (empty result) while
  // the execution, one it started, or the execution that started it is still running: the
  // running one would report to freed memory, or lose a child's result it still needs.
  // Returns the ids forgotten, the execution's first. O(executions held) per call.
  std::vector<uint64_t> Forget(Execution& execution);

  // Quotas on state transitions (null: none). Not owned.
  void SetTransitionGate(TransitionGate* gate) { gate_ = gate; }
  TransitionGate* transition_gate() const { return gate_; }
  // Observers of every execution. Not owned.
  void AddObserver(ExecutionObserver* observer) { observers_.push_back(observer); }
  const std::vector<ExecutionObserver*>& observers() const { return observers_; }

  // Called whenever an execution ends (after its terminal event).
  void OnExecutionEnded(std::function<void(Execution&)> listener) {
    end_listeners_.push_back(std::move(listener));
  }
  void NotifyEnded(Execution& execution);

  // Fires timers until none is left (or max_timers). Returns how many fired.
  uint64_t Run();
  // Fires every timer due at or before `until`, then sets the clock to `until`.
  uint64_t RunUntil(SimTime until);
  // Fires timers in order until none is left, a guard halts the run, or the next live timer is
  // a deadline only a caller can still prevent (TimerState::kAwaitsCaller: the TimeoutSeconds
  // or HeartbeatSeconds of a task whose token no one answered, the timeout of an execution
  // waiting on such a task or on a child that is). Stale timers are dropped without moving the
  // clock. The clock is shared: once one execution's token deadline is next, a later timer of
  // any other execution (a long Wait) waits too, until the token is answered or the clock is
  // moved past the deadline (RunUntil). Returns how many fired.
  uint64_t RunUntilBlocked();
  // When the next live timer is due (a kAwaitsCaller deadline included); nullopt when none is
  // left or the run halted. Does not fire or drop anything: cheap when the queue's first timer
  // is live, as it is after RunUntilBlocked.
  std::optional<SimTime> NextEventTime() const;
  bool idle() const { return queue_.empty(); }
  size_t pending_timers() const { return queue_.size(); }
  // Counts a state entry; false once max_state_entries is exceeded (the run then halts).
  bool CountStateEntry() {
    ++state_entries_;
    if (config_.max_state_entries != 0 && state_entries_ > config_.max_state_entries) {
      halted_ = true;
    }
    return !halted_;
  }
  // Stops the run: no timer fires after this. `reason` says why, for the report.
  void Halt(std::string reason) {
    if (halted_) return;
    halted_ = true;
    halt_reason_ = std::move(reason);
  }
  // Whether the run stopped on max_state_entries, max_timers or a Halt with work left.
  bool halted() const { return halted_; }
  // Why Halt stopped it ("" for the max_state_entries and max_timers guards).
  const std::string& halt_reason() const { return halt_reason_; }
  uint64_t state_entries() const { return state_entries_; }
  uint64_t timers_fired() const { return timers_fired_; }

  // ARN helpers, in the partition/region/account of this simulation.
  std::string StateMachineArn(const std::string& name) const;
  // "arn:…:execution:MACHINE:NAME"; for an EXPRESS execution "arn:…:express:MACHINE:NAME:UUID",
  // the UUID picked by `execution_id` (Execution::id). Without `express`, `resource_type` names
  // the ARN's resource type (a distributed map's EXPRESS children keep "express" with no UUID).
  std::string ExecutionArn(const std::string& machine_name, const std::string& name,
                           bool express, uint64_t execution_id = 0,
                           std::string_view resource_type = "execution") const;
  // TaskReceivers: the held execution with that id (null once forgotten).
  TaskReceiver* ReceiverFor(uint64_t execution_id) const override;

  // A v4 UUID drawn from the seeded generator.
  std::string NewUuid();
  // The v4 UUID text of 128 random bits.
  static std::string FormatUuid(uint64_t hi, uint64_t lo);

 private:
  bool FireNext();
  // Frees the forgotten executions kept until now, after dropping the timers aimed at them.
  void BuryForgotten();

  SimulationConfig config_;
  SimTime now_;
  asl::Random random_;
  asl::Random engine_random_;  // DrawEngineLatency's stream, derived from the seed
  EventQueue queue_;
  std::vector<ServiceBackend*> backends_;
  std::vector<std::unique_ptr<Execution>> executions_;  // held, by increasing id
  std::unordered_map<std::string, Execution*> by_arn_;
  uint64_t next_id_ = 1;
  uint64_t forgotten_ = 0;
  // Forgotten executions whose timers may still be queued: freed in batches (BuryForgotten),
  // so that dropping their timers costs one pass over the queue per batch, not per execution.
  std::vector<std::unique_ptr<Execution>> unburied_;
  std::vector<std::function<void(Execution&)>> end_listeners_;
  TransitionGate* gate_ = nullptr;
  std::vector<ExecutionObserver*> observers_;
  uint64_t timers_fired_ = 0;
  uint64_t state_entries_ = 0;
  bool halted_ = false;
  std::string halt_reason_;
};

}  // namespace sim
