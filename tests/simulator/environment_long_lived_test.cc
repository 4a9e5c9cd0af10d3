// A long-lived Environment, as the API server keeps one (issue 20): the clock run until only
// callers' answers can move it on (RunUntilBlocked), the next thing due (NextEventTime), and
// executions forgotten once the server no longer answers for them (Forget), with their memory.

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "simulator/engine/execution.h"
#include "simulator/harness/environment.h"
#include "simulator/history/history_sink.h"
#include "simulator/services/task_callbacks.h"
#include "tests/simulator/world_test_util.h"

#if defined(__SANITIZE_ADDRESS__)
#define SFNSIM_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SFNSIM_TEST_SANITIZED 1
#endif
#endif

namespace {

using sfnsim_test::Machine;
using sfnsim_test::WorldFromText;

constexpr int64_t kHour = 3600 * 1000;
constexpr const char* kQueueUrl = "https://sqs.us-east-1.amazonaws.com/123456789012/q";

// Holds every token task it is given, unanswered, until the test answers through its handle:
// exact times, no service latency.
class TokenHolder final : public sim::ServiceBackend {
 public:
  bool Invoke(const sim::TaskRequest& request, const sim::TaskHandle& handle) override {
    if (request.task_token.empty()) {
      handle.Succeed(request.now, asl::Json::object());
      return true;
    }
    handles.push_back(handle);
    return true;
  }
  std::vector<sim::TaskHandle> handles;
};

sim::ExecutionSpec TokenSpec(std::shared_ptr<const asl::StateMachine> machine, std::string name) {
  sim::ExecutionSpec spec;
  spec.machine = std::move(machine);
  spec.state_machine_name = "Main";
  spec.name = std::move(name);
  return spec;
}

std::shared_ptr<const asl::StateMachine> Parse(const char* definition) {
  return Machine(asl::Json::parse(definition));
}

// A Task waiting on a token; `settings` adds TimeoutSeconds, HeartbeatSeconds, Retry, ….
std::shared_ptr<const asl::StateMachine> TokenTask(const std::string& settings,
                                                   const std::string& machine_settings = "") {
  return Parse((R"({)" + machine_settings + R"("StartAt":"T","States":{"T":{"Type":"Task",
      "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      "Parameters":{"QueueUrl":")" + std::string(kQueueUrl) + R"(",
                    "MessageBody":{"token.$":"$$.Task.Token"}})" + settings + R"(,
      "End":true}}})").c_str());
}

// The deadlines and clocks below are exact: the worlds have no engine latency (docs/world.md).
std::unique_ptr<sim::Environment> WithQueue() {
  sim::EnvironmentOptions options;
  options.world = WorldFromText(R"({"sqs":{"queues":[{"name":"q"}]},"engine_latency":0})");
  auto env = sim::Environment::Create(std::move(options));
  EXPECT_TRUE(env.ok()) << env.error();
  return std::move(*env);
}

std::unique_ptr<sim::Environment> WithHolder(TokenHolder*& holder) {
  sim::EnvironmentOptions options;
  auto backend = std::make_unique<TokenHolder>();
  holder = backend.get();
  options.front_backends.push_back(std::move(backend));
  options.world = WorldFromText(R"({"engine_latency":0})");
  auto env = sim::Environment::Create(std::move(options));
  EXPECT_TRUE(env.ok()) << env.error();
  return std::move(*env);
}

std::vector<std::string> EventTypes(const sim::MemorySink& sink) {
  std::vector<std::string> types;
  for (const asl::Json& e : sink.events()) types.push_back(e["type"].get<std::string>());
  return types;
}

