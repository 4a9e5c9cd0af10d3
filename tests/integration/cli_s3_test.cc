// S3 from the command line: a scenario whose workflow writes and reads objects, with S3's requests
// and storage in the report's cost line, and the s3 section's errors located in the file.

#include <gtest/gtest.h>

#include "tests/integration/cli_test_util.h"

namespace {

using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

TEST(CliS3, AScenarioWritesAndReadsObjectsAndCostsThem) {
  ScratchDir dir;
  std::string scenario = dir.Write("s3.yaml", R"(
name: s3_copy
seed: 1
s3:
  buckets:
    - name: inbox
      objects: [{key: in/order.json, json: {id: 7}}]
state_machines:
  - name: copy
    definition:
      StartAt: Copy
      States:
        Copy:
          Type: Task
          Resource: arn:aws:states:::aws-sdk:s3:copyObject
          Parameters: {Bucket: inbox, Key: out/order.json, CopySource: inbox/in/order.json}
          ResultPath: null
          Next: Read
        Read:
          Type: Task
          Resource: arn:aws:states:::aws-sdk:s3:getObject
          Parameters: {Bucket: inbox, Key: out/order.json}
          OutputPath: $.Body
          End: true
start: {state_machine: copy, input: {}}
expect: {status: SUCCEEDED}
)");
  auto result = RunSfnsim("run " + scenario, dir);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find(", S3 $0.00 (2 requests and storage)"), std::string::npos)
      << result.out;
}

TEST(CliS3, ASectionErrorNamesFileAndLine) {
  ScratchDir dir;
  std::string world = dir.Write("world.yaml", R"(
s3:
  buckets:
    - name: Not_A_Bucket
)");
  std::string definition =
      dir.Write("def.json", R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})");
  auto result = RunSfnsim("execute --world " + world + " " + definition, dir);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("world.yaml:4"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("\"Not_A_Bucket\" is not a bucket name"), std::string::npos)
      << result.err;
}

}  // namespace
