#include "simulator/replay/latency_calibration.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "asl/base/number_text.h"
#include "simulator/replay/recorded_outcomes.h"

namespace sim {

namespace {

// The latency model's key of a recorded resource, and whether the call waits for a job or a
// callback (.sync, .waitForTaskToken, activities).
std::pair<std::string, bool> CalibrationKey(const std::string& resource) {
  if (resource.starts_with("arn:") && resource.find(":lambda:") != std::string::npos) {
    return {"lambda:invoke", false};
  }
  if (resource.starts_with("arn:") && resource.find(":activity:") != std::string::npos) {
    return {"activity", true};
  }
  std::string key = resource;
  if (key.starts_with("aws-sdk:")) key = key.substr(8);
  bool long_running = false;
  for (const char* suffix : {".sync:2", ".sync", ".waitForTaskToken"}) {
    size_t at = key.find(suffix);
    if (at != std::string::npos) {
      key = key.substr(0, at);
      long_running = true;
      break;
    }
  }
  return {key, long_running};
}

}  // namespace

Percentiles ComputePercentiles(std::vector<int64_t> values) {
  Percentiles p;
  p.count = values.size();
  if (values.empty()) return p;
  std::sort(values.begin(), values.end());
  auto rank = [&](double q) {
    size_t r = static_cast<size_t>(std::ceil(q * static_cast<double>(values.size())));
    return values[std::clamp<size_t>(r, 1, values.size()) - 1];
  };
  p.median = rank(0.5);
  p.p90 = rank(0.9);
  p.p99 = rank(0.99);
  return p;
}

std::string LatencyCalibration::AddHistory(const asl::Json& events, const std::string& source) {
  if (ReadEventTimes(events).empty()) {
    return fmt::format("{}: the events have no real timestamps (every event needs an ISO 8601 "
                       "or epoch-seconds \"timestamp\"): nothing to measure",
                       source);
  }
  auto outcomes = RecordedOutcomes::FromEvents(events);
  if (!outcomes.ok()) return fmt::format("{}: {}", source, outcomes.error());
  ++histories_;
  for (const auto& [state, list] : outcomes->all()) {
    for (const RecordedOutcome& o : list) {
      if (o.end_event == 0 || o.resource.empty()) continue;  // unfinished: nothing to measure
      auto [key, long_running] = CalibrationKey(o.resource);
      LatencySamples& s = samples_[key];
      s.long_running = s.long_running || long_running;
      if (o.started) {
        s.to_start.push_back(o.started_after_ms);
        s.to_end.push_back(o.ended_after_ms - o.started_after_ms);
      }
      s.total.push_back(o.ended_after_ms);
    }
  }
  return "";
}

std::string LatencyCalibration::ToYaml() const {
  size_t calls = 0;
  for (const auto& [key, s] : samples_) calls += s.total.size();
  std::string out = fmt::format(
      "# sfnsim calibrate: {} task calls in {} histories. Milliseconds; nearest-rank\n"
      "# percentiles (median / p90 / p99) of scheduled->started, started->ended and\n"
      "# scheduled->ended. Each range is the uniform [min, max] with the measured median and\n"
      "# p90 of scheduled->ended (sfnsim draws latencies uniformly; p99 is not modelled).\n",
      asl::GroupDigits(static_cast<int64_t>(calls)), histories_);
  std::string ranges;
  for (const auto& [key, s] : samples_) {
    Percentiles start = ComputePercentiles(s.to_start);
    Percentiles end = ComputePercentiles(s.to_end);
    Percentiles total = ComputePercentiles(s.total);
    out += fmt::format("#   {}: {} calls; to start {}/{}/{}, to end {}/{}/{}, total {}/{}/{}{}\n",
                       key, total.count, start.median, start.p90, start.p99, end.median, end.p90,
                       end.p99, total.median, total.p90, total.p99,
                       s.long_running ? " (waits for a job or callback: not fitted)" : "");
    if (s.long_running) continue;
    double width = static_cast<double>(total.p90 - total.median) / 0.4;
    int64_t min = std::max<int64_t>(
        0, static_cast<int64_t>(std::llround(static_cast<double>(total.median) - width / 2)));
    int64_t max = std::max<int64_t>(
        min, static_cast<int64_t>(std::llround(static_cast<double>(total.median) + width / 2)));
    ranges += fmt::format("  \"{}\": [{}, {}]\n", key, min, max);
  }
  auto athena = samples_.find("athena:startQueryExecution");
  if (athena != samples_.end() && athena->second.long_running) {
    Percentiles q = ComputePercentiles(athena->second.total);
    out += fmt::format(
        "# Athena query durations (startQueryExecution.sync, scheduled->succeeded): median {} "
        "ms, p90 {}, p99 {};\n# compare with the athena section's queue_time_ms + "
        "planning_time_ms + base_run_time_ms + per-row times (docs/athena_model.md).\n",
        q.median, q.p90, q.p99);
  }
  if (ranges.empty()) {
    out += "# no request-response calls to fit\n";
    return out;
  }
  return out + "latency:\n" + ranges;
}

asl::Json LatencyCalibration::ToJson() const {
  asl::Json out = asl::Json::object();
  for (const auto& [key, s] : samples_) {
    auto figures = [](const Percentiles& p) {
      return asl::Json{{"count", p.count}, {"median", p.median}, {"p90", p.p90}, {"p99", p.p99}};
    };
    out[key] = {{"scheduledToStarted", figures(ComputePercentiles(s.to_start))},
                {"startedToEnded", figures(ComputePercentiles(s.to_end))},
                {"scheduledToEnded", figures(ComputePercentiles(s.total))},
                {"fitted", !s.long_running}};
  }
  return out;
}

}  // namespace sim
