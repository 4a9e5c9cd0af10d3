// Engine latency (simulator/engine/engine_latency.h): where each step puts the events of a run on
// the virtual clock, that none reproduces the timing sfnsim had without it, that its draws are
// deterministic and leave every other seeded choice alone, and that histories keep their shape.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "simulator/faults/fault_injector.h"
#include "simulator/replay/recorded_outcomes.h"
#include "tests/simulator/world_test_util.h"
#include "tests/testutil/simulator/engine_harness.h"

namespace {

using sfnsim_test::FakeBackend;
using sfnsim_test::ParseMachine;
using sfnsim_test::RunMachine;
using sfnsim_test::Shape;

constexpr int64_t kStart = 1704067200000;  // SimulationConfig's default start time

// "Type+offset" per event, offsets in ms from the default start: the times of a history.
std::string Times(const asl::Json& events) {
  sim::EventTimes times = sim::ReadEventTimes(events);
  std::string out;
  for (const asl::Json& e : events) {
    if (!out.empty()) out += ", ";
    out += e["type"].get<std::string>() + "+" +
           std::to_string(times[e["id"].get<int64_t>()] - kStart);
  }
  return out;
}

sim::SimulationConfig WithEngine(sim::EngineLatencyProfile profile, bool express = false) {
  sim::SimulationConfig config;
  if (express) config.engine_latency.express = profile;
  else config.engine_latency.standard = profile;
  return config;
}

sim::EngineLatencyProfile Fixed(int64_t transition, int64_t state, int64_t task_schedule,
                                int64_t iteration) {
  sim::EngineLatencyProfile p;
  p.transition = {transition, transition};
  p.state = {state, state};
  p.task_schedule = {task_schedule, task_schedule};
  p.iteration = {iteration, iteration};
  return p;
}

constexpr const char* kSequence = R"({"StartAt":"A","States":{
    "A":{"Type":"Pass","Next":"T"},
    "T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Parameters":{"M":"x"},
         "Next":"C"},
    "C":{"Type":"Choice","Choices":[{"Variable":"$.go","IsPresent":true,"Next":"S"}],
         "Default":"S"},
    "S":{"Type":"Succeed"}}})";

TEST(EngineLatency, EachStepMovesItsEvents) {
  FakeBackend backend;
  backend.On("T", {FakeBackend::Ok({{"MessageId", "m"}}, 100)});
  auto r = RunMachine(ParseMachine(kSequence), "{}", &backend, WithEngine(Fixed(10, 3, 2, 0)));
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded);
  // Transition 10 before every state (the first one too), 3 of work before every exit (after
  // the task's end for T), 2 from TaskStateEntered to TaskScheduled; the end follows the last
  // exit at once.
  EXPECT_EQ(Times(r.events),
            "ExecutionStarted+0, PassStateEntered+10, PassStateExited+13, TaskStateEntered+23, "
            "TaskScheduled+25, TaskStarted+25, TaskSucceeded+125, TaskStateExited+128, "
            "ChoiceStateEntered+138, ChoiceStateExited+141, SucceedStateEntered+151, "
            "SucceedStateExited+154, ExecutionSucceeded+154");
  EXPECT_EQ(r.duration_ms, 154);
}

TEST(EngineLatency, NoneKeepsTheTimingOfAnEngineWithoutIt) {
  FakeBackend backend;
  backend.On("T", {FakeBackend::Ok({{"MessageId", "m"}}, 100)});
  auto with = RunMachine(ParseMachine(kSequence), "{}", &backend, WithEngine(Fixed(0, 0, 0, 0)));
  EXPECT_EQ(Times(with.events),
            "ExecutionStarted+0, PassStateEntered+0, PassStateExited+0, TaskStateEntered+0, "
            "TaskScheduled+0, TaskStarted+0, TaskSucceeded+100, TaskStateExited+100, "
            "ChoiceStateEntered+100, ChoiceStateExited+100, SucceedStateEntered+100, "
            "SucceedStateExited+100, ExecutionSucceeded+100");
  // The same history, byte for byte, as the engine latency of a bare simulation (none).
  FakeBackend again;
  again.On("T", {FakeBackend::Ok({{"MessageId", "m"}}, 100)});
  auto bare = RunMachine(ParseMachine(kSequence), "{}", &again);
  EXPECT_EQ(asl::Dump(with.events), asl::Dump(bare.events));
}

