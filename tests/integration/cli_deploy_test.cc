// sfnsim deploy and export against a real AWS API on loopback: moto's server (moto_server), the
// AWS CLI and cfn-lint, as the machine's Python has them. Each test starts its own moto on a free
// port, waits for it (30 s at most) and kills it at the end, whatever happened.

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "asl/base/json.h"
#include "tests/integration/cli_test_util.h"
#include "tests/integration/moto_server.h"

namespace {

using sfnsim_test::CliResult;
using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

const std::string kProductionTemplate =
    std::string(SFNSIM_SOURCE_DIR) + "/fixtures/templates/production.yaml";
const std::string kStackInput =
    std::string(SFNSIM_SOURCE_DIR) + "/fixtures/inputs/production_orchestrator.stack.input.json";
// The scenarios these tests write (in scratch directories) read the fixtures: allowed
// explicitly (docs/security.md).
const std::string kRunAllowingFixtures =
    "run --quiet --allow-outside " + std::string(SFNSIM_SOURCE_DIR) + "/fixtures ";

// moto's server (tests/integration/moto_server.h), once the AWS CLI is known to be there too.
class MotoServerForDeployTest {
 public:
  std::string Start(const std::string& log_path) {
    if (!sfnsim_test::OnPath("aws")) {
      return "aws is not on PATH: these tests need moto's server and the AWS CLI (the machine's "
             "Python has them: pip packages moto[server] and awscli)";
    }
    return server_.Start(log_path);
  }
  std::string url() const { return server_.url(); }

 private:
  sfnsim_test::MotoServer server_;
};

class CliDeployTest : public testing::Test {
 protected:
  void SetUp() override {
    // Dummy credentials and a region for every child (sfnsim, aws); no user configuration.
    setenv("AWS_ACCESS_KEY_ID", "testing", 1);
    setenv("AWS_SECRET_ACCESS_KEY", "testing", 1);
    setenv("AWS_DEFAULT_REGION", "us-east-1", 1);
    unsetenv("AWS_REGION");
    unsetenv("AWS_PROFILE");
    unsetenv("AWS_SESSION_TOKEN");
    setenv("AWS_CONFIG_FILE", dir_.Path("no-aws-config").c_str(), 1);
    setenv("AWS_SHARED_CREDENTIALS_FILE", dir_.Path("no-aws-credentials").c_str(), 1);
    std::string error = moto_.Start(dir_.Path("moto.log"));
    ASSERT_EQ(error, "");
  }

  // A scenario over the template at `template_path`: the stack's two state machines, 1,000
  // customers (scenarios/production_stack.yaml at a tenth of the size).
  std::string WriteScenario(const std::string& template_path) {
    return dir_.Write("stack.yaml", R"(name: stack
seed: 3
sns: {topics: [{name: customer-backfill}]}
athena:
  databases: [retail]
  tables: [{database: retail, generator: customers, rows: 1000, seed: 1}]
state_machines:
  - name: orchestrator
    definition_file: )" + template_path + R"(
    logical_id: OrchestratorStateMachine
    substitutions:
      ExecutorStateMachineArn: arn:aws:states:us-east-1:123456789012:stateMachine:executor
  - name: executor
    definition_file: )" + template_path + R"(
    logical_id: ExecutorStateMachine
    substitutions: {TopicArn: arn:aws:sns:us-east-1:123456789012:customer-backfill}
start: {state_machine: orchestrator, input_file: )" + kStackInput + R"(}
expect:
  status: SUCCEEDED
  all_executions_succeeded: true
  published_once: {topic: customer-backfill, key: customerId,
                   query: SELECT customer_id FROM retail.customers}
)");
  }

  CliResult Sfnsim(const std::string& args) { return RunSfnsim(args, dir_); }

  // `aws --endpoint-url URL ARGS --output json`, parsed; null when it fails.
  asl::Json Aws(const std::string& args) {
    std::string command = "aws --endpoint-url " + moto_.url() + " " + args +
                          " --output json 2>" + dir_.Path("aws.err");
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return nullptr;
    std::string out;
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    if (pclose(pipe) != 0) return nullptr;
    return asl::Json::parse(out, nullptr, false);
  }

