// The Environment: the one place a simulation and its world are built. These tests pin the API
// shape the commands use today and the one a long-lived server will rely on: executions started
// into a running environment, a scripted backend per execution, the virtual clock run until
// only task tokens remain, task tokens answered, executions stopped, histories read while
// executions run.

#include "simulator/harness/environment.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "simulator/engine/execution.h"
#include "simulator/history/history_sink.h"
#include "simulator/services/sns/sns_model.h"
#include "simulator/services/sqs/sqs_model.h"
#include "simulator/services/task_callbacks.h"
#include "tests/simulator/world_test_util.h"

namespace {

using sfnsim_test::Machine;
using sfnsim_test::WorldFromText;

// Answers every task at once with a fixed result.
class FixedBackend final : public sim::ServiceBackend {
 public:
  explicit FixedBackend(asl::Json result) : result_(std::move(result)) {}
  bool Invoke(const sim::TaskRequest& request, const sim::TaskHandle& handle) override {
    ++calls_;
    handle.Start(request.now);
    handle.Succeed(request.now, result_);
    return true;
  }
  int calls() const { return calls_; }

 private:
  asl::Json result_;
  int calls_ = 0;
};

std::shared_ptr<const asl::StateMachine> OneTask(const std::string& resource) {
  return Machine(asl::Json::parse(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":")" +
                                  resource + R"(","End":true}}})"));
}

sim::ExecutionSpec Spec(std::shared_ptr<const asl::StateMachine> machine, std::string name) {
  sim::ExecutionSpec spec;
  spec.machine = std::move(machine);
  spec.state_machine_name = "Main";
  spec.name = std::move(name);
  spec.input_text = "{}";
  return spec;
}

constexpr const char* kLambda = "arn:aws:lambda:us-east-1:123456789012:function:f";

TEST(EnvironmentTest, RunsAgainstFrontBackendsWithoutAWorld) {
  sim::EnvironmentOptions options;
  auto backend = std::make_unique<FixedBackend>(asl::Json{{"v", 1}});
  FixedBackend* front = backend.get();
  options.front_backends.push_back(std::move(backend));
  auto env = sim::Environment::Create(std::move(options));
  ASSERT_TRUE(env.ok()) << env.error();
  EXPECT_EQ((*env)->world(), nullptr);
  sim::Execution& execution = (*env)->Start(Spec(OneTask(kLambda), "one"));
  (*env)->RunUntilIdle();
  EXPECT_EQ(execution.status(), sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(asl::Dump(execution.output()), R"({"v":1})");
  EXPECT_EQ(front->calls(), 1);
  // Nothing to register a machine with.
  auto registered = (*env)->RegisterStateMachine("Main", OneTask(kLambda));
  ASSERT_FALSE(registered.ok());
  EXPECT_EQ(registered.error(),
            "state machine \"Main\" cannot be registered: the environment has no world");
  EXPECT_FALSE((*env)->SendTaskSuccess("any", asl::Json::object()));
}

// Issue 16: the command line's seed replaces the world's for every seeded choice; the settings
// are known before the world is installed (a report names them even when it fails).
TEST(EnvironmentTest, TheCommandLineSeedWinsOverTheWorlds) {
  sim::EnvironmentOptions options;
  options.world = WorldFromText(R"({"seed": 7, "region": "eu-west-1"})");
  EXPECT_EQ(sim::Environment::SettingsFor(options).seed, 7u);
  options.seed = 42;
  options.start_time = sim::SimTime{1'000'000};
  EXPECT_EQ(sim::Environment::SettingsFor(options).seed, 42u);
  auto env = sim::Environment::Create(std::move(options));
  ASSERT_TRUE(env.ok()) << env.error();
  EXPECT_EQ((*env)->settings().seed, 42u);
  EXPECT_EQ((*env)->settings().region, "eu-west-1");
  EXPECT_EQ((*env)->now().ms, 1'000'000);
  ASSERT_NE((*env)->world(), nullptr);
  EXPECT_EQ((*env)->world()->config().seed, 42u);
}

TEST(EnvironmentTest, CreateFailsWithTheWorldsMessage) {
  sim::EnvironmentOptions options;
  options.world = WorldFromText(
      R"({"sns":{"topics":[{"name":"t","subscriptions":[{"queue":"missing"}]}]}})");
  auto env = sim::Environment::Create(std::move(options));
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.error(), "topic t: subscribed queue \"missing\" is not declared");
}

