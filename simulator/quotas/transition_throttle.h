#pragma once
// The state-transition quota of Standard executions: a token bucket shared by the account's
// executions. Over the quota AWS delays transitions (CloudWatch metric ExecutionThrottled)
// rather than failing them; Express executions are not limited.
// https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html#service-limits-api-state-throttling

#include <cstdint>

#include "simulator/engine/observer.h"
#include "simulator/quotas/token_bucket.h"

namespace sim {

class TransitionThrottle final : public TransitionGate {
 public:
  TransitionThrottle(int64_t capacity, double refill_per_second)
      : bucket_(capacity, refill_per_second) {}

  SimTime Acquire(const Execution& execution, SimTime now) override;

  int64_t transitions() const { return transitions_; }
  int64_t delayed() const { return delayed_; }  // transitions that had to wait
  Duration total_delay() const { return total_delay_; }

 private:
  TokenBucket bucket_;
  int64_t transitions_ = 0;
  int64_t delayed_ = 0;
  Duration total_delay_{0};
};

}  // namespace sim
