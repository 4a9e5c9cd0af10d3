#include "simulator/replay/latency_calibration.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include <unordered_map>

#include "asl/base/number_text.h"
#include "simulator/engine/engine_latency.h"
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

bool EndsWith(std::string_view text, std::string_view suffix) { return text.ends_with(suffix); }

// The events that end a task attempt: its state's exit follows one of them.
bool EndsTask(std::string_view type) {
  for (std::string_view prefix : {"Task", "LambdaFunction", "Activity"}) {
    if (!type.starts_with(prefix)) continue;
    std::string_view rest = type.substr(prefix.size());
    if (rest == "Succeeded" || rest == "Failed" || rest == "TimedOut") return true;
  }
  return false;
}

// The engine step an event ends, given the type of the event its previousEventId names ("" for
// none); nullptr when the gap between them is not one the model has (a Wait, a task call).
const char* EngineStepOf(std::string_view type, std::string_view previous) {
  if (EndsWith(type, "StateEntered")) {
    if (previous == "ExecutionStarted" || EndsWith(previous, "StateExited")) return "transition";
    if (previous == "ParallelStateStarted" || previous == "MapIterationStarted") {
      return "iteration";
    }
    return nullptr;
  }
  if (type == "TaskScheduled" || type == "LambdaFunctionScheduled" ||
      type == "ActivityScheduled") {
    return previous == "TaskStateEntered" ? "task_schedule" : nullptr;
  }
  if (EndsWith(type, "StateExited")) {
    // A state without work exits after its own entry (the types match: PassStateEntered ->
    // PassStateExited); a Task after its attempt's end.
    for (std::string_view kind : {"Pass", "Choice", "Succeed"}) {
      if (type.starts_with(kind) && previous.starts_with(kind) &&
          EndsWith(previous, "StateEntered")) {
        return "state";
      }
    }
    return EndsTask(previous) ? "state" : nullptr;
  }
  if (type == "ExecutionFailed" && previous == "FailStateEntered") return "state";
  return nullptr;
}

}  // namespace

std::pair<int64_t, int64_t> FitUniform(const Percentiles& p) {
  double width = static_cast<double>(p.p90 - p.median) / 0.4;
  int64_t min = std::max<int64_t>(
      0, static_cast<int64_t>(std::llround(static_cast<double>(p.median) - width / 2)));
  int64_t max = std::max<int64_t>(
      min, static_cast<int64_t>(std::llround(static_cast<double>(p.median) + width / 2)));
  return {min, max};
}

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
  EventTimes times = ReadEventTimes(events);
  if (times.empty()) {
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
  AddEngineSamples(events, times);
  return "";
}

void LatencyCalibration::AddEngineSamples(const asl::Json& events, const EventTimes& times) {
  // FromEvents accepted the history: every event is an object with an integer id.
  std::unordered_map<int64_t, std::string_view> type_of;
  for (const asl::Json& e : events) {
    auto type = e.find("type");
    if (type != e.end() && type->is_string()) {
      type_of[e["id"].get<int64_t>()] = type->get_ref<const std::string&>();
    }
  }
  for (const asl::Json& e : events) {
    int64_t id = e["id"].get<int64_t>();
    auto type = type_of.find(id);
    if (type == type_of.end()) continue;
    int64_t previous = e.value("previousEventId", int64_t{0});
    // The top level's first state names no previous event: it follows ExecutionStarted.
    if (previous == 0 && EndsWith(type->second, "StateEntered")) {
      auto started = std::find_if(type_of.begin(), type_of.end(), [](const auto& entry) {
        return entry.second == "ExecutionStarted";
      });
      if (started != type_of.end()) previous = started->first;
    }
    auto previous_type = type_of.find(previous);
    if (previous_type == type_of.end()) continue;
    const char* step = EngineStepOf(type->second, previous_type->second);
    auto at = times.find(id);
    auto since = times.find(previous);
    if (step == nullptr || at == times.end() || since == times.end()) continue;
    // A clock that went backwards between two events measures nothing.
    if (at->second >= since->second) engine_samples_[step].push_back(at->second - since->second);
  }
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
  out += EngineYaml();
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
    auto [min, max] = FitUniform(total);
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
  std::string engine;
  for (const char* step : kEngineSteps) {
    auto it = engine_samples_.find(step);
    if (it == engine_samples_.end()) continue;
    auto [min, max] = FitUniform(ComputePercentiles(it->second));
    engine += fmt::format("    {}: [{}, {}]\n", step, min, max);
  }
  if (ranges.empty()) out += "# no request-response calls to fit\n";
  else out += "latency:\n" + ranges;
  if (!engine.empty()) out += "engine_latency:\n  standard:\n" + engine;
  return out;
}

std::string LatencyCalibration::EngineYaml() const {
  size_t count = 0;
  for (const auto& [step, values] : engine_samples_) count += values.size();
  std::string out = fmt::format(
      "# Engine latency (docs/world.md): {} gaps between the events that bound a step,\n"
      "# median / p90 / p99; the standard profile is fitted as above (GetExecutionHistory\n"
      "# serves STANDARD executions only); steps without samples keep their defaults.\n",
      asl::GroupDigits(static_cast<int64_t>(count)));
  for (const char* step : kEngineSteps) {
    auto it = engine_samples_.find(step);
    if (it == engine_samples_.end()) {
      out += fmt::format("#   {}: no samples\n", step);
      continue;
    }
    Percentiles p = ComputePercentiles(it->second);
    out += fmt::format("#   {}: {} samples; {}/{}/{}\n", step,
                       asl::GroupDigits(static_cast<int64_t>(p.count)), p.median, p.p90, p.p99);
  }
  return out;
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
  asl::Json engine = asl::Json::object();
  for (const char* step : kEngineSteps) {
    auto it = engine_samples_.find(step);
    Percentiles p = ComputePercentiles(it == engine_samples_.end() ? std::vector<int64_t>()
                                                                   : it->second);
    asl::Json figures = {{"count", p.count}, {"median", p.median}, {"p90", p.p90},
                         {"p99", p.p99}};
    if (p.count > 0) {
      auto [min, max] = FitUniform(p);
      figures["fitted"] = {min, max};
    }
    engine[step] = std::move(figures);
  }
  // A key no service has (theirs are "service:api", "activity"): the JSON keeps its shape.
  out["engine_latency"] = {{"standard", std::move(engine)}};
  return out;
}

}  // namespace sim