TEST(EnvironmentLongLivedTest, AWaitRunsThroughAndTheClockMovesOnlyAsFarAsIt) {
  auto env = WithQueue();
  const sim::SimTime start = env->now();
  EXPECT_EQ(env->NextEventTime(), std::nullopt);
  sim::Execution& run = env->Start(TokenSpec(
      Parse(R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}})"), "w"));
  EXPECT_EQ(env->NextEventTime(), start + sim::Duration{kHour});
  env->RunUntilBlocked();
  EXPECT_EQ(run.status(), sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(run.stop_time(), start + sim::Duration{kHour});
  // The execution's timeout (a year on) is stale: dropped, the clock not moved to it.
  EXPECT_EQ(env->now(), start + sim::Duration{kHour});
  EXPECT_EQ(env->NextEventTime(), std::nullopt);
  EXPECT_TRUE(env->idle());
}

TEST(EnvironmentLongLivedTest, ATokenWaitBlocksAndAnAnswerResumesIt) {
  auto env = WithQueue();
  auto machine = TokenTask(R"(,"TimeoutSeconds":300)");
  sim::StartOptions start;
  start.sink = std::make_unique<sim::MemorySink>();
  const auto& history = static_cast<const sim::MemorySink&>(*start.sink);
  sim::Execution& run = env->Start(TokenSpec(machine, "t"), std::move(start));
  const sim::SimTime deadline = run.start_time() + sim::Duration::Seconds(300);
  env->RunUntilBlocked();
  EXPECT_EQ(run.status(), sim::ExecutionStatus::kRunning);
  EXPECT_LT(env->now(), deadline);  // the start call returned: TaskSubmitted
  EXPECT_EQ(EventTypes(history).back(), "TaskSubmitted");
  EXPECT_EQ(env->NextEventTime(), deadline);
  env->RunUntilBlocked();  // nothing more happens
  EXPECT_EQ(run.status(), sim::ExecutionStatus::kRunning);

  std::vector<std::string> tokens = env->world()->callbacks().WaitingTokens();
  ASSERT_EQ(tokens.size(), 1u);
  env->AdvanceBy(sim::Duration::Seconds(100));
  const sim::SimTime answered = env->now();
  ASSERT_TRUE(env->SendTaskSuccess(tokens[0], {{"ok", true}}));
  env->RunUntilBlocked();
  EXPECT_EQ(run.status(), sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(asl::Dump(run.output()), R"({"ok":true})");
  EXPECT_EQ(run.stop_time(), answered);
  // The timeout of the answered task is stale: it neither blocks nor moves the clock.
  EXPECT_EQ(env->now(), answered);
  EXPECT_TRUE(env->idle());
}

TEST(EnvironmentLongLivedTest, RunUntilPastATokenDeadlineTimesTheTaskOut) {
  auto env = WithQueue();
  sim::Execution& run = env->Start(TokenSpec(TokenTask(R"(,"TimeoutSeconds":300)"), "t"));
  env->RunUntilBlocked();
  std::optional<sim::SimTime> deadline = env->NextEventTime();
  ASSERT_TRUE(deadline.has_value());
  env->RunUntil(*deadline);
  EXPECT_EQ(run.status(), sim::ExecutionStatus::kFailed);
  EXPECT_EQ(run.error().name, "States.Timeout");
  EXPECT_EQ(run.stop_time(), *deadline);
}

// A retried attempt leaves the first attempt's TimeoutSeconds timer queued: stale, it neither
// stops RunUntilBlocked nor shows as the next event.
TEST(EnvironmentLongLivedTest, TheTimersOfAnAttemptThatEndedDoNotBlock) {
  TokenHolder* holder = nullptr;
  auto env = WithHolder(holder);
  auto machine = Parse(R"({"StartAt":"T","States":{"T":{"Type":"Task",
      "Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
      "Parameters":{"FunctionName":"f","Payload":{"t.$":"$$.Task.Token"}},
      "TimeoutSeconds":10,"HeartbeatSeconds":5,
      "Retry":[{"ErrorEquals":["States.Timeout"],"IntervalSeconds":1,"MaxAttempts":1}],
      "End":true}}})");
  sim::Execution& run = env->Start(TokenSpec(machine, "r"));
  const sim::SimTime t0 = run.start_time();
  env->RunUntilBlocked();
  EXPECT_EQ(env->now(), t0);
  EXPECT_EQ(env->NextEventTime(), t0 + sim::Duration::Seconds(5));  // the heartbeat deadline
  env->AdvanceBy(sim::Duration::Seconds(5));  // the first attempt times out
  env->RunUntilBlocked();  // the retry, 1 s later, waits on a new token
  ASSERT_EQ(holder->handles.size(), 2u);
  EXPECT_EQ(env->now(), t0 + sim::Duration::Seconds(6));
  // Not the first attempt's TimeoutSeconds at t0 + 10 s: the second's heartbeat at t0 + 11 s.
  EXPECT_EQ(env->NextEventTime(), t0 + sim::Duration::Seconds(11));
  // A late answer to the first attempt is ignored; the second one's goes through.
  holder->handles[0].Succeed(env->now(), {{"attempt", 1}});
  holder->handles[1].Succeed(env->now(), {{"attempt", 2}});
  env->RunUntilBlocked();
  EXPECT_EQ(run.status(), sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(asl::Dump(run.output()), R"({"attempt":2})");
  EXPECT_EQ(env->now(), t0 + sim::Duration::Seconds(6));
}