  // The definition describe-state-machine returns for the state machine NAME of the endpoint.
  asl::Json DeployedDefinition(const std::string& name) {
    asl::Json machine = Aws(
        "stepfunctions describe-state-machine --state-machine-arn "
        "arn:aws:states:us-east-1:123456789012:stateMachine:" + name);
    if (!machine.is_object() || !machine["definition"].is_string()) return nullptr;
    return asl::Json::parse(machine["definition"].get<std::string>(), nullptr, false);
  }

  std::string DeployCommand(const std::string& template_path, const std::string& stack,
                     const std::string& more = "") {
    return "deploy " + template_path + " --stack-name " + stack + " --endpoint-url " +
           moto_.url() + " --lock " + dir_.Path("sfnsim.lock.json") + " " + more;
  }

  ScratchDir dir_;
  MotoServerForDeployTest moto_;
};

TEST_F(CliDeployTest, DeploysTheVerifiedProductionTemplateAndReadsItBack) {
  std::string lock = dir_.Path("sfnsim.lock.json");
  CliResult run = Sfnsim(kRunAllowingFixtures + "--lock " + lock + " " +
                         WriteScenario(kProductionTemplate));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  asl::Json record = asl::Json::parse(ScratchDir::Read(lock));
  ASSERT_EQ(record["definitions"].size(), 2u) << record.dump(2);
  EXPECT_EQ(record["definitions"][0]["logical_id"], "ExecutorStateMachine");
  EXPECT_EQ(record["definitions"][0]["verified_by"][0]["scenario"], "stack.yaml");
  EXPECT_EQ(record["definitions"][0]["verified_by"][0]["seed"], 3);
  EXPECT_EQ(record["definitions"][0]["substitutions"]["HistoryMargin"], "1000");

  CliResult deploy = Sfnsim(DeployCommand(kProductionTemplate, "backfill-prod"));
  ASSERT_EQ(deploy.exit_code, 0) << deploy.out << deploy.err;
  EXPECT_NE(deploy.out.find("verified: ExecutorStateMachine: sha256 "), std::string::npos);
  EXPECT_NE(deploy.out.find("read-back: ExecutorStateMachine (arn:aws:states:us-east-1:"
                            "123456789012:stateMachine:backfill-prod-executor) is the verified "
                            "definition; TopicArn = arn:aws:sns:us-east-1:123456789012:"
                            "backfill-prod-customer-backfill"),
            std::string::npos)
      << deploy.out;
  EXPECT_NE(deploy.out.find("read-back: OrchestratorStateMachine"), std::string::npos);
  // moto leaves DefinitionSubstitutions unapplied; sfnsim says so.
  EXPECT_NE(deploy.out.find("not applied (${HistoryMargin}, ${TopicArn})"), std::string::npos);

  // Independently of sfnsim: the stack exists and holds the definition's states.
  asl::Json definition = DeployedDefinition("backfill-prod-executor");
  ASSERT_TRUE(definition.is_object());
  EXPECT_EQ(definition["StartAt"], "InitCounters");
  EXPECT_EQ(definition["States"]["PublishPage"]["Type"], "Map");
  // The same template again: nothing to change, and the read-back still passes.
  CliResult again = Sfnsim(DeployCommand(kProductionTemplate, "backfill-prod"));
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("nothing changed"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("read-back: OrchestratorStateMachine"), std::string::npos);

  asl::Json topics = Aws("sns list-topics");
  ASSERT_TRUE(topics.is_object());
  EXPECT_EQ(topics["Topics"][0]["TopicArn"],
            "arn:aws:sns:us-east-1:123456789012:backfill-prod-customer-backfill");
}

TEST_F(CliDeployTest, RefusesAnEditedStateUntilItsScenariosRunAgain) {
  std::string template_text = ScratchDir::Read(kProductionTemplate);
  std::string template_path = dir_.Write("production.yaml", template_text);
  std::string scenario = WriteScenario(template_path);
  std::string lock = dir_.Path("sfnsim.lock.json");
  ASSERT_EQ(Sfnsim(kRunAllowingFixtures + "--lock " + lock + " " + scenario).exit_code, 0);

  // One state of the executor edited after verification.
  const std::string before = "Comment: Puts the handed-over token where GetNextPage reads it.";
  size_t at = template_text.find(before);
  ASSERT_NE(at, std::string::npos);
  std::string edited = template_text;
  edited.replace(at, before.size(), "Comment: Edited after the scenarios passed.");
  dir_.Write("production.yaml", edited);

  CliResult refused = Sfnsim(DeployCommand(template_path, "edited"));
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("ExecutorStateMachine: not verified: the definition differs: state "
                             "/States/ResumeFromToken changed; compared with production.yaml "
                             "(ExecutorStateMachine) as verified by stack.yaml (seed 3)"),
            std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("refusing to deploy"), std::string::npos);
  EXPECT_NE(refused.out.find("verified: OrchestratorStateMachine"), std::string::npos);
  EXPECT_TRUE(Aws("cloudformation describe-stacks --stack-name edited").is_null())
      << "a refused deploy must not create the stack";

