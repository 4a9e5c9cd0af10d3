#include "simulator/quotas/token_bucket.h"

#include <algorithm>
#include <cmath>

namespace sim {

TokenBucket::TokenBucket(int64_t capacity, double refill_per_second, SimTime start)
    : capacity_units_(std::max<int64_t>(capacity, 0) * kUnit),
      refill_per_ms_(std::max<int64_t>(std::llround(refill_per_second * 1000.0), 0)),
      level_(capacity_units_),
      last_(start) {}

void TokenBucket::Refill(SimTime now) {
  if (now <= last_) return;
  int64_t elapsed = now.ms - last_.ms;
  last_ = now;
  if (level_ >= capacity_units_) return;
  // Saturate instead of overflowing on long idle periods.
  int64_t room = capacity_units_ - level_;
  if (refill_per_ms_ > 0 && elapsed >= room / refill_per_ms_ + 1) {
    level_ = capacity_units_;
  } else {
    level_ = std::min(capacity_units_, level_ + elapsed * refill_per_ms_);
  }
}

bool TokenBucket::TryTake(SimTime now, int64_t tokens) {
  Refill(now);
  if (level_ < tokens * kUnit) return false;
  level_ -= tokens * kUnit;
  return true;
}

SimTime TokenBucket::Reserve(SimTime now) {
  Refill(now);
  level_ -= kUnit;
  if (level_ >= 0) return now;
  if (refill_per_ms_ == 0) return SimTime{INT64_MAX / 2};
  int64_t wait = (-level_ + refill_per_ms_ - 1) / refill_per_ms_;
  return now + Duration{wait};
}

int64_t TokenBucket::Available(SimTime now) {
  Refill(now);
  return level_ >= 0 ? level_ / kUnit : -((-level_ + kUnit - 1) / kUnit);
}

bool ConcurrencyLimit::TryAcquire(SimTime now, SimTime until) {
  while (!ends_.empty() && ends_.top() <= now.ms) ends_.pop();
  if (static_cast<int64_t>(ends_.size()) >= limit_) return false;
  ends_.push(until.ms);
  return true;
}

int64_t ConcurrencyLimit::InFlight(SimTime now) {
  while (!ends_.empty() && ends_.top() <= now.ms) ends_.pop();
  return static_cast<int64_t>(ends_.size());
}

}  // namespace sim