TEST(EnvironmentLongLivedTest, AHeartbeatMovesTheDeadline) {
  TokenHolder* holder = nullptr;
  auto env = WithHolder(holder);
  auto machine = Parse(R"({"StartAt":"T","States":{"T":{"Type":"Task",
      "Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
      "Parameters":{"FunctionName":"f","Payload":{"t.$":"$$.Task.Token"}},
      "HeartbeatSeconds":60,"End":true}}})");
  sim::Execution& run = env->Start(TokenSpec(machine, "h"));
  const sim::SimTime t0 = run.start_time();
  env->RunUntilBlocked();
  ASSERT_EQ(holder->handles.size(), 1u);
  EXPECT_EQ(env->NextEventTime(), t0 + sim::Duration::Seconds(60));
  env->AdvanceBy(sim::Duration::Seconds(30));
  holder->handles[0].Heartbeat(env->now());
  // The check due at 60 s now only moves itself to 90 s: live, and RunUntilBlocked fires it.
  EXPECT_EQ(env->NextEventTime(), t0 + sim::Duration::Seconds(60));
  env->RunUntilBlocked();
  EXPECT_EQ(env->now(), t0 + sim::Duration::Seconds(60));
  EXPECT_EQ(env->NextEventTime(), t0 + sim::Duration::Seconds(90));
  EXPECT_EQ(run.status(), sim::ExecutionStatus::kRunning);
  env->AdvanceBy(sim::Duration::Seconds(30));
  EXPECT_EQ(run.status(), sim::ExecutionStatus::kFailed);
  EXPECT_EQ(run.error().name, "States.Timeout");
}

// Without TimeoutSeconds the execution's own timeout is the deadline a caller can still beat.
TEST(EnvironmentLongLivedTest, TheTimeoutOfAnExecutionWaitingOnATokenBlocks) {
  auto env = WithQueue();
  sim::Execution& run = env->Start(TokenSpec(TokenTask("", R"("TimeoutSeconds":500,)"), "e"));
  env->RunUntilBlocked();
  EXPECT_EQ(run.status(), sim::ExecutionStatus::kRunning);
  EXPECT_EQ(env->NextEventTime(), run.start_time() + sim::Duration::Seconds(500));
  env->AdvanceBy(sim::Duration::Seconds(500));
  EXPECT_EQ(run.status(), sim::ExecutionStatus::kTimedOut);
}

// One clock for all: a Wait that ends after another execution's open token deadline waits for
// the token's answer.
TEST(EnvironmentLongLivedTest, ALongWaitBeyondAnotherExecutionsTokenDeadlineWaitsToo) {
  auto env = WithQueue();
  sim::Execution& token = env->Start(TokenSpec(TokenTask(R"(,"TimeoutSeconds":100)"), "token"));
  sim::Execution& wait = env->Start(TokenSpec(
      Parse(R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}})"), "w"));
  env->RunUntilBlocked();
  EXPECT_EQ(wait.status(), sim::ExecutionStatus::kRunning);
  EXPECT_LT(env->now(), token.start_time() + sim::Duration::Seconds(100));
  std::vector<std::string> tokens = env->world()->callbacks().WaitingTokens();
  ASSERT_EQ(tokens.size(), 1u);
  ASSERT_TRUE(env->SendTaskSuccess(tokens[0], asl::Json::object()));
  env->RunUntilBlocked();
  EXPECT_EQ(token.status(), sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(wait.status(), sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(wait.stop_time(), wait.start_time() + sim::Duration{kHour});
}

TEST(EnvironmentLongLivedTest, ParallelAndMapStatesRunUntilATokenBlocksThem) {
  auto env = WithQueue();
  auto machine = Parse((R"({"StartAt":"P","States":{
      "P":{"Type":"Parallel","Next":"M","Branches":[
        {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}},
        {"StartAt":"T","States":{"T":{"Type":"Task",
          "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters":{"QueueUrl":")" + std::string(kQueueUrl) + R"(",
                        "MessageBody":{"token.$":"$$.Task.Token"}},
          "TimeoutSeconds":100,"End":true}}}]},
      "M":{"Type":"Map","ItemsPath":"$","End":true,
        "ItemProcessor":{"StartAt":"MW","States":{"MW":{"Type":"Wait","Seconds":5,"End":true}}}}}})")
                           .c_str());
  sim::Execution& run = env->Start(TokenSpec(machine, "pm"));
  const sim::SimTime t0 = run.start_time();
  env->RunUntilBlocked();
  EXPECT_EQ(run.status(), sim::ExecutionStatus::kRunning);
  EXPECT_EQ(env->now(), t0 + sim::Duration::Seconds(10));  // the Wait branch ran through
  std::vector<std::string> tokens = env->world()->callbacks().WaitingTokens();
  ASSERT_EQ(tokens.size(), 1u);
  ASSERT_TRUE(env->SendTaskSuccess(tokens[0], {{"v", 1}}));
  env->RunUntilBlocked();
  ASSERT_EQ(run.status(), sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(asl::Dump(run.output()), R"([{},{"v":1}])");
  EXPECT_EQ(run.stop_time(), t0 + sim::Duration::Seconds(15));  // the two items' Waits at once
}

