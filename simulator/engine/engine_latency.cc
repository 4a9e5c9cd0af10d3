#include "simulator/engine/engine_latency.h"

#include <cstring>

namespace sim {

EngineLatency EngineLatency::AwsDefaults() {
  EngineLatency d;
  // Entering a state. AWS's published STANDARD history (GetExecutionHistory's example in the API
  // reference) enters its first state 32 ms after ExecutionStarted; the EXPRESS execution in a
  // CloudWatch log published with aws-samples-style demo code enters it 8 ms after. Ranges
  // around those single measurements; docs/world.md cites both.
  d.standard.transition = {20, 40};
  d.express.transition = {4, 12};
  // A Pass state's entry and exit share their millisecond in both histories, and so do its
  // exit and ExecutionSucceeded: no time for the state's own work.
  d.standard.state = {0, 0};
  d.express.state = {0, 0};
  // ASSUMED (no published timestamps): scheduling a task is a step within the engine turn
  // that entered the state, a fraction of a transition.
  d.standard.task_schedule = {0, 10};
  d.express.task_schedule = {0, 4};
  // ASSUMED: a branch's or an iteration's first state is entered as any other state is.
  d.standard.iteration = d.standard.transition;
  d.express.iteration = d.express.transition;
  return d;
}

EngineRange* EngineStep(EngineLatencyProfile& profile, const char* name) {
  if (std::strcmp(name, "transition") == 0) return &profile.transition;
  if (std::strcmp(name, "state") == 0) return &profile.state;
  if (std::strcmp(name, "task_schedule") == 0) return &profile.task_schedule;
  if (std::strcmp(name, "iteration") == 0) return &profile.iteration;
  return nullptr;
}

}  // namespace sim