  // A parameter that differs from the verified run is refused as well, naming the value.
  CliResult margin = Sfnsim(DeployCommand(template_path, "edited", "--parameters HistoryMargin=500"));
  EXPECT_EQ(margin.exit_code, 1);
  EXPECT_NE(margin.err.find("substitution HistoryMargin is \"500\" for this deploy; the verified "
                            "runs used \"1000\""),
            std::string::npos)
      << margin.err;

  // The scenarios pass on the edited definition: it deploys.
  ASSERT_EQ(Sfnsim(kRunAllowingFixtures + "--lock " + lock + " " + scenario).exit_code, 0);
  asl::Json record = asl::Json::parse(ScratchDir::Read(lock));
  EXPECT_EQ(record["definitions"].size(), 2u) << "the old version is no longer verified by stack.yaml";
  CliResult deployed = Sfnsim(DeployCommand(template_path, "edited"));
  EXPECT_EQ(deployed.exit_code, 0) << deployed.out << deployed.err;
  asl::Json definition = DeployedDefinition("edited-executor");
  ASSERT_TRUE(definition.is_object());
  EXPECT_EQ(definition["States"]["ResumeFromToken"]["Comment"], "Edited after the scenarios passed.");
}

TEST_F(CliDeployTest, ForcedDryRunSaysWhatItSkipsPrintsTheChangeSetAndCreatesNothing) {
  // No verification record at all: refused without --force ...
  CliResult refused = Sfnsim(DeployCommand(kProductionTemplate, "forced", "--dry-run"));
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("ExecutorStateMachine: no verification record of this state machine"),
            std::string::npos)
      << refused.err;
  // ... and with it, loudly.
  CliResult forced = Sfnsim(DeployCommand(kProductionTemplate, "forced", "--force --dry-run"));
  ASSERT_EQ(forced.exit_code, 0) << forced.out << forced.err;
  EXPECT_NE(forced.err.find("*** WARNING: --force: deploying 2 state machines that no passing "
                            "scenario verified. ***"),
            std::string::npos)
      << forced.err;
  EXPECT_NE(forced.out.find("dry run: change set arn:aws:cloudformation:us-east-1:123456789012:"
                            "changeSet/"),
            std::string::npos)
      << forced.out;
  EXPECT_NE(forced.out.find("  Add  ExecutorStateMachine      AWS::StepFunctions::StateMachine\n"),
            std::string::npos)
      << forced.out;
  asl::Json machines = Aws("stepfunctions list-state-machines");
  ASSERT_TRUE(machines.is_object());
  EXPECT_TRUE(machines["stateMachines"].empty()) << machines.dump();
}

TEST(CliDeployWithoutToolsTest, SaysTheAwsCliIsMissingAndRefusesBadInput) {
  ScratchDir dir;
  std::string path = std::getenv("PATH") != nullptr ? std::getenv("PATH") : "";
  setenv("PATH", dir.Path("empty-bin").c_str(), 1);  // no aws, no cfn-lint
  CliResult forced = RunSfnsim("deploy " + kProductionTemplate + " --stack-name s --force --lock " +
                                   dir.Path("none.json"),
                               dir);
  setenv("PATH", path.c_str(), 1);
  EXPECT_EQ(forced.exit_code, 2);
  EXPECT_NE(forced.err.find("the AWS CLI (aws) is not on PATH"), std::string::npos) << forced.err;

  std::string bad_record = dir.Write("bad.json", R"({"format": "sfnsim verification record 1"})");
  CliResult bad = RunSfnsim("deploy " + kProductionTemplate + " --stack-name s --lock " + bad_record, dir);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find(bad_record + ": /definitions: expected an array of verified definitions"),
            std::string::npos)
      << bad.err;
  CliResult not_template = RunSfnsim(
      "deploy " + std::string(SFNSIM_SOURCE_DIR) +
          "/fixtures/definitions/production_executor.asl.json --stack-name s --lock " +
          dir.Path("none.json"),
      dir);
  EXPECT_EQ(not_template.exit_code, 2);
  EXPECT_NE(not_template.err.find("not a CloudFormation or SAM template"), std::string::npos)
      << not_template.err;
}