// A parent waiting (.sync:2) on a child: a child that only waits runs through; a child waiting
// on a token blocks its parent's year-long timeout too, and both are forgotten together.
TEST(EnvironmentLongLivedTest, NestedSyncChildrenUnderRunUntilBlockedAndForget) {
  auto env = WithQueue();
  auto waits = Parse(R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}})");
  ASSERT_TRUE(env->RegisterStateMachine("Waits", waits).ok());
  ASSERT_TRUE(env->RegisterStateMachine("Token", TokenTask("")).ok());
  auto parent_of = [](const std::string& child) {
    return Parse((R"({"StartAt":"S","States":{"S":{"Type":"Task",
        "Resource":"arn:aws:states:::states:startExecution.sync:2",
        "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:)" +
                  child + R"(","Input":{}},"OutputPath":"$.Status","End":true}}})")
                     .c_str());
  };
  sim::Execution& through = env->Start(TokenSpec(parent_of("Waits"), "through"));
  env->RunUntilBlocked();
  ASSERT_EQ(through.status(), sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(asl::Dump(through.output()), R"("SUCCEEDED")");
  ASSERT_EQ(through.children().size(), 1u);

  sim::Execution& parent = env->Start(TokenSpec(parent_of("Token"), "parent"));
  const sim::SimTime before = env->now();
  env->RunUntilBlocked();
  ASSERT_EQ(parent.children().size(), 1u);
  sim::Execution* child = env->simulation().FindExecution(parent.children()[0]);
  ASSERT_NE(child, nullptr);
  EXPECT_EQ(child->status(), sim::ExecutionStatus::kRunning);
  EXPECT_EQ(parent.status(), sim::ExecutionStatus::kRunning);
  EXPECT_LT(env->now().ms - before.ms, 1000);  // not a year on: the parent's timeout waits
  EXPECT_FALSE(env->Forget(parent));  // running
  EXPECT_EQ(env->execution_count(), 4u);

  std::vector<std::string> tokens = env->world()->callbacks().WaitingTokens();
  ASSERT_EQ(tokens.size(), 1u);
  ASSERT_TRUE(env->SendTaskSuccess(tokens[0], asl::Json::object()));
  env->RunUntilBlocked();
  EXPECT_EQ(child->status(), sim::ExecutionStatus::kSucceeded);
  ASSERT_EQ(parent.status(), sim::ExecutionStatus::kSucceeded);

  const std::string child_arn = child->arn();
  const std::string parent_arn = parent.arn();
  EXPECT_TRUE(env->Forget(parent));  // and its child with it
  EXPECT_EQ(env->Find(parent_arn), nullptr);
  EXPECT_EQ(env->Find(child_arn), nullptr);
  EXPECT_EQ(env->execution_count(), 2u);
  EXPECT_EQ(env->simulation().executions_forgotten(), 2u);
  // The other pair: the child alone first (its parent has ended), then the parent.
  sim::Execution* other = env->simulation().FindExecution(through.children()[0]);
  ASSERT_NE(other, nullptr);
  EXPECT_TRUE(env->Forget(*other));
  EXPECT_TRUE(env->Forget(through));
  EXPECT_EQ(env->execution_count(), 0u);
}