// A MockConfigFile test case chosen per StartExecution: that execution's tasks go to its own
// backend first; others go on to the environment's front backends.
TEST(EnvironmentTest, AScriptedBackendPerExecutionComesFirst) {
  sim::EnvironmentOptions options;
  options.front_backends.push_back(std::make_unique<FixedBackend>(asl::Json{{"from", "front"}}));
  auto env = sim::Environment::Create(std::move(options));
  ASSERT_TRUE(env.ok()) << env.error();
  sim::StartOptions scripted;
  scripted.scripted = std::make_unique<FixedBackend>(asl::Json{{"from", "scripted"}});
  sim::Execution& a = (*env)->Start(Spec(OneTask(kLambda), "a"), std::move(scripted));
  sim::Execution& b = (*env)->Start(Spec(OneTask(kLambda), "b"));
  (*env)->RunUntilIdle();
  EXPECT_EQ(asl::Dump(a.output()), R"({"from":"scripted"})");
  EXPECT_EQ(asl::Dump(b.output()), R"({"from":"front"})");
}

// The server's loop: executions started into a running environment, the clock run until only
// task tokens remain, a token answered, an execution stopped, a history read while it runs.
TEST(EnvironmentTest, TaskTokensStopsAndHistoriesOfRunningExecutions) {
  sim::EnvironmentOptions options;
  options.world = WorldFromText(R"({"sqs":{"queues":[{"name":"q"}]}})");
  auto created = sim::Environment::Create(std::move(options));
  ASSERT_TRUE(created.ok()) << created.error();
  sim::Environment& env = **created;
  auto waits = Machine(asl::Json::parse(R"({"StartAt":"W","States":{"W":{"Type":"Task",
      "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      "Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/q",
                    "MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}})"));
  ASSERT_TRUE(env.RegisterStateMachine("Main", waits).ok());

  sim::StartOptions with_history;
  with_history.sink = std::make_unique<sim::MemorySink>();
  const auto& history = static_cast<const sim::MemorySink&>(*with_history.sink);
  sim::Execution& answered = env.Start(Spec(waits, "answered"), std::move(with_history));
  sim::Execution& stopped = env.Start(Spec(waits, "stopped"));
  // Only the executions' own timeouts (a year away) remain: RunUntilIdle would run into them.
  env.RunUntil(sim::SimTime{env.now().ms + 1000});
  EXPECT_FALSE(env.idle());
  EXPECT_FALSE(answered.ended());
  EXPECT_FALSE(stopped.ended());
  // Read while running: started, entered, scheduled, started, (no end yet).
  ASSERT_FALSE(history.events().empty());
  EXPECT_EQ(history.events().front()["type"], "ExecutionStarted");
  EXPECT_EQ(history.events().back()["type"], "TaskSubmitted");

  std::vector<std::string> tokens = env.world()->callbacks().WaitingTokens();
  ASSERT_EQ(tokens.size(), 2u);
  const sim::SimTime before = env.now();
  env.RunUntil(sim::SimTime{before.ms + 5000});
  EXPECT_TRUE(env.SendTaskHeartbeat(tokens[0]));
  EXPECT_TRUE(env.SendTaskSuccess(tokens[0], {{"done", true}}));
  env.RunUntil(sim::SimTime{before.ms + 6000});
  EXPECT_EQ(answered.status(), sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(asl::Dump(answered.output()), R"({"done":true})");
  EXPECT_EQ(answered.stop_time().ms, before.ms + 5000);
  EXPECT_EQ(history.events().back()["type"], "ExecutionSucceeded");

  EXPECT_TRUE(env.Stop(stopped, std::string("Stopped"), std::string("by the test")));
  env.RunUntilIdle();  // nothing is left but the ended executions' cancelled timers
  EXPECT_EQ(stopped.status(), sim::ExecutionStatus::kAborted);
  EXPECT_FALSE(env.Stop(stopped));  // already ended
  EXPECT_EQ(env.Find(stopped.arn()), &stopped);
}

// Every service that accepts a record tells the environment's delivery observers (SNS here).
TEST(EnvironmentTest, DeliveryObserversHearSns) {
  struct Recorder final : sim::DeliveryObserver {
    void OnDelivery(const sim::Delivery& d) override {
      seen.push_back(std::string(d.service) + " " + std::string(d.destination) + " " +
                     std::string(d.body) + " " + std::string(d.state_name));
    }
    std::vector<std::string> seen;
  } recorder;
  sim::EnvironmentOptions options;
  options.world = WorldFromText(R"({"sns":{"topics":[{"name":"t"}]}})");
  auto env = sim::Environment::Create(std::move(options));
  ASSERT_TRUE(env.ok()) << env.error();
  (*env)->AddDeliveryObserver(&recorder);
  auto publish = Machine(asl::Json::parse(R"({"StartAt":"P","States":{"P":{"Type":"Task",
      "Resource":"arn:aws:states:::sns:publish",
      "Parameters":{"TopicArn":"arn:aws:sns:us-east-1:123456789012:t","Message":"hello"},
      "End":true}}})"));
  sim::Execution& execution = (*env)->Start(Spec(publish, "p"));
  (*env)->RunUntilIdle();
  ASSERT_EQ(execution.status(), sim::ExecutionStatus::kSucceeded);
  ASSERT_EQ(recorder.seen.size(), 1u);
  EXPECT_EQ(recorder.seen[0], "sns arn:aws:sns:us-east-1:123456789012:t hello P");
}

