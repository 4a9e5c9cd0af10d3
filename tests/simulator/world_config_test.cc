// World documents: a complete YAML world, every kind of mistake located by file, line and
// pointer, and what Install refuses.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "simulator/services/states/sfn_service.h"
#include "simulator/services/task_callbacks.h"
#include "simulator/world/world_config.h"
#include "tests/simulator/world_test_util.h"

namespace {

namespace fs = std::filesystem;

class WorldConfigTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sfnsim_world_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    fs::path path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }
  // Every diagnostic, formatted.
  std::vector<std::string> Errors(const std::string& path) {
    auto loaded = sim::LoadWorld(path);
    std::vector<std::string> out;
    if (loaded.ok()) return out;
    for (const asl::Diagnostic& d : loaded.error().items()) {
      out.push_back(asl::FormatDiagnostic(d, asl::SourceMap{}));
    }
    return out;
  }
  fs::path dir_;
};

TEST_F(WorldConfigTest, ReadsACompleteYamlWorld) {
  Write("child.asl.json", R"({"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}})");
  std::string path = Write("world.yaml", R"(seed: 42
region: eu-west-1
account: "210987654321"
latency:
  default: [5, 10]
  "sns:publish": {min_ms: 20, max_ms: 40}
  sqs: 15
sns:
  topics:
    - name: orders
      subscriptions: [{queue: audit, raw_message_delivery: true}]
    - name: events.fifo
      content_based_deduplication: true
sqs:
  queues:
    - name: audit
lambda:
  functions:
    - name: echo
      echo: true
      duration_ms: [100, 200]
    - name: scripted
      responses:
        - payload: {ok: true}
        - service_error: {code: TooManyRequestsException, message: "Rate Exceeded.", status: 429}
    - name: cmd
      command: ./handler.sh
state_machines:
  - name: Child
    definition_file: child.asl.json
  - name: Inline
    type: EXPRESS
    definition: {StartAt: P, States: {P: {Type: Pass, End: true}}}
callbacks:
  - state: Approve
    after_ms: 30000
    heartbeat_every_ms: 10000
    succeed: {output: {approved: true}}
quotas:
  start_execution: {capacity: 10, refill_per_second: 0.5}
  state_transitions: false
  lambda_concurrency: 3
faults:
  - service: sns
    api: publish
    rate: 0.01
  - name: outage
    service: athena
    window: {from_ms: 60000, to_ms: 120000}
    error: {code: TooManyRequestsException, message: slow down, status: 400}
  - state: Slow
    calls: [1]
    mode: hang
)");
  auto loaded = sim::LoadWorld(path);
  ASSERT_TRUE(loaded.ok()) << asl::FormatDiagnostic(loaded.error().items()[0], {});
  const sim::WorldConfig& w = *loaded;
  EXPECT_EQ(w.seed, 42u);
  EXPECT_EQ(w.region, "eu-west-1");
  EXPECT_EQ(w.account, "210987654321");
  EXPECT_EQ(w.latency.Find("sns", "publish").max_ms, 40);
  EXPECT_EQ(w.latency.Find("sqs", "sendMessage").min_ms, 15);
  EXPECT_EQ(w.latency.Find("lambda", "anything").min_ms, 5);  // the world's default
  EXPECT_EQ(w.latency.Find("nothing", "x").max_ms, 10);
  ASSERT_EQ(w.topics.size(), 2u);
  EXPECT_EQ(w.topics[0].subscriptions[0].queue, "audit");
  EXPECT_TRUE(w.topics[0].subscriptions[0].raw_message_delivery);
  EXPECT_TRUE(w.topics[1].content_based_deduplication);
  ASSERT_EQ(w.functions.size(), 3u);
  EXPECT_EQ(w.functions[0].handler, sim::LambdaHandler::kEcho);
  EXPECT_EQ(w.functions[0].max_duration.ms, 200);
  EXPECT_EQ(w.functions[1].responses[0].payload, R"({"ok":true})");
  EXPECT_EQ(w.functions[1].responses[1].service_error->http_status, 429);
  EXPECT_EQ(w.functions[2].command, "./handler.sh");
  EXPECT_EQ(w.functions[2].working_directory, dir_.string());
  ASSERT_EQ(w.state_machines.size(), 2u);
  EXPECT_TRUE(w.state_machines[1].express);
  ASSERT_EQ(w.callbacks.size(), 1u);
  EXPECT_EQ(asl::Dump(w.callbacks[0].output), R"({"approved":true})");
  sim::QuotaConfig q = w.Quotas("eu-west-1");
  EXPECT_EQ(q.start_execution.capacity, 10);
  EXPECT_EQ(q.start_execution.refill_per_second, 0.5);
  EXPECT_FALSE(q.state_transitions.enabled);
  EXPECT_EQ(q.lambda_concurrency, 3);
  EXPECT_EQ(q.sns_publish.capacity, 9000);  // eu-west-1's default, untouched
  ASSERT_EQ(w.faults.size(), 3u);
  EXPECT_EQ(w.faults[1].window_start->ms, 60000);
  EXPECT_EQ(w.faults[1].aws_error->message, "slow down");
  EXPECT_EQ(w.faults[2].mode, sim::FaultRule::Mode::kHang);

  sim::SimulationConfig settings;
  w.ApplyTo(settings);
  EXPECT_EQ(settings.seed, 42u);
  EXPECT_EQ(settings.region, "eu-west-1");
  sim::Simulation simulation(settings);
  sim::WorldConfig copy = *loaded;
  copy.faults.clear();
  sim::World world(std::move(copy));
  ASSERT_TRUE(world.Install(simulation).ok());
  EXPECT_TRUE(world.sns().HasTopic("arn:aws:sns:eu-west-1:210987654321:orders"));
  EXPECT_NE(world.sfn().Find("arn:aws:states:eu-west-1:210987654321:stateMachine:Child"), nullptr);
  EXPECT_EQ(simulation.transition_gate(), nullptr);
}