// `engine_latency: 0` in a world turns the defaults off: today's timing exactly.
TEST(EngineLatency, WorldSectionZeroTurnsItOff) {
  auto machine = sfnsim_test::Machine(asl::Json::parse(R"({"StartAt":"A","States":{
      "A":{"Type":"Pass","Next":"W"},"W":{"Type":"Wait","Seconds":2,"Next":"F"},
      "F":{"Type":"Fail","Error":"E"}}})"));
  sfnsim_test::WorldRun off(sfnsim_test::WorldFromText("engine_latency: 0\n"));
  off.Run(machine, "{}");
  EXPECT_EQ(Times(off.Events()),
            "ExecutionStarted+0, PassStateEntered+0, PassStateExited+0, WaitStateEntered+0, "
            "WaitStateExited+2000, FailStateEntered+2000, ExecutionFailed+2000");
  // A world without the section has AWS's defaults: the same events, later.
  sfnsim_test::WorldRun defaults(sfnsim_test::WorldFromText("{}"));
  defaults.Run(machine, "{}");
  EXPECT_EQ(Shape(defaults.Events()), Shape(off.Events()));
  sim::EventTimes times = sim::ReadEventTimes(defaults.Events());
  EXPECT_GE(times[2] - times[1], 20);  // the first state entered after a STANDARD transition
  EXPECT_LE(times[2] - times[1], 40);
  EXPECT_GE(times[7] - times[1], 2000 + 3 * 20);
}

TEST(EngineLatency, FailStateFailsAfterItsWork) {
  auto r = RunMachine(ParseMachine(R"({"StartAt":"F","States":{
      "F":{"Type":"Fail","Error":"Boom","Cause":"c"}}})"),
                      "{}", nullptr, WithEngine(Fixed(5, 7, 0, 0)));
  EXPECT_EQ(r.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(Times(r.events), "ExecutionStarted+0, FailStateEntered+5, ExecutionFailed+12");
}

TEST(EngineLatency, BranchesAndIterationsStartAfterTheIterationStep) {
  auto r = RunMachine(ParseMachine(R"({"StartAt":"P","States":{
      "P":{"Type":"Parallel","Next":"M","Branches":[
        {"StartAt":"B0","States":{"B0":{"Type":"Pass","End":true}}},
        {"StartAt":"B1","States":{"B1":{"Type":"Pass","End":true}}}]},
      "M":{"Type":"Map","ItemsPath":"$[0].items","MaxConcurrency":1,"End":true,
           "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}}}}})"),
                      R"({"items":[1,2]})", nullptr, WithEngine(Fixed(10, 0, 0, 4)));
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(Times(r.events),
            "ExecutionStarted+0, ParallelStateEntered+10, ParallelStateStarted+10, "
            "PassStateEntered+14, PassStateExited+14, PassStateEntered+14, PassStateExited+14, "
            "ParallelStateSucceeded+14, ParallelStateExited+14, MapStateEntered+24, "
            "MapStateStarted+24, MapIterationStarted+24, PassStateEntered+28, "
            "PassStateExited+28, MapIterationSucceeded+28, MapIterationStarted+28, "
            "PassStateEntered+32, PassStateExited+32, MapIterationSucceeded+32, "
            "MapStateSucceeded+32, MapStateExited+32, ExecutionSucceeded+32");
}

TEST(EngineLatency, RetryWaitsForTheBackoffThenTheScheduling) {
  FakeBackend backend;
  backend.On("T", {FakeBackend::Throw("E", "c", 50), FakeBackend::Ok({{"MessageId", "m"}}, 50)});
  auto r = RunMachine(ParseMachine(R"({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Parameters":{"M":"x"},
           "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":1}],"End":true}}})"),
                      "{}", &backend, WithEngine(Fixed(0, 0, 6, 0)));
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(Times(r.events),
            "ExecutionStarted+0, TaskStateEntered+0, TaskScheduled+6, TaskStarted+6, "
            "TaskFailed+56, TaskScheduled+1062, TaskStarted+1062, TaskSucceeded+1112, "
            "TaskStateExited+1112, ExecutionSucceeded+1112");
}

