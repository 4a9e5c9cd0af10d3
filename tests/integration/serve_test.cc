// sfnsim serve through real clients: boto3 and the AWS CLI from the machine's Python, pointed at
// a server each test starts (`--port 0`) and stops with SIGTERM.

#include <gtest/gtest.h>

#include <string>

#include "asl/base/json.h"
#include "tests/integration/cli_test_util.h"
#include "tests/integration/sfnsim_server.h"

namespace {

using sfnsim_test::CliResult;
using sfnsim_test::RunClient;
using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;
using sfnsim_test::SfnsimServer;

const std::string kServeDir = std::string(SFNSIM_SOURCE_DIR) + "/tests/integration/serve";

class ServeTest : public testing::Test {
 protected:
  // Starts the server with `flags`; fails the test if it does not come up.
  void Serve(std::vector<std::string> flags) {
    const std::string error = server_.Start(flags, dir_.Path("server.log"));
    ASSERT_EQ(error, "") << error;
  }
  // Stops it and checks that it shut down cleanly.
  void ExpectCleanShutdown() {
    EXPECT_EQ(server_.Stop(), 0) << server_.log();
    EXPECT_NE(server_.log().find("sfnsim serve: stopped"), std::string::npos) << server_.log();
  }

  ScratchDir dir_;
  SfnsimServer server_;
};

TEST_F(ServeTest, Boto3SuitePasses) {
  Serve({"--world", kServeDir + "/world.yaml"});
  CliResult r = RunClient("python3 " + kServeDir + "/boto3_suite.py " + server_.url(), dir_);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err << server_.log();
  EXPECT_NE(r.out.find("0 failed"), std::string::npos) << r.out;
  ExpectCleanShutdown();
}

TEST_F(ServeTest, MockTutorialSuitePassesWithTheAwsCli) {
  Serve({"--world", kServeDir + "/world.yaml", "--mock-config", kServeDir + "/MockConfigFile.json"});
  CliResult r = RunClient(kServeDir + "/mock_tutorial.sh " + server_.url() + " " + kServeDir, dir_);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err << server_.log();
  EXPECT_NE(r.out.find("ok retry_path_waited_for_its_backoff"), std::string::npos) << r.out;
  ExpectCleanShutdown();
}

// The history the AWS CLI reads from the server is the one `sfnsim execute --history` writes for
// the same definition, input, names and seed: the same events, details and timestamps.
TEST_F(ServeTest, ServedHistoryEqualsExecuteHistory) {
  const std::string definition = dir_.Write("machine.asl.json", R"json({
    "StartAt": "Ids",
    "States": {
      "Ids": {"Type": "Pass", "Parameters": {"id.$": "States.UUID()", "items.$": "$.items"},
              "Next": "Each"},
      "Each": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.doubled",
               "ItemProcessor": {"StartAt": "Double", "States": {
                 "Double": {"Type": "Pass", "Parameters": {"v.$": "States.MathAdd($, $)"},
                            "End": true}}},
               "Next": "Pause"},
      "Pause": {"Type": "Wait", "Seconds": 90, "Next": "Pick"},
      "Pick": {"Type": "Choice",
               "Choices": [{"Variable": "$.doubled[0].v", "NumericEquals": 2, "Next": "Done"}],
               "Default": "Failed"},
      "Failed": {"Type": "Fail", "Error": "Unexpected"},
      "Done": {"Type": "Succeed"}
    }
  })json");
  const std::string input = dir_.Write("input.json", R"json({"items": [1, 2, 3]})json");
  const std::string history = dir_.Path("history.json");
  CliResult executed =
      RunSfnsim("execute " + definition + " --input " + input + " --seed 42 --name run-1 " +
                    "--state-machine-name Compared --history " + history,
                dir_);
  ASSERT_EQ(executed.exit_code, 0) << executed.err;

  Serve({"--seed", "42"});
  const std::string aws = "aws stepfunctions --endpoint-url " + server_.url() + " ";
  CliResult created = RunClient(aws + "create-state-machine --name Compared --definition file://" +
                                    definition +
                                    " --role-arn arn:aws:iam::123456789012:role/sfnsim-execution-role",
                                dir_);
  ASSERT_EQ(created.exit_code, 0) << created.err;
  CliResult started = RunClient(
      aws + "start-execution --name run-1 --input file://" + input +
          " --state-machine-arn arn:aws:states:us-east-1:123456789012:stateMachine:Compared",
      dir_);
  ASSERT_EQ(started.exit_code, 0) << started.err;
  // Pages of 5 events: the CLI follows the tokens and joins them.
  CliResult served = RunClient(
      aws + "get-execution-history --page-size 5 --execution-arn "
            "arn:aws:states:us-east-1:123456789012:execution:Compared:run-1",
      dir_);
  ASSERT_EQ(served.exit_code, 0) << served.err;
  const asl::Json from_server = asl::Json::parse(served.out);
  const asl::Json from_execute = asl::Json::parse(ScratchDir::Read(history));
  ASSERT_GT(from_execute["events"].size(), 10u);
  // Compared as text with the keys in the order each was written.
  EXPECT_EQ(asl::Dump(from_server), asl::Dump(from_execute));
  ExpectCleanShutdown();
}