TEST_F(WorldConfigTest, MistakesAreLocated) {
  std::string path = Write("world.yaml", R"(seed: -1
sns:
  topics:
    - nmae: orders
    - name: plain
      content_based_deduplication: true
lambda:
  functions:
    - name: f
      echo: true
      command: x
    - name: g
      responses: []
state_machines:
  - name: M
    definition:
      StartAt: A
      States:
        A: {Type: Pass, Next: B}
callbacks:
  - state: S
    none: true
    heartbeat_every_ms: 1000
quotas:
  sns_publish: {capacity: 0}
faults:
  - service: sns
  - service: sns
    rate: 2
    mode: sometimes
latency:
  "sns:publish": [40, 20]
)");
  std::string f = path;
  EXPECT_EQ(Errors(path),
            (std::vector<std::string>{
                f + ":1: /seed: expected a non-negative integer",
                f + ":32: /latency/sns:publish: [40, 20] is not a range of milliseconds (0 <= min "
                    "<= max)",
                f + ":4: /sns/topics/0/nmae: unknown field \"nmae\" (did you mean \"name\"?)",
                f + ":4: /sns/topics/0: a topic needs a \"name\" or an \"arn\"",
                f + ":6: /sns/topics/1/content_based_deduplication: content-based deduplication "
                    "needs a FIFO topic (a name ending in .fifo)",
                f + ":9: /lambda/functions/0: a function is served by one of \"echo\", \"command\" "
                    "and \"responses\"",
                f + ":13: /lambda/functions/1/responses: expected at least one response",
                // The definition parser's own diagnostics, located in the world file.
                f + ":19: /state_machines/0/definition/States/A/Next: state \"B\" does not exist",
                f + ":18: /state_machines/0/definition/States: the state machine has no terminal "
                    "state: at least one state must be a Succeed or Fail state or have \"End\": true",
                f + ":21: /callbacks/0: heartbeats without a callback need \"heartbeat_until_ms\" "
                    "(else they would never stop)",
                f + ":25: /quotas/sns_publish/capacity: 0 is out of range [1, 1099511627776]",
                f + ":27: /faults/0: a fault needs \"rate\", \"calls\" or \"window\" to say when it "
                    "fires",
                f + ":29: /faults/1/rate: 2 is out of range [0, 1]",
                f + ":30: /faults/1/mode: \"sometimes\" is not a fault mode (fail, after, hang, delay)",
            }));
}