TEST(EngineLatency, ExpressHasItsOwnProfile) {
  auto machine = ParseMachine(R"({"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}})",
                              /*express=*/true);
  sim::SimulationConfig config = WithEngine(Fixed(9, 0, 0, 0), /*express=*/true);
  config.engine_latency.standard = Fixed(500, 0, 0, 0);
  auto r = RunMachine(machine, "{}", nullptr, config, /*express=*/true);
  EXPECT_EQ(Times(r.events),
            "ExecutionStarted+0, PassStateEntered+9, PassStateExited+9, ExecutionSucceeded+9");
}

// Parallel branches and Map iterations of Pass and Choice states, every step a range.
constexpr const char* kConcurrent = R"({"StartAt":"P","States":{
    "P":{"Type":"Parallel","End":true,"Branches":[
      {"StartAt":"A1","States":{"A1":{"Type":"Pass","Next":"A2"},"A2":{"Type":"Pass","End":true}}},
      {"StartAt":"B1","States":{"B1":{"Type":"Pass","Next":"B2"},"B2":{"Type":"Pass","End":true}}},
      {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,"End":true,
        "ItemsPath":"$.items","ItemProcessor":{"StartAt":"I1","States":{
          "I1":{"Type":"Choice","Choices":[{"Variable":"$","NumericGreaterThan":2,"Next":"I2"}],
                "Default":"I2"},
          "I2":{"Type":"Pass","End":true}}}}}}]}}})";

sim::EngineLatencyProfile Ranges() {
  sim::EngineLatencyProfile p;
  p.transition = {0, 30};
  p.state = {0, 15};
  p.task_schedule = {0, 5};
  p.iteration = {0, 25};
  return p;
}