TEST(EnvironmentLongLivedTest, AChildCannotBeForgottenWhileItsParentRuns) {
  auto env = WithQueue();
  ASSERT_TRUE(env->RegisterStateMachine(
                     "Quick", Parse(R"({"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}})"))
                  .ok());
  // Fire and forget a child, then wait on a token: the child ends, the parent does not.
  auto machine = Parse((R"({"StartAt":"S","States":{"S":{"Type":"Task",
      "Resource":"arn:aws:states:::states:startExecution",
      "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:Quick"},
      "Next":"T"},
      "T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters":{"QueueUrl":")" + std::string(kQueueUrl) + R"(",
                      "MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}})")
                           .c_str());
  sim::Execution& parent = env->Start(TokenSpec(machine, "p"));
  env->RunUntilBlocked();
  ASSERT_EQ(parent.children().size(), 1u);
  sim::Execution* child = env->simulation().FindExecution(parent.children()[0]);
  ASSERT_NE(child, nullptr);
  ASSERT_EQ(child->status(), sim::ExecutionStatus::kSucceeded);
  EXPECT_FALSE(env->Forget(*child));
  EXPECT_NE(env->Find(child->arn()), nullptr);
}

// Forgotten executions with every kind of timer still queued (a year-long execution timeout, a
// task's TimeoutSeconds and HeartbeatSeconds, lane resumes made stale by the stop) and their
// tokens still known to the world's callbacks: ASan reports any use of their freed memory.
TEST(EnvironmentLongLivedTest, ForgettingExecutionsWithTimersStillQueuedIsSafe) {
  auto env = WithQueue();
  auto machine = Parse((R"({"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
        {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":50,"End":true}}},
        {"StartAt":"T","States":{"T":{"Type":"Task",
          "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters":{"QueueUrl":")" + std::string(kQueueUrl) + R"(",
                        "MessageBody":{"token.$":"$$.Task.Token"}},
          "TimeoutSeconds":100,"HeartbeatSeconds":20,"End":true}}}]}}})")
                           .c_str());
  constexpr int kRuns = 150;  // more than one batch of forgotten executions
  std::vector<sim::Execution*> runs;
  for (int i = 0; i < kRuns; ++i) {
    sim::StartOptions start;
    start.sink = std::make_unique<sim::MemorySink>();
    runs.push_back(&env->Start(TokenSpec(machine, "r" + std::to_string(i)), std::move(start)));
  }
  env->RunUntilBlocked();
  std::vector<std::string> tokens = env->world()->callbacks().WaitingTokens();
  ASSERT_EQ(tokens.size(), static_cast<size_t>(kRuns));
  const size_t queued = env->simulation().pending_timers();
  std::vector<std::string> arns;
  for (sim::Execution* run : runs) {
    ASSERT_TRUE(env->Stop(*run, std::string("E"), std::string("stopped")));
    arns.push_back(run->arn());
    EXPECT_TRUE(env->Forget(*run));
  }
  EXPECT_EQ(env->execution_count(), 0u);
  for (const std::string& arn : arns) EXPECT_EQ(env->Find(arn), nullptr);
  EXPECT_LT(env->simulation().pending_timers(), queued);  // a batch's timers were dropped
  // Answers for tokens of forgotten executions go nowhere.
  for (const std::string& token : tokens) env->SendTaskSuccess(token, asl::Json::object());
  env->RunUntilIdle();
  EXPECT_TRUE(env->idle());
  EXPECT_FALSE(env->halted());
}

// Resident set size in bytes (Linux), 0 when unknown.
size_t ResidentBytes() {
  FILE* statm = std::fopen("/proc/self/statm", "r");
  if (statm == nullptr) return 0;
  long pages = 0, resident = 0;
  int read = std::fscanf(statm, "%ld %ld", &pages, &resident);
  std::fclose(statm);
  return read == 2 ? static_cast<size_t>(resident) * 4096 : 0;
}

// Objects Start takes ownership of, counted while they live. The sink keeps a kilobyte per
// event, as a history kept in memory would.
int live_sinks = 0;
int live_backends = 0;