TEST_F(WorldConfigTest, SyntaxAndFileErrors) {
  std::string json = Write("world.json", "{\"sns\": {\"topics\": [}\n");
  std::vector<std::string> errors = Errors(json);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with(json + ":1:")) << errors[0];
  std::vector<std::string> missing = Errors((dir_ / "nope.yaml").string());
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_NE(missing[0].find("nope.yaml"), std::string::npos) << missing[0];
  EXPECT_EQ(Errors(Write("top.yaml", "- a\n")),
            std::vector<std::string>{dir_.string() + "/top.yaml:1: expected an object, got an array"});
  EXPECT_EQ(Errors(Write("unknown.json", R"({"topics": []})")),
            std::vector<std::string>{dir_.string() + "/unknown.json:1: /topics: unknown field "
                                                      "\"topics\" (expected one of: seed, partition, "
                                                      "region, account, latency, engine_latency, sns, sqs, lambda, "
                                                      "state_machines, athena, dynamodb, s3, callbacks, quotas, "
                                                      "faults)"});
}

TEST_F(WorldConfigTest, DefinitionFileErrorsNameTheirFile) {
  std::string bad = Write("bad.asl.json", R"({"StartAt":"X","States":{}})");
  std::string path = Write("world.json", R"({"state_machines":[{"name":"M","definition_file":"bad.asl.json"}]})");
  std::vector<std::string> errors = Errors(path);
  ASSERT_FALSE(errors.empty());
  EXPECT_TRUE(errors[0].starts_with(path + ":1: /state_machines/0/definition_file: " + bad)) << errors[0];
}

TEST_F(WorldConfigTest, InstallRefusesWhatCannotExist) {
  sim::WorldConfig config = sfnsim_test::WorldFromText(R"({
      "sns":{"topics":[{"name":"t","subscriptions":[{"queue":"missing"}]}]},
      "athena":{"databases":["retail"],"tables":[{"database":"retail","name":"x","csv":"/nonexistent/x.csv"}]}})");
  sim::Simulation simulation;
  sim::World world(std::move(config));
  auto installed = world.Install(simulation);
  ASSERT_FALSE(installed.ok());
  EXPECT_EQ(installed.error(),
            "topic t: subscribed queue \"missing\" is not declared; athena table retail.x: "
            "/nonexistent/x.csv: cannot read: No such file or directory");
  EXPECT_EQ(world.Install(simulation).error(), "the world is already installed");
}

TEST(WorldCallbacksTest, SendTaskSuccessFromTheCaller) {
  sfnsim_test::WorldRun run(sfnsim_test::WorldFromText(R"({"sqs":{"queues":[{"name":"q"}]}})"));
  run.Install();
  run.Start(sfnsim_test::Machine(asl::Json::parse(R"({"StartAt":"W","States":{"W":{"Type":"Task",
      "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      "Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/q",
                    "MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}})")),
            "{}");
  run.simulation->RunUntil(sim::SimTime{run.simulation->now().ms + 10000});
  std::vector<std::string> tokens = run.world->callbacks().WaitingTokens();
  ASSERT_EQ(tokens.size(), 1u);
  // The token a consumer would read from the queue.
  const auto* messages = run.world->sqs().Messages("q");
  ASSERT_TRUE(messages && messages->size() == 1);
  EXPECT_EQ(asl::Json::parse((*messages)[0].body)["token"], tokens[0]);
  EXPECT_FALSE(run.world->SendTaskSuccess("not-a-token", {}));
  EXPECT_TRUE(run.world->SendTaskHeartbeat(tokens[0]));
  EXPECT_TRUE(run.world->SendTaskSuccess(tokens[0], {{"done", true}}));
  EXPECT_FALSE(run.world->SendTaskSuccess(tokens[0], {}));  // answered already
  run.simulation->Run();
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(asl::Dump(run.execution->output()), R"({"done":true})");
  EXPECT_EQ(run.execution->stop_time().ms - run.execution->start_time().ms, 10000);
}