TEST(EngineLatency, RangesAreDeterministicAndKeepHistoriesOrdered) {
  const std::string input = R"({"items":[1,2,3,4,5]})";
  sim::SimulationConfig config = WithEngine(Ranges());
  config.seed = 7;
  auto first = RunMachine(ParseMachine(kConcurrent), input, nullptr, config);
  auto second = RunMachine(ParseMachine(kConcurrent), input, nullptr, config);
  ASSERT_EQ(first.status, sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(asl::Dump(first.events), asl::Dump(second.events));  // same seed, same bytes
  // Timestamps never go back along the ids, and the events are those of a run without latency.
  sim::EventTimes times = sim::ReadEventTimes(first.events);
  for (auto it = std::next(times.begin()); it != times.end(); ++it) {
    EXPECT_GE(it->second, std::prev(it)->second) << "event " << it->first;
  }
  auto none = RunMachine(ParseMachine(kConcurrent), input);
  EXPECT_EQ(first.event_count, none.event_count);
  EXPECT_GT(first.duration_ms, 0);
  // Another seed draws other latencies.
  config.seed = 8;
  auto other = RunMachine(ParseMachine(kConcurrent), input, nullptr, config);
  EXPECT_NE(Times(other.events), Times(first.events));
}

// The engine's draws come from a stream of their own: UUIDs and retry jitter are what they are
// without engine latency.
TEST(EngineLatency, DrawsMoveNoOtherSeededChoice) {
  auto machine = ParseMachine(R"json({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Parameters":{"M":"x"},
           "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":5,"MaxAttempts":3,
                     "JitterStrategy":"FULL"}],"Next":"P"},
      "P":{"Type":"Pass","Parameters":{"id.$":"States.UUID()"},"End":true}}})json");
  auto run = [&](sim::EngineLatencyProfile profile) {
    FakeBackend backend;
    backend.On("T", {FakeBackend::Throw("E", "c"), FakeBackend::Throw("E", "c"),
                     FakeBackend::Ok({{"MessageId", "m"}})});
    sim::SimulationConfig config = WithEngine(profile);
    config.seed = 42;
    return RunMachine(machine, "{}", &backend, config);
  };
  auto none = run(Fixed(0, 0, 0, 0));
  auto ranged = run(Ranges());
  ASSERT_EQ(none.status, sim::ExecutionStatus::kSucceeded);
  ASSERT_EQ(ranged.status, sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(asl::Dump(ranged.output), asl::Dump(none.output));  // the same States.UUID()
  // The backoffs (TaskFailed -> next TaskScheduled, less the scheduling latency drawn) match.
  sim::EventTimes a = sim::ReadEventTimes(none.events);
  sim::EventTimes b = sim::ReadEventTimes(ranged.events);
  for (int64_t failed : {5, 8}) {
    int64_t schedule_b = b[failed + 1] - b[failed];
    EXPECT_LE(schedule_b - (a[failed + 1] - a[failed]), 5) << "after event " << failed;
    EXPECT_GE(schedule_b - (a[failed + 1] - a[failed]), 0) << "after event " << failed;
  }
}

// The same faults at the same records, whatever the engine's latency: the world's fault
// generator is not the engine's. Items are published one at a time, so each call is an item's.
TEST(EngineLatency, FaultsAreInjectedAtTheSameRecords) {
  auto machine = sfnsim_test::Machine(asl::Json::parse(R"({"StartAt":"M","States":{
      "M":{"Type":"Map","MaxConcurrency":1,"End":true,"ItemProcessor":{"StartAt":"Pub","States":{
        "Pub":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
               "Parameters":{"TopicArn":"arn:aws:sns:us-east-1:123456789012:t","Message.$":"$"},
               "Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":5,"IntervalSeconds":1,
                         "JitterStrategy":"FULL"}],
               "End":true}}}}}})"));
  const std::string input = R"([1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20])";
  // "item:failures" for every item that saw a fault, and the calls the injector counted.
  auto faulted = [&](const std::string& engine) {
    std::string world = "seed: 3\n" + engine +
                        "sns: {topics: [{name: t}]}\n"
                        "faults: [{service: sns, api: publish, rate: 0.3, mode: fail, "
                        "error: {code: InternalError, message: boom, status: 500}}]\n";
    sfnsim_test::WorldRun run(sfnsim_test::WorldFromText(world));
    run.Run(machine, input);
    EXPECT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
    std::map<int64_t, int> failures;  // by item
    int64_t item = -1;
    for (const asl::Json& e : run.Events()) {
      if (e["type"] == "MapIterationStarted") {
        item = e["mapIterationStartedEventDetails"]["index"].get<int64_t>();
      }
      if (e["type"] == "TaskFailed") ++failures[item];
    }
    std::string out;
    for (const auto& [index, count] : failures) out += fmt::format("{}:{} ", index, count);
    for (const sim::InjectedFault& f : run.world->faults()->injected()) {
      out += fmt::format("#{}", f.call_number);
    }
    return out;
  };
  std::string off = faulted("engine_latency: 0\n");
  EXPECT_NE(off.find(':'), std::string::npos) << "no fault was injected: " << off;
  EXPECT_EQ(faulted(""), off);
  EXPECT_EQ(faulted("engine_latency: {transition: [0, 50], state: [0, 9], task_schedule: 4}\n"),
            off);
}

}  // namespace