TEST(CliExportTest, WrapsAStudioDefinitionWithTheScenarioValuesAsSubstitutions) {
  ScratchDir dir;
  std::string definition = dir.Write("studio.json", R"({
  "StartAt": "Publish",
  "States": {
    "Publish": {
      "Type": "Task",
      "Resource": "arn:aws:states:::sns:publish",
      "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:orders", "Message.$": "$"},
      "End": true
    }
  }
})");
  CliResult exported =
      RunSfnsim("export " + definition +
                    " --to cloudformation -s TopicArn=arn:aws:sns:us-east-1:123456789012:orders "
                    "-s Unused=x --name orders -o " + dir.Path("template.json"),
                dir);
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_NE(exported.err.find("became ${TopicArn}"), std::string::npos) << exported.err;
  EXPECT_NE(exported.err.find("Unused = \"x\" is not used by the definition"), std::string::npos);
  asl::Json doc = asl::Json::parse(ScratchDir::Read(dir.Path("template.json")));
  const asl::Json& properties = doc["Resources"]["StateMachine"]["Properties"];
  EXPECT_EQ(properties["DefinitionSubstitutions"]["TopicArn"]["Ref"], "TopicArn");
  EXPECT_EQ(properties["Definition"]["States"]["Publish"]["Parameters"]["TopicArn"], "${TopicArn}");
  EXPECT_EQ(doc["Parameters"]["TopicArn"]["Default"], "arn:aws:sns:us-east-1:123456789012:orders");
  EXPECT_EQ(properties["StateMachineName"], "orders");
  // The template loads back (parameter Default substituted) and validates.
  CliResult valid = RunSfnsim("validate " + dir.Path("template.json"), dir);
  EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;

  CliResult sam = RunSfnsim("export " + definition + " --to sam", dir);
  ASSERT_EQ(sam.exit_code, 0) << sam.err;
  asl::Json sam_doc = asl::Json::parse(sam.out);
  EXPECT_EQ(sam_doc["Transform"], "AWS::Serverless-2016-10-31");
  EXPECT_EQ(sam_doc["Resources"]["StateMachine"]["Type"], "AWS::Serverless::StateMachine");

  // The values a scenario substituted: its state machine loads a definition with ${TopicArn}.
  std::string with_placeholder = dir.Write("placeholder.json", R"({"StartAt": "Publish",
    "States": {"Publish": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
      "Parameters": {"TopicArn": "${TopicArn}", "Message.$": "$"}, "End": true}}})");
  std::string scenario = dir.Write("orders.yaml", R"(sns: {topics: [{name: orders}]}
state_machines:
  - name: publisher
    definition_file: placeholder.json
    substitutions: {TopicArn: "arn:aws:sns:us-east-1:123456789012:orders"}
start: {state_machine: publisher}
)");
  CliResult from_scenario = RunSfnsim(
      "export " + with_placeholder + " --to cloudformation --scenario " + scenario, dir);
  ASSERT_EQ(from_scenario.exit_code, 0) << from_scenario.err;
  asl::Json scenario_doc = asl::Json::parse(from_scenario.out);
  EXPECT_EQ(scenario_doc["Parameters"]["TopicArn"]["Default"],
            "arn:aws:sns:us-east-1:123456789012:orders");
  EXPECT_EQ(scenario_doc["Resources"]["StateMachine"]["Properties"]["DefinitionSubstitutions"]
                        ["TopicArn"]["Ref"],
            "TopicArn");
  CliResult unknown = RunSfnsim("export " + with_placeholder + " --to sam --scenario " + scenario +
                                    " --state-machine nope", dir);
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("no state machine \"nope\" (state machines: publisher)"),
            std::string::npos)
      << unknown.err;

  CliResult not_asl = RunSfnsim("export " + kProductionTemplate + " --to sam", dir);
  EXPECT_EQ(not_asl.exit_code, 2);
  EXPECT_NE(not_asl.err.find("already a CloudFormation/SAM template"), std::string::npos)
      << not_asl.err;
}

}  // namespace
