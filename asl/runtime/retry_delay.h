#pragma once
// The wait before a retry, as AWS computes it.
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// Delay before retry n (1-based) = min(IntervalSeconds × BackoffRate^(n-1), MaxDelaySeconds);
// with JitterStrategy FULL the wait is drawn uniformly from [0, that delay].

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "asl/base/random.h"
#include "asl/model/state_machine.h"

namespace asl {

// Milliseconds to wait before retry number `retry` (1 = the first retry).
inline int64_t RetryDelayMillis(const Retrier& retrier, int64_t retry, Random& random) {
  double seconds = static_cast<double>(retrier.interval_seconds) *
                   std::pow(retrier.backoff_rate, static_cast<double>(retry - 1));
  if (retrier.max_delay_seconds) {
    seconds = std::min(seconds, static_cast<double>(*retrier.max_delay_seconds));
  }
  // Beyond a year the exact figure no longer matters; keep the integer conversion defined.
  seconds = std::min(seconds, 31622400.0);
  int64_t millis = static_cast<int64_t>(std::llround(seconds * 1000.0));
  if (retrier.jitter == JitterStrategy::kFull) millis = random.NextInRange(0, millis);
  return millis;
}

}  // namespace asl