TEST(WorldCallbacksTest, SendTaskFailureWithoutErrorOrCause) {
  sfnsim_test::WorldRun run(sfnsim_test::WorldFromText(R"({"sqs":{"queues":[{"name":"q"}]}})"));
  run.Install();
  run.Start(sfnsim_test::Machine(asl::Json::parse(R"({"StartAt":"W","States":{"W":{"Type":"Task",
      "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      "Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/q",
                    "MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}})")),
            "{}");
  run.simulation->RunUntil(sim::SimTime{run.simulation->now().ms + 1000});
  ASSERT_TRUE(run.world->SendTaskFailure(run.world->callbacks().WaitingTokens()[0], std::nullopt,
                                         std::nullopt));
  run.simulation->Run();
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kFailed);
  asl::Json failed = sfnsim_test::FindEvent(run.Events(), "TaskFailed");
  // Neither error nor cause: the details say nothing of them.
  EXPECT_FALSE(failed["taskFailedEventDetails"].contains("error"));
  EXPECT_FALSE(failed["taskFailedEventDetails"].contains("cause"));
  EXPECT_EQ(failed["taskFailedEventDetails"]["resource"], "sendMessage.waitForTaskToken");
}

}  // namespace

namespace {

// The engine_latency section: steps for both workflow types, a type's own, 0 for none, and every
// mistake at its pointer.
TEST_F(WorldConfigTest, EngineLatencySection) {
  auto read = [&](const std::string& name, const std::string& text) {
    return sim::LoadWorld(Write(name, text));
  };
  auto defaults = read("defaults.yaml", "{}\n");
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->engine_latency, sim::EngineLatency::AwsDefaults());
  auto off = read("off.yaml", "engine_latency: 0\n");
  ASSERT_TRUE(off.ok());
  EXPECT_TRUE(off->engine_latency.zero());
  auto set = read("set.yaml", R"(engine_latency:
  transition: [5, 9]
  state: {min_ms: 1, max_ms: 2}
  express:
    transition: 3
    iteration: [0, 1]
)");
  ASSERT_TRUE(set.ok());
  const sim::EngineLatency& e = set->engine_latency;
  EXPECT_EQ(e.standard.transition, (sim::EngineRange{5, 9}));
  EXPECT_EQ(e.standard.state, (sim::EngineRange{1, 2}));
  EXPECT_EQ(e.express.transition, (sim::EngineRange{3, 3}));  // the type's own wins
  EXPECT_EQ(e.express.state, (sim::EngineRange{1, 2}));
  EXPECT_EQ(e.express.iteration, (sim::EngineRange{0, 1}));
  // Steps not given keep their defaults.
  EXPECT_EQ(e.standard.task_schedule, sim::EngineLatency::AwsDefaults().standard.task_schedule);
  // ApplyTo hands them to the simulation.
  sim::SimulationConfig settings;
  set->ApplyTo(settings);
  EXPECT_EQ(settings.engine_latency, e);

  std::string bad = Write("bad.yaml", R"(engine_latency:
  transition: fast
  express:
    state: [30, 10]
    transitions: 1
  standard: 4
)");
  EXPECT_EQ(Errors(bad),
            (std::vector<std::string>{
                bad + ":2: /engine_latency/transition: expected milliseconds: a number, [min, "
                      "max] or {\"min_ms\", \"max_ms\"}",
                bad + ":6: /engine_latency/standard: expected an object, got a number",
                bad + ":5: /engine_latency/express/transitions: unknown field \"transitions\" "
                      "(did you mean \"transition\"?)",
                bad + ":4: /engine_latency/express/state: [30, 10] is not a range of "
                      "milliseconds (0 <= min <= max)"}));
  std::string scalar = Write("scalar.yaml", "engine_latency: [1, 2]\n");
  EXPECT_EQ(Errors(scalar),
            (std::vector<std::string>{
                scalar + ":1: /engine_latency: expected 0 (no engine latency) or an object of "
                         "steps (transition, state, task_schedule, iteration) and \"standard\" / "
                         "\"express\" objects of them, each milliseconds: a number, [min, max] "
                         "or {\"min_ms\", \"max_ms\"}; got an array"}));
}

}  // namespace
