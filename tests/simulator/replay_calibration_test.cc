// sfnsim calibrate's arithmetic: nearest-rank percentiles, the uniform range with the measured
// median and p90, and histories without real timestamps refused.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "simulator/replay/latency_calibration.h"

namespace {

TEST(ReplayCalibration, NearestRankPercentiles) {
  std::vector<int64_t> values;
  for (int64_t v = 100; v >= 1; --v) values.push_back(v);  // 1..100, unsorted
  sim::Percentiles p = sim::ComputePercentiles(values);
  EXPECT_EQ(p.count, 100u);
  EXPECT_EQ(p.median, 50);
  EXPECT_EQ(p.p90, 90);
  EXPECT_EQ(p.p99, 99);
  EXPECT_EQ(sim::ComputePercentiles({}).count, 0u);
}

// A history of `n` SNS publishes, the k-th taking 20 + k ms from scheduled to succeeded (started
// 2 ms after scheduled), plus one Athena .sync query of 4 s.
asl::Json CalibrationHistory(int n) {
  asl::Json events = asl::Json::array();
  int64_t id = 0;
  int64_t t = 1714557600000;  // 2024-05-01T10:00:00Z
  auto at = [](int64_t ms) {
    return fmt::format("2024-05-01T10:{:02}:{:02}.{:03}000+00:00", (ms / 60000) % 60,
                       (ms / 1000) % 60, ms % 1000);
  };
  auto add = [&](int64_t ms, const std::string& type, int64_t prev, asl::Json details,
                 const std::string& key) {
    asl::Json e = {{"timestamp", at(ms - 1714557600000)}, {"type", type}, {"id", ++id},
                   {"previousEventId", prev}};
    if (!key.empty()) e[key] = std::move(details);
    events.push_back(std::move(e));
    return id;
  };
  int64_t prev = add(t, "ExecutionStarted", 0,
                     {{"input", "{}"}, {"inputDetails", {{"truncated", false}}}, {"roleArn", "r"}},
                     "executionStartedEventDetails");
  auto task = [&](const std::string& state, const std::string& type, const std::string& api,
                  int64_t duration) {
    int64_t entered = add(t, "TaskStateEntered", prev,
                          {{"name", state}, {"input", "{}"}, {"inputDetails", {{"truncated", false}}}},
                          "stateEnteredEventDetails");
    int64_t scheduled = add(t, "TaskScheduled", entered,
                            {{"resourceType", type}, {"resource", api}, {"region", "us-east-1"},
                             {"parameters", "{}"}},
                            "taskScheduledEventDetails");
    int64_t started = add(t + 2, "TaskStarted", scheduled, {{"resourceType", type}, {"resource", api}},
                          "taskStartedEventDetails");
    int64_t done = add(t + duration, "TaskSucceeded", started,
                       {{"resourceType", type}, {"resource", api}, {"output", "{}"},
                        {"outputDetails", {{"truncated", false}}}},
                       "taskSucceededEventDetails");
    t += duration;
    prev = add(t, "TaskStateExited", done,
               {{"name", state}, {"output", "{}"}, {"outputDetails", {{"truncated", false}}}},
               "stateExitedEventDetails");
  };
  for (int k = 1; k <= n; ++k) task(fmt::format("Publish{}", k), "sns", "publish", 20 + k);
  task("Query", "athena", "startQueryExecution.sync", 4000);
  add(t, "ExecutionSucceeded", prev, {{"output", "{}"}, {"outputDetails", {{"truncated", false}}}},
      "executionSucceededEventDetails");
  return events;
}

TEST(ReplayCalibration, FitsTheUniformRangeWithMedianAndP90) {
  sim::LatencyCalibration calibration;
  EXPECT_EQ(calibration.AddHistory(CalibrationHistory(100), "h.json"), "");
  const auto& samples = calibration.samples();
  ASSERT_TRUE(samples.count("sns:publish"));
  EXPECT_EQ(samples.at("sns:publish").total.size(), 100u);
  ASSERT_TRUE(samples.count("athena:startQueryExecution"));
  EXPECT_TRUE(samples.at("athena:startQueryExecution").long_running);
  std::string yaml = calibration.ToYaml();
  // total = 21..120 ms: median 70, p90 110 -> width 100 -> [20, 120].
  EXPECT_NE(yaml.find("latency:\n  \"sns:publish\": [20, 120]\n"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("#   sns:publish: 100 calls; to start 2/2/2, to end 68/108/117, total "
                      "70/110/119\n"),
            std::string::npos)
      << yaml;
  EXPECT_NE(yaml.find("# Athena query durations (startQueryExecution.sync, scheduled->succeeded): "
                      "median 4000 ms"),
            std::string::npos)
      << yaml;
  EXPECT_EQ(yaml.find("\"athena:startQueryExecution\": ["), std::string::npos) << yaml;
}

// A history whose engine steps take known times: ExecutionStarted, Pass (entered after 20 + k
// ms), a Task (scheduled k ms after its entry), an inline Map of one Pass iteration (its first
// state 7 ms after MapIterationStarted), then a Fail state. Timestamps as epoch seconds.
asl::Json EngineHistory(int k) {
  asl::Json events = asl::Json::array();
  int64_t t = 1714557600000;
  int64_t id = 0;
  auto add = [&](int64_t after, const std::string& type, int64_t prev,
                 const std::string& key = "", asl::Json details = nullptr) {
    t += after;
    asl::Json e = {{"timestamp", static_cast<double>(t) / 1000.0}, {"type", type}, {"id", ++id},
                   {"previousEventId", prev}};
    if (!key.empty()) e[key] = std::move(details);
    events.push_back(std::move(e));
    return id;
  };
  auto entered = [](const std::string& name) {
    return asl::Json{{"name", name}, {"input", "{}"}, {"inputDetails", {{"truncated", false}}}};
  };
  auto exited = [](const std::string& name) {
    return asl::Json{{"name", name}, {"output", "{}"}, {"outputDetails", {{"truncated", false}}}};
  };
  int64_t e = add(0, "ExecutionStarted", 0, "executionStartedEventDetails",
                  {{"input", "{}"}, {"inputDetails", {{"truncated", false}}}, {"roleArn", "r"}});
  e = add(20 + k, "PassStateEntered", 0, "stateEnteredEventDetails", entered("P"));
  e = add(0, "PassStateExited", e, "stateExitedEventDetails", exited("P"));         // state 0
  e = add(30, "TaskStateEntered", e, "stateEnteredEventDetails", entered("T"));     // transition
  e = add(k, "TaskScheduled", e, "taskScheduledEventDetails",
          {{"resourceType", "sns"}, {"resource", "publish"}, {"region", "us-east-1"},
           {"parameters", "{}"}});                                                   // schedule
  e = add(2, "TaskStarted", e, "taskStartedEventDetails",
          {{"resourceType", "sns"}, {"resource", "publish"}});
  e = add(40, "TaskSucceeded", e, "taskSucceededEventDetails",
          {{"resourceType", "sns"}, {"resource", "publish"}, {"output", "{}"},
           {"outputDetails", {{"truncated", false}}}});
  e = add(2, "TaskStateExited", e, "stateExitedEventDetails", exited("T"));         // state 2
  e = add(25, "MapStateEntered", e, "stateEnteredEventDetails", entered("M"));      // transition
  e = add(0, "MapStateStarted", e, "mapStateStartedEventDetails", {{"length", 1}});
  e = add(0, "MapIterationStarted", e, "mapIterationStartedEventDetails",
          {{"name", "M"}, {"index", 0}});
  e = add(7, "PassStateEntered", e, "stateEnteredEventDetails", entered("I"));      // iteration
  e = add(1, "PassStateExited", e, "stateExitedEventDetails", exited("I"));         // state 1
  e = add(0, "MapIterationSucceeded", e, "mapIterationSucceededEventDetails",
          {{"name", "M"}, {"index", 0}});
  e = add(0, "MapStateSucceeded", e);
  e = add(0, "MapStateExited", e, "stateExitedEventDetails", exited("M"));  // not a step: skipped
  e = add(20, "FailStateEntered", e, "stateEnteredEventDetails", entered("F"));     // transition
  add(3, "ExecutionFailed", e, "executionFailedEventDetails", {{"error", "E"}});   // state 3
  return events;
}

TEST(ReplayCalibration, FitsTheEngineSteps) {
  sim::LatencyCalibration calibration;
  for (int k = 1; k <= 10; ++k) {
    ASSERT_EQ(calibration.AddHistory(EngineHistory(k), fmt::format("h{}.json", k)), "");
  }
  const auto& steps = calibration.engine_samples();
  auto sorted = [&](const char* step) {
    std::vector<int64_t> v = steps.at(step);
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(sorted("task_schedule"), (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  EXPECT_EQ(sorted("iteration"), std::vector<int64_t>(10, 7));
  EXPECT_EQ(sorted("transition").size(), 40u);  // the first state, T, M and F of each history
  EXPECT_EQ(sorted("transition").front(), 20);
  EXPECT_EQ(sorted("transition").back(), 30);
  std::vector<int64_t> state = sorted("state");
  EXPECT_EQ(state.size(), 40u);  // P, T, I and F
  EXPECT_EQ(std::count(state.begin(), state.end(), 3), 10);
  std::string yaml = calibration.ToYaml();
  // task_schedule 1..10: median 5, p90 9 -> width 10 -> [0, 10]; iteration always 7.
  EXPECT_NE(yaml.find("#   task_schedule: 10 samples; 5/9/10\n"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("engine_latency:\n  standard:\n    transition: ["), std::string::npos)
      << yaml;
  EXPECT_NE(yaml.find("    task_schedule: [0, 10]\n    iteration: [7, 7]\n"), std::string::npos)
      << yaml;
  // The service latencies are still there, before it.
  EXPECT_LT(yaml.find("latency:\n  \"sns:publish\": ["), yaml.find("engine_latency:")) << yaml;
  asl::Json json = calibration.ToJson();
  EXPECT_EQ(json["engine_latency"]["standard"]["iteration"]["count"], 10);
  EXPECT_EQ(json["engine_latency"]["standard"]["iteration"]["fitted"], asl::Json({7, 7}));
  EXPECT_TRUE(json.contains("sns:publish"));
}

TEST(ReplayCalibration, EngineStepsWithoutSamplesKeepTheirDefaults) {
  sim::LatencyCalibration calibration;
  ASSERT_EQ(calibration.AddHistory(CalibrationHistory(3), "h.json"), "");
  std::string yaml = calibration.ToYaml();
  // Tasks back to back: transitions and scheduling measured (0 ms), no Map, no Parallel.
  EXPECT_NE(yaml.find("#   iteration: no samples\n"), std::string::npos) << yaml;
  EXPECT_EQ(yaml.find("    iteration: ["), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("    transition: [0, 0]\n"), std::string::npos) << yaml;
  EXPECT_FALSE(calibration.ToJson()["engine_latency"]["standard"]["iteration"].contains("fitted"));
}

TEST(ReplayCalibration, RefusesHistoriesWithoutTimestamps) {
  asl::Json events = CalibrationHistory(1);
  for (asl::Json& e : events) e["timestamp"] = "timestamp";
  sim::LatencyCalibration calibration;
  EXPECT_EQ(calibration.AddHistory(events, "corpus.json"),
            "corpus.json: the events have no real timestamps (every event needs an ISO 8601 or "
            "epoch-seconds \"timestamp\"): nothing to measure");
}

}  // namespace
