// DynamoDB from the command line: `sfnsim execute --world` with a world that declares a table
// (items from a file), and the world file's errors located.

#include <gtest/gtest.h>

#include "tests/integration/cli_test_util.h"

namespace {

using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

TEST(CliDynamoDb, ExecuteReadsAndWritesTheWorldsTable) {
  ScratchDir dir;
  dir.Write("items.json", R"([{"id": {"S": "a"}, "n": {"N": "1"}}])");
  std::string world = dir.Write("world.yaml", R"(
dynamodb:
  tables:
    - name: counters
      key_schema: {partition: {name: id, type: S}}
      items_file: items.json
)");
  std::string definition = dir.Write("def.json", R"({"StartAt": "Bump", "States": {
    "Bump": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:updateItem",
             "Parameters": {"TableName": "counters", "Key": {"id": {"S": "a"}},
                            "UpdateExpression": "SET n = n + :one",
                            "ExpressionAttributeValues": {":one": {"N": "41"}},
                            "ReturnValues": "ALL_NEW"},
             "OutputPath": "$.Attributes.n", "Next": "Get"},
    "Get": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:getItem",
            "Parameters": {"TableName": "counters", "Key": {"id": {"S": "a"}}},
            "OutputPath": "$.Item.n.N", "End": true}}})");
  auto result = RunSfnsim("execute --world " + world + " " + definition, dir);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("\"status\": \"SUCCEEDED\""), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("\\\"42\\\""), std::string::npos) << result.out;
}

TEST(CliDynamoDb, AWorldSectionErrorNamesFileAndPointer) {
  ScratchDir dir;
  std::string world = dir.Write("world.yaml", R"(
dynamodb:
  tables:
    - name: counters
      key_schema: {partition: {name: id, type: BOOL}}
)");
  std::string definition = dir.Write("def.json", R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})");
  auto result = RunSfnsim("execute --world " + world + " " + definition, dir);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("world.yaml:5"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("\"BOOL\" is not a key attribute type (S, N or B)"), std::string::npos)
      << result.err;
}

}  // namespace