struct DeliveryRecorder final : sim::DeliveryObserver {
  void OnDelivery(const sim::Delivery& d) override {
    seen.push_back(std::string(d.service) + " " + std::string(d.destination) + " " +
                   std::string(d.body) + " " + std::string(d.state_name) +
                   (d.duplicate ? " duplicate" : ""));
  }
  std::vector<std::string> seen;
};

// SQS delivers each message a Task sends (both APIs, FIFO duplicates marked), and not the copy
// an SNS subscription puts in a queue: the topic's delivery counts that message once.
TEST(EnvironmentTest, DeliveryObserversHearSqsSendsButNotSnsFanOut) {
  DeliveryRecorder recorder;
  sim::EnvironmentOptions options;
  options.world = WorldFromText(R"({"sqs":{"queues":[{"name":"q"},{"name":"f.fifo"}]},
      "sns":{"topics":[{"name":"t","subscriptions":[{"queue":"q"}]}]}})");
  auto env = sim::Environment::Create(std::move(options));
  ASSERT_TRUE(env.ok()) << env.error();
  (*env)->AddDeliveryObserver(&recorder);
  auto machine = Machine(asl::Json::parse(R"({"StartAt":"Send","States":{
      "Send":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
        "Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/q",
                      "MessageBody":"one"},"Next":"Batch"},
      "Batch":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sqs:sendMessageBatch",
        "Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/f.fifo",
          "Entries":[{"Id":"a","MessageBody":"two","MessageGroupId":"g","MessageDeduplicationId":"d"},
                     {"Id":"b","MessageBody":"two","MessageGroupId":"g","MessageDeduplicationId":"d"}]},
        "Next":"Publish"},
      "Publish":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
        "Parameters":{"TopicArn":"arn:aws:sns:us-east-1:123456789012:t","Message":"three"},
        "End":true}}})"));
  sim::Execution& execution = (*env)->Start(Spec(machine, "s"));
  (*env)->RunUntilIdle();
  ASSERT_EQ(execution.status(), sim::ExecutionStatus::kSucceeded) << asl::Dump(execution.output());
  const std::string queues = "https://sqs.us-east-1.amazonaws.com/123456789012/";
  EXPECT_EQ(recorder.seen,
            (std::vector<std::string>{"sqs " + queues + "q one Send",
                                      "sqs " + queues + "f.fifo two Batch",
                                      "sqs " + queues + "f.fifo two Batch duplicate",
                                      "sns arn:aws:sns:us-east-1:123456789012:t three Publish"}));
  // The subscription did deliver to the queue; it is just not a second record.
  EXPECT_EQ((*env)->world()->sqs().Messages("q")->size(), 2u);
}

}  // namespace