TEST_F(ServeTest, MalformedRequestsGetAwsErrorShapesAndTheServerStaysUp) {
  Serve({});
  const std::string script = dir_.Write("malformed.py", R"py(
import http.client, json, sys
port = int(sys.argv[1])
def call(method, path, body=b"", headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data
target = lambda a: {"X-Amz-Target": "AWSStepFunctions." + a,
                    "Content-Type": "application/x-amz-json-1.0"}
cases = [
  ("POST", "/", b"{}", {}, 400, "UnknownOperationException"),
  ("POST", "/", b"{}", target("NoSuchAction"), 400, "UnknownOperationException"),
  ("POST", "/", b"{not json", target("ListStateMachines"), 400, "SerializationException"),
  ("POST", "/", b"[1,2]", target("ListStateMachines"), 400, "SerializationException"),
  ("POST", "/", b'{"stateMachineArn": 7}', target("DescribeStateMachine"), 400, "SerializationException"),
  ("POST", "/", b"{}", target("DescribeStateMachine"), 400, "ValidationException"),
  ("POST", "/", b'{"maxResults": 5000}', target("ListStateMachines"), 400, "ValidationException"),
  ("POST", "/", b"\xff\xfe\x00garbage", target("StartExecution"), 400, "SerializationException"),
  ("GET", "/nothing", b"", {}, 404, "UnknownOperationException"),
  ("POST", "/", b'{"definition": "' + b"x" * (5 << 20) + b'"}', target("ValidateStateMachineDefinition"), 413, "ValidationException"),
]
bad = 0
for method, path, body, headers, status, code in cases:
    got_status, data = call(method, path, body, headers)
    got = json.loads(data) if data else {}
    if got_status != status or not got.get("__type", "").endswith(code) or not got.get("message"):
        bad += 1
        print("FAIL", method, path, headers.get("X-Amz-Target"), got_status, data[:200])
status, data = call("GET", "/health")
health = json.loads(data)
if status != 200 or health["status"] != "ok" or health["clock"] != "virtual":
    bad += 1
    print("FAIL health", status, data)
print(bad, "failed")
sys.exit(1 if bad else 0)
)py");
  CliResult r = RunClient("python3 " + script + " " + std::to_string(server_.port()), dir_);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err << server_.log();
  ExpectCleanShutdown();
}

TEST_F(ServeTest, RetentionForgetsTheOldestEndedExecutionsAndVerboseLogsEachRequest) {
  Serve({"--retain", "5", "--verbose"});
  const std::string script = dir_.Write("retain.py", R"py(
import boto3, json, sys
sfn = boto3.client("stepfunctions", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="t", aws_secret_access_key="t")
arn = sfn.create_state_machine(name="R", roleArn="arn:aws:iam::123456789012:role/r",
    definition=json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}))["stateMachineArn"]
runs = [sfn.start_execution(stateMachineArn=arn, name=f"r{i}")["executionArn"] for i in range(20)]
listed = sfn.list_executions(stateMachineArn=arn)["executions"]
assert [e["name"] for e in listed] == [f"r{i}" for i in range(19, 14, -1)], listed
assert sfn.describe_execution(executionArn=runs[-1])["status"] == "SUCCEEDED"
try:
    sfn.describe_execution(executionArn=runs[0])
    raise AssertionError("r0 is still there")
except sfn.exceptions.ExecutionDoesNotExist:
    pass
# A forgotten name can be used again.
sfn.start_execution(stateMachineArn=arn, name="r0")
print("ok")
)py");
  CliResult r = RunClient("python3 " + script + " " + server_.url(), dir_);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err << server_.log();
  ExpectCleanShutdown();
  EXPECT_NE(server_.log().find(" StartExecution 200 "), std::string::npos) << server_.log();
  EXPECT_NE(server_.log().find(" DescribeExecution 400 "), std::string::npos) << server_.log();
}

TEST_F(ServeTest, BadFlagsAreRefusedBeforeListening) {
  CliResult r = RunSfnsim("serve --time sometimes", dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--time \"sometimes\": expected virtual, real or scale=N"),
            std::string::npos)
      << r.err;
  r = RunSfnsim("serve --mock-config " + dir_.Write("m.json", "{\"StateMachines\": 3}"), dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("m.json"), std::string::npos) << r.err;
  r = RunSfnsim("serve --world " + dir_.Path("missing.yaml"), dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing.yaml"), std::string::npos) << r.err;
}

TEST_F(ServeTest, ScaledClockRunsWaitsInWallTime) {
  Serve({"--time", "scale=100"});
  const std::string script = dir_.Write("scaled.py", R"py(
import boto3, json, sys, time
sfn = boto3.client("stepfunctions", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="t", aws_secret_access_key="t")
arn = sfn.create_state_machine(name="W", roleArn="arn:aws:iam::123456789012:role/r",
    definition=json.dumps({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 100, "End": True}}}))["stateMachineArn"]
t0 = time.monotonic()
ex = sfn.start_execution(stateMachineArn=arn)["executionArn"]
assert sfn.describe_execution(executionArn=ex)["status"] == "RUNNING"
while sfn.describe_execution(executionArn=ex)["status"] == "RUNNING":
    time.sleep(0.05)
    assert time.monotonic() - t0 < 20, "never finished"
took = time.monotonic() - t0
d = sfn.describe_execution(executionArn=ex)
assert d["status"] == "SUCCEEDED", d
# 100 s of the simulation at 100x: about a second of wall time.
assert 0.8 < took < 5, took
span = (d["stopDate"] - d["startDate"]).total_seconds()
assert 99.5 <= span <= 101.5, span
print("ok", took)
)py");
  CliResult r = RunClient("python3 " + script + " " + server_.url(), dir_);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err << server_.log();
  ExpectCleanShutdown();
}

}  // namespace
