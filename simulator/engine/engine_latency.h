#pragma once
// Engine latency: the virtual time Step Functions itself spends between a run's events, apart
// from the services it calls (simulator/services/latency_model.h) and the waits a definition
// asks for. Four steps are modelled, each a fixed duration or a [min, max] range drawn
// uniformly:
//   transition     the previous event -> a state's …StateEntered: ExecutionStarted -> the first
//                  state, …StateExited -> the next state (every state entered but a branch's or
//                  an iteration's first)
//   state          the work of a state between its entry and its exit: …StateEntered ->
//                  …StateExited of Pass, Choice and Succeed, FailStateEntered -> the failure, and
//                  the part after the wait of the others (TaskSucceeded -> TaskStateExited,
//                  MapStateSucceeded -> MapStateExited, the end of a Wait -> WaitStateExited)
//   task_schedule  TaskStateEntered (or a retry's end of backoff) -> TaskScheduled
//   iteration      ParallelStateStarted -> a branch's first state, MapIterationStarted -> the
//                  iteration's first state
// STANDARD and EXPRESS workflows have a profile each. Defaults and their sources: docs/world.md
// "Engine latency". Draws come from a stream of their own (Simulation::DrawEngineLatency), so
// that a world with latency draws no other seeded choice differently.

#include <cstdint>

namespace sim {

struct EngineRange {
  int64_t min_ms = 0;
  int64_t max_ms = 0;
  bool zero() const { return max_ms == 0; }
  bool operator==(const EngineRange&) const = default;
};

struct EngineLatencyProfile {
  EngineRange transition;
  EngineRange state;
  EngineRange task_schedule;
  EngineRange iteration;
  bool zero() const {
    return transition.zero() && state.zero() && task_schedule.zero() && iteration.zero();
  }
  bool operator==(const EngineLatencyProfile&) const = default;
};

struct EngineLatency {
  EngineLatencyProfile standard;
  EngineLatencyProfile express;

  const EngineLatencyProfile& For(bool is_express) const { return is_express ? express : standard; }
  bool zero() const { return standard.zero() && express.zero(); }
  bool operator==(const EngineLatency&) const = default;

  // No engine latency: every step takes no virtual time (a bare Simulation's default).
  static EngineLatency None() { return {}; }
  // The figures a world starts from (docs/world.md "Engine latency").
  static EngineLatency AwsDefaults();
};

// The names of a profile's steps, in the order the world section and calibrate list them.
inline constexpr const char* kEngineSteps[] = {"transition", "state", "task_schedule",
                                               "iteration"};
// The step of `profile` named `name` (one of kEngineSteps); null for another name.
EngineRange* EngineStep(EngineLatencyProfile& profile, const char* name);

}  // namespace sim