class CountedSink final : public sim::HistorySink {
 public:
  CountedSink() { ++live_sinks; }
  ~CountedSink() override { --live_sinks; }
  void Append(const sim::HistoryEventView&) override { events_.emplace_back(1024, 'e'); }

 private:
  std::vector<std::string> events_;
};

class CountedBackend final : public sim::ServiceBackend {
 public:
  CountedBackend() { ++live_backends; }
  ~CountedBackend() override { --live_backends; }
  bool Invoke(const sim::TaskRequest& request, const sim::TaskHandle& handle) override {
    handle.Succeed(request.now, {{"n", 1}});
    return true;
  }
};

// A server runs millions of executions: each started, run, forgotten. What stays behind is
// bounded: no held execution, no sink or scripted backend, a queue of a batch's timers at most,
// and (measured where no sanitizer keeps freed memory in quarantine) resident memory that
// stops growing.
TEST(EnvironmentLongLivedTest, StartingAndForgettingExecutionsKeepsMemoryBounded) {
  sim::EnvironmentOptions options;
  auto created = sim::Environment::Create(std::move(options));
  ASSERT_TRUE(created.ok()) << created.error();
  sim::Environment& env = **created;
  auto machine = Parse(R"({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f",
           "Next":"W"},
      "W":{"Type":"Wait","Seconds":1,"End":true}}})");
#ifdef SFNSIM_TEST_SANITIZED
  // A sanitizer keeps freed memory in quarantine: resident memory says nothing there.
  constexpr bool kMeasureResident = false;
  constexpr int kRuns = 20'000;
#else
  constexpr bool kMeasureResident = true;
  constexpr int kRuns = 200'000;
#endif
  constexpr int kWarmUp = kRuns / 10;
  size_t warm = 0;
  size_t most_timers = 0;
  for (int i = 0; i < kRuns; ++i) {
    if (i == kWarmUp) warm = ResidentBytes();
    sim::StartOptions start;
    start.sink = std::make_unique<CountedSink>();
    start.scripted = std::make_unique<CountedBackend>();
    sim::Execution& run =
        env.Start(TokenSpec(machine, "run-" + std::to_string(i)), std::move(start));
    env.RunUntilBlocked();
    ASSERT_EQ(run.status(), sim::ExecutionStatus::kSucceeded);
    ASSERT_TRUE(env.Forget(run));
    most_timers = std::max(most_timers, env.simulation().pending_timers());
  }
  EXPECT_EQ(env.execution_count(), 0u);
  EXPECT_EQ(env.simulation().executions_forgotten(), static_cast<uint64_t>(kRuns));
  EXPECT_EQ(live_sinks, 0);
  EXPECT_EQ(live_backends, 0);
  EXPECT_LE(most_timers, 128u);  // a batch of year-long timeouts, not one per execution
  const size_t end = ResidentBytes();
  if (kMeasureResident && warm != 0 && end != 0) {
    // Held, 200,000 of these (8 events, 8 KiB of history each) would take over 1.6 GB.
    EXPECT_LT(end, warm + (16u << 20)) << "grew from " << warm << " to " << end << " bytes";
  }
}

TEST(EnvironmentLongLivedTest, MaxExecutionsBoundsExecutionsHeldNotStarted) {
  sim::EnvironmentOptions options;
  options.max_executions = 3;
  auto created = sim::Environment::Create(std::move(options));
  ASSERT_TRUE(created.ok()) << created.error();
  sim::Environment& env = **created;
  auto pass = Parse(R"({"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}})");
  for (int i = 0; i < 10; ++i) {
    sim::Execution& run = env.Start(TokenSpec(pass, "p" + std::to_string(i)));
    env.RunUntilBlocked();
    ASSERT_TRUE(env.Forget(run));
  }
  EXPECT_FALSE(env.halted());
  for (int i = 0; i < 3; ++i) env.Start(TokenSpec(pass, "held" + std::to_string(i)));
  EXPECT_FALSE(env.halted());
  EXPECT_EQ(env.execution_count(), 3u);
  env.Start(TokenSpec(pass, "one-too-many"));
  EXPECT_TRUE(env.halted());
  EXPECT_EQ(env.simulation().halt_reason(),
            "sfnsim stopped the run: more than 3 executions were held at once, started and not "
            "forgotten (sfnsim's bound for one run; a state machine that keeps starting "
            "executions?)");
}

}  // namespace
