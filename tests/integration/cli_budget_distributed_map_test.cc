// sfnsim budget and lint on Distributed Maps through the binary: the child execution's own
// budget (text and JSON), --check still agreeing on the parent, and the lint findings with the
// nested states' pointers and lines.

#include <gtest/gtest.h>

#include <string>

#include "asl/base/json.h"
#include "tests/integration/cli_test_util.h"

namespace {

using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

std::string Data(const std::string& name) {
  return std::string(SFNSIM_SOURCE_DIR) + "/tests/data/distributed_map/" + name;
}

TEST(CliBudgetDistributedMapTest, TextReportsTheChildsOwnHistory) {
  ScratchDir dir;
  auto r = RunSfnsim("budget " + Data("athena_csv_batches.asl.json"), dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  for (const char* line : {
           "\npaths (no loop):\n  ProcessRows: 8 = 8 events\n",
           "\ndistributed Map \"ProcessRows\" (top level):\n",
           "  this history: the Map's 6 events (MapStateEntered, MapStateStarted, MapRunStarted, "
           "MapRunSucceeded, MapStateSucceeded, MapStateExited), whatever the number of items; "
           "each child execution has a history of its own\n",
           "  child executions: EXPRESS, one per batch of at most 10 items (ItemBatcher "
           "MaxItemsPerBatch)\n",
           "  items: ItemReader arn:aws:states:::s3:getObject (CSV); results: ResultWriter "
           "arn:aws:states:::s3:putObject\n",
           "  one child's history, at most: 7 events nominal, 16 with every retry; margin 24,984 "
           "below the 25,000-event limit (not a limit for EXPRESS children)\n",
           "  EXPRESS: AWS keeps no history and enforces no event limit for EXPRESS child "
           "executions (their limit is 5 minutes)",
           "  the child, as an execution of its own (0 loops):\n    paths (no loop):\n"
           "      PublishRows: 7 = 7; every retry 16 = 16 events\n"}) {
    EXPECT_NE(r.out.find(line), std::string::npos) << line << "\n---\n" << r.out;
  }
}

TEST(CliBudgetDistributedMapTest, JsonAndTheChildsLoop) {
  ScratchDir dir;
  auto r = RunSfnsim("budget " + Data("csv_per_row_results_returned.asl.json") +
                         " --map-items 5000 --format json",
                     dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  asl::Json report = asl::Json::parse(r.out);
  EXPECT_TRUE(report["loops"].empty());
  EXPECT_EQ(report["paths"][0]["nominal_total"], 8);  // 5,000 items or not
  ASSERT_EQ(report["distributed_maps"].size(), 1u);
  const asl::Json& child = report["distributed_maps"][0];
  EXPECT_EQ(child["execution_type"], "STANDARD");
  EXPECT_EQ(child["child_limit"], 25'000);
  EXPECT_EQ(child["items_per_child"], 1);
  EXPECT_EQ(child["exports_results"], false);
  EXPECT_TRUE(child["largest_child_nominal"].is_null());  // a loop: see its routes
  const asl::Json& loop = child["child"]["loops"][0];
  EXPECT_EQ(loop["states"], asl::Json::parse(R"(["PublishRow", "More"])"));
  EXPECT_EQ(loop["routes"][0]["nominal"]["max_iterations"], 3570);
  EXPECT_EQ(loop["routes"][0]["every_retry"]["max_iterations"], 1562);

  // --loop finds a loop in a child.
  r = RunSfnsim("budget " + Data("csv_per_row_results_returned.asl.json") + " --loop More", dir);
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("    loop 1: 2 states\n"), std::string::npos) << r.out;
}

// --check runs the parent; its history has the Map's 6 events whatever the items.
TEST(CliBudgetDistributedMapTest, CheckAgreesOnTheParent) {
  ScratchDir dir;
  std::string file = dir.Write("sm.json", R"({"StartAt": "M", "States": {"M": {"Type": "Map",
    "ItemsPath": "$.items", "MaxConcurrency": 2, "End": true,
    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
      "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}})");
  std::string input = dir.Write("in.json", R"({"items": [1, 2, 3, 4, 5]})");
  auto r = RunSfnsim("budget " + file + " --check --input " + input + " --format json", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  asl::Json report = asl::Json::parse(r.out);
  EXPECT_EQ(report["check"]["differ"], 0) << r.out;
  for (const asl::Json& run : report["check"]["runs"]) {
    EXPECT_EQ(run["recorded_events"], 8) << run.dump();
  }
  EXPECT_EQ(report["distributed_maps"][0]["largest_child_nominal"], 4);
}

TEST(CliLintDistributedMapTest, FindingsNameTheNestedPointer) {
  ScratchDir dir;
  auto r = RunSfnsim("lint " + Data("csv_per_row_results_returned.asl.json") + " --format json",
                     dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  asl::Json report = asl::Json::parse(r.out);
  ASSERT_EQ(report["findings"].size(), 2u) << r.out;
  EXPECT_EQ(report["findings"][0]["code"], "SFN1302");
  EXPECT_EQ(report["findings"][0]["pointer"], "/States/ProcessRows");
  EXPECT_EQ(report["findings"][0]["line"], 5);
  EXPECT_EQ(report["findings"][1]["code"], "SFN1106");
  EXPECT_EQ(report["findings"][1]["pointer"], "/States/ProcessRows/ItemProcessor/States/PublishRow");
  EXPECT_EQ(report["findings"][1]["line"], 17);

  r = RunSfnsim("lint " + Data("athena_csv_batches.asl.json"), dir);
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("0 errors, 0 warnings, 0 info"), std::string::npos) << r.out;
  r = RunSfnsim("lint --list-codes", dir);
  EXPECT_NE(r.out.find("SFN1302  warning"), std::string::npos) << r.out;
}

// EXPRESS children support only request-response integrations: AWS's rule for EXPRESS
// workflows, which validation applies to them (an invalid definition, before lint's rules).
TEST(CliLintDistributedMapTest, ExpressChildWithCallbackIsInvalid) {
  ScratchDir dir;
  std::string file = dir.Write("sm.json", R"({"StartAt": "M", "States": {"M": {"Type": "Map",
    "ItemsPath": "$.items", "MaxConcurrency": 2, "End": true,
    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
      "StartAt": "T", "States": {"T": {"Type": "Task",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"QueueUrl": "q", "MessageBody.$": "$$.Task.Token"}, "End": true}}}}}})");
  auto r = RunSfnsim("lint " + file, dir);
  EXPECT_EQ(r.exit_code, 1) << r.err << r.out;
  EXPECT_NE(r.err.find("/States/M/ItemProcessor/States/T/Resource"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("EXPRESS state machines do not support '.waitForTaskToken'"),
            std::string::npos)
      << r.err;
}

// graph draws a Distributed Map's S3 source and sink in its label, as it draws a Task's resource.
TEST(CliGraphDistributedMapTest, ReaderAndWriterInTheLabel) {
  ScratchDir dir;
  auto r = RunSfnsim("graph " + Data("athena_csv_batches.asl.json"), dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("label=\"ProcessRows\\n(Map)\\nitems: ItemReader "
                       "arn:aws:states:::s3:getObject (CSV)\\nresults: ResultWriter "
                       "arn:aws:states:::s3:putObject\""),
            std::string::npos)
      << r.out;
}

}  // namespace
