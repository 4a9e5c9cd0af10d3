#pragma once
// Token buckets and concurrency limits on the virtual clock: the shape AWS gives its API rate
// quotas ("bucket size 1,300, refill rate 300 per second").
// https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html#service-limits-api-action-throttling-general
//
// Levels are integers (a token is 1,000,000 units, refilled every millisecond), so the same
// calls always get the same answers.

#include <cstdint>
#include <queue>
#include <vector>

#include "simulator/clock/sim_time.h"

namespace sim {

class TokenBucket {
 public:
  // Starts full. `refill_per_second` may be fractional (down to 0.001).
  TokenBucket(int64_t capacity, double refill_per_second, SimTime start = {});

  // Takes `tokens` at `now` if that many are available; otherwise takes nothing.
  bool TryTake(SimTime now, int64_t tokens = 1);
  // Takes a token even when none is left, queueing behind earlier reservations: returns when
  // it is granted (>= now). For quotas that delay rather than fail.
  SimTime Reserve(SimTime now);
  // Whole tokens available at `now` (negative while reservations are queued).
  int64_t Available(SimTime now);

  int64_t capacity() const { return capacity_units_ / kUnit; }
  double refill_per_second() const { return static_cast<double>(refill_per_ms_) / 1000.0; }

 private:
  static constexpr int64_t kUnit = 1000000;
  void Refill(SimTime now);

  int64_t capacity_units_;
  int64_t refill_per_ms_;  // units per millisecond
  int64_t level_;
  SimTime last_;
};

// At most `limit` calls in flight at any virtual time (Lambda's account concurrency).
class ConcurrencyLimit {
 public:
  explicit ConcurrencyLimit(int64_t limit) : limit_(limit) {}
  // Admits a call running from `now` to `until`, unless `limit` calls are still running at
  // `now`.
  bool TryAcquire(SimTime now, SimTime until);
  int64_t InFlight(SimTime now);
  // Records a call running until `until` without checking the limit.
  void Add(SimTime until) { ends_.push(until.ms); }
  int64_t limit() const { return limit_; }

 private:
  int64_t limit_;
  std::priority_queue<int64_t, std::vector<int64_t>, std::greater<>> ends_;
};

}  // namespace sim
