// sfnsim calibrate's arithmetic: nearest-rank percentiles, the uniform range with the measured
// median and p90, and histories without real timestamps refused.

#include <gtest/gtest.h>

#include <fmt/format.h>

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

TEST(ReplayCalibration, RefusesHistoriesWithoutTimestamps) {
  asl::Json events = CalibrationHistory(1);
  for (asl::Json& e : events) e["timestamp"] = "timestamp";
  sim::LatencyCalibration calibration;
  EXPECT_EQ(calibration.AddHistory(events, "corpus.json"),
            "corpus.json: the events have no real timestamps (every event needs an ISO 8601 or "
            "epoch-seconds \"timestamp\"): nothing to measure");
}

}  // namespace
