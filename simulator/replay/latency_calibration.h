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
// The engine's own steps (simulator/engine/engine_latency.h) are measured between the events
// that bound them, linked by previousEventId: a …StateEntered after a …StateExited or
// ExecutionStarted (transition), after ParallelStateStarted or MapIterationStarted (iteration);
// a task's scheduled event after TaskStateEntered (task_schedule); a Pass, Choice or Succeed
// state's exit after its entry, a Task's exit after its task's end and ExecutionFailed after
// FailStateEntered (state). They are written as the `engine_latency:` section's `standard`
// profile: GetExecutionHistory, whose output calibrate reads, serves STANDARD executions only.
//
// sfnsim draws a latency uniformly from [min, max] (simulator/services/latency_model.h); the range
// written is the uniform distribution with the measured median and 90th percentile
// (max - min = (p90 - median) / 0.4), clamped at 0. The 99th percentile is reported, not modelled.

#include <cstdint>
#include <map>
#include <string>
#include <utility>
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
// The uniform [min, max] with the median and p90 of `p` (see above), clamped at 0.
std::pair<int64_t, int64_t> FitUniform(const Percentiles& p);

class LatencyCalibration {
 public:
  // Adds the task calls of one history (events in ascending order). `source` names it in
  // errors: a history without real timestamps cannot be used.
  std::string AddHistory(const asl::Json& events, const std::string& source);

  const std::map<std::string, LatencySamples>& samples() const { return samples_; }
  // Milliseconds measured for each engine step, by its name (engine_latency.h kEngineSteps).
  const std::map<std::string, std::vector<int64_t>>& engine_samples() const {
    return engine_samples_;
  }
  size_t histories() const { return histories_; }

  // The `latency:` and `engine_latency:` sections and comments with every figure, as YAML.
  std::string ToYaml() const;
  // Per service key, and under "engine_latency" per step (count, median, p90, p99, fitted).
  asl::Json ToJson() const;

 private:
  void AddEngineSamples(const asl::Json& events, const std::map<int64_t, int64_t>& times);
  std::string EngineYaml() const;

  std::map<std::string, LatencySamples> samples_;
  std::map<std::string, std::vector<int64_t>> engine_samples_;
  size_t histories_ = 0;
};

}  // namespace sim
