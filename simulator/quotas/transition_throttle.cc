#include "simulator/quotas/transition_throttle.h"

#include "simulator/engine/execution.h"

namespace sim {

SimTime TransitionThrottle::Acquire(const Execution& execution, SimTime now) {
  if (execution.spec().express) return now;
  ++transitions_;
  SimTime granted = bucket_.Reserve(now);
  if (granted > now) {
    ++delayed_;
    total_delay_.ms += (granted - now).ms;
  }
  return granted;
}

}  // namespace sim
