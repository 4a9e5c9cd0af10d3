#pragma once
// `sfnsim calibrate`: service latencies measured from recorded histories' timestamps, written as
// the `latency:` section of a world or scenario (docs/world.md), so that predicted durations come
// from production figures instead of the documented assumptions.
//
// For every task call that ended: scheduled→started, started→ended and scheduled→ended, grouped
// by the latency model's key ("sns:publish", "lambda:invoke", "athena:getQueryResults"; a Lambda
// ARN is "lambda:invoke"). Request-response calls feed the `latency` ranges; .sync and
// .waitForTaskToken calls last as long as the job or the callback, so they are reported apart
// (Athena .sync calls as query durations) and not fitted.
//
// sfnsim draws a latency uniformly from [min, max] (simulator/services/latency_model.h); the range
// written is the uniform distribution with the measured median and 90th percentile
// (max - min = (p90 - median) / 0.4), clamped at 0. The 99th percentile is reported, not modelled.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "asl/base/json.h"

namespace sim {

struct LatencySamples {
  std::vector<int64_t> to_start;  // scheduled -> started (ms)
  std::vector<int64_t> to_end;    // started -> succeeded/failed
  std::vector<int64_t> total;     // scheduled -> succeeded/failed
  bool long_running = false;      // .sync / .waitForTaskToken: not fitted
};

struct Percentiles {
  int64_t median = 0, p90 = 0, p99 = 0;
  size_t count = 0;
};
// Nearest-rank percentiles of `values` (unsorted is fine); zeros when empty.
Percentiles ComputePercentiles(std::vector<int64_t> values);

class LatencyCalibration {
 public:
  // Adds the task calls of one history (events in ascending order). `source` names it in
  // errors: a history without real timestamps cannot be used.
  std::string AddHistory(const asl::Json& events, const std::string& source);

  const std::map<std::string, LatencySamples>& samples() const { return samples_; }
  size_t histories() const { return histories_; }

  // The `latency:` section and comments with every figure, as YAML text.
  std::string ToYaml() const;
  asl::Json ToJson() const;

 private:
  std::map<std::string, LatencySamples> samples_;
  size_t histories_ = 0;
};

}  // namespace sim
