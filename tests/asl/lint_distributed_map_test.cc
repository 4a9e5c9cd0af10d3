// Lint of Distributed Maps: SFN1302 (an ItemReader's results returned as the Map's output), the
// child's loops checked as the child execution's own, and the rules that walk into item
// processors reporting the nested state's JSON pointer.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "asl/analysis/lint.h"
#include "asl/analysis/state_graph.h"
#include "asl/base/json.h"
#include "asl/load/definition_file.h"
#include "asl/validate/definition_parser.h"

namespace asl {
namespace {

namespace fs = std::filesystem;

// "SFN1302 warning ProcessRows /States/ProcessRows" per finding.
std::vector<std::string> Summary(const std::vector<LintFinding>& findings) {
  std::vector<std::string> out;
  for (const LintFinding& f : findings) {
    out.push_back(fmt::format("{} {} {} {}", LintCodeString(f.code), LintSeverityName(f.severity),
                              f.state, f.pointer));
  }
  return out;
}

std::vector<LintFinding> LintDistributed(const std::string& text, LintOptions options = {}) {
  Json document = Json::parse(text);
  ParsedDefinition parsed = ParseDefinition(document);
  for (const Diagnostic& d : parsed.diagnostics.items()) {
    if (d.severity == Severity::kError) ADD_FAILURE() << d.pointer << ": " << d.message;
  }
  if (!parsed.machine) return {};
  StateGraph graph = StateGraph::Build(*parsed.machine);
  return LintDefinition(*parsed.machine, graph, &document, options);
}

std::vector<LintFinding> LintData(const std::string& name) {
  DefinitionFile file = ReadDefinitionFile(
      (fs::path(SFNSIM_SOURCE_DIR) / "tests" / "data" / "distributed_map" / name).string(),
      LoadOptions{});
  EXPECT_TRUE(file.valid()) << name;
  if (!file.valid()) return {};
  StateGraph graph = StateGraph::Build(*file.parsed.machine);
  return LintDefinition(*file.parsed.machine, graph, &file.loaded.definition, {});
}

const LintFinding* Find(const std::vector<LintFinding>& findings, LintCode code) {
  for (const LintFinding& f : findings) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

TEST(LintDistributedMapTest, CodeIsStable) {
  EXPECT_EQ(LintCodeString(LintCode::kDistributedResultsReturned), "SFN1302");
  EXPECT_EQ(LintCodeSeverity(LintCode::kDistributedResultsReturned), LintSeverity::kWarning);
}

// The CSV batches with a ResultWriter to S3, a retried publishBatch, MaxConcurrency: clean.
TEST(LintDistributedMapTest, CsvBatchesWithResultWriterIsClean) {
  EXPECT_EQ(Summary(LintData("athena_csv_batches.asl.json")), std::vector<std::string>{});
}

// Without a ResultWriter the children's outputs come back as the Map's result (SFN1302), and the
// STANDARD child's loop is a loop of the child's own history, at the nested state's pointer.
TEST(LintDistributedMapTest, ResultsReturnedAndTheChildsLoop) {
  std::vector<LintFinding> findings = LintData("csv_per_row_results_returned.asl.json");
  EXPECT_EQ(Summary(findings),
            (std::vector<std::string>{
                "SFN1302 warning ProcessRows /States/ProcessRows",
                "SFN1106 warning PublishRow /States/ProcessRows/ItemProcessor/States/PublishRow"}));
  const LintFinding* returned = Find(findings, LintCode::kDistributedResultsReturned);
  ASSERT_TRUE(returned);
  EXPECT_NE(returned->message.find("ItemReader arn:aws:states:::s3:getObject (CSV)"),
            std::string::npos)
      << returned->message;
  EXPECT_NE(returned->message.find("262,144 bytes"), std::string::npos);
  EXPECT_NE(returned->message.find("States.DataLimitExceeded"), std::string::npos);
  EXPECT_NE(returned->message.find("arn:aws:states:::s3:putObject"), std::string::npos);
  const LintFinding* loop = Find(findings, LintCode::kDataBoundLoop);
  ASSERT_TRUE(loop);
  EXPECT_EQ(loop->path, "PublishRow -> More -> PublishRow");
  EXPECT_NE(loop->message.find("(in the child executions of distributed Map \"ProcessRows\")"),
            std::string::npos)
      << loop->message;
  // The child's own budget: 3,570 iterations fit in a child.
  EXPECT_NE(loop->message.find("at most 3,570 iterations fit"), std::string::npos)
      << loop->message;
  EXPECT_EQ(Find(findings, LintCode::kNestedLoop), nullptr);
}

std::string MapWith(const std::string& fields, const std::string& execution_type = "STANDARD") {
  return R"({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "MaxConcurrency": 5,
    "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2",
                   "Parameters": {"Bucket": "b", "Prefix": "p"}},
    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": ")" +
         execution_type + R"("},
      "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})" +
         fields + "}}}";
}

TEST(LintDistributedMapTest, ResultsReturnedUnlessExportedOrDropped) {
  EXPECT_EQ(Summary(LintDistributed(MapWith(""))),
            std::vector<std::string>{"SFN1302 warning M /States/M"});
  // A ResultWriter with only a WriterConfig formats the results and still returns them.
  std::vector<LintFinding> config_only = LintDistributed(MapWith(
      R"(, "ResultWriter": {"WriterConfig": {"OutputType": "JSON", "Transformation": "COMPACT"}})"));
  ASSERT_EQ(Summary(config_only), std::vector<std::string>{"SFN1302 warning M /States/M"});
  EXPECT_NE(config_only[0].message.find("its ResultWriter has no Resource"), std::string::npos);
  // Exported, discarded, or shaped by the definition: nothing.
  EXPECT_TRUE(LintDistributed(MapWith(R"(, "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
      "Parameters": {"Bucket": "b", "Prefix": "out"}})")).empty());
  EXPECT_TRUE(LintDistributed(MapWith(R"(, "ResultPath": null)")).empty());
  EXPECT_TRUE(LintDistributed(MapWith(R"(, "OutputPath": null)")).empty());
  EXPECT_TRUE(LintDistributed(MapWith(R"J(, "ResultSelector": {"count.$": "States.ArrayLength($)"})J"))
                  .empty());
  // Items from the state input (no ItemReader): the input already had to fit in 256 KiB.
  EXPECT_TRUE(LintDistributed(R"({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
    "MaxConcurrency": 5, "ItemsPath": "$.items",
    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
      "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}})")
                  .empty());
}

// An EXPRESS child has no history limit: no SFN11xx for its loop, but a loop it cannot leave is
// still SFN1001 and the states leading only into it SFN1000.
TEST(LintDistributedMapTest, ExpressChildLoopHasNoHistoryFindings) {
  const std::string loop_child = R"({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
    "MaxConcurrency": 5, "ItemsPath": "$.items",
    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "%s"},
      "StartAt": "Poll", "States": {
        "Poll": {"Type": "Wait", "Seconds": 5, "Next": "Done?"},
        "Done?": {"Type": "Choice", "Choices": [{"Variable": "$.done", "BooleanEquals": true,
                                                  "Next": "Ok"}], "Default": "Poll"},
        "Ok": {"Type": "Succeed"}}}}}})";
  auto with_type = [&](const std::string& type) {
    std::string text = loop_child;
    text.replace(text.find("%s"), 2, type);
    return text;
  };
  EXPECT_EQ(Summary(LintDistributed(with_type("EXPRESS"))), std::vector<std::string>{});
  EXPECT_EQ(Summary(LintDistributed(with_type("STANDARD"))),
            std::vector<std::string>{
                "SFN1106 warning Poll /States/M/ItemProcessor/States/Poll"});
  std::vector<LintFinding> closed = LintDistributed(R"({"StartAt": "M", "States": {"M": {"Type": "Map",
    "End": true, "MaxConcurrency": 5, "ItemsPath": "$.items",
    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
      "StartAt": "Route", "States": {
        "Route": {"Type": "Choice", "Default": "Done",
                  "Choices": [{"Variable": "$.spin", "IsPresent": true, "Next": "Prepare"}]},
        "Prepare": {"Type": "Pass", "Next": "Spin"},
        "Spin": {"Type": "Wait", "Seconds": 1, "Next": "Spin"},
        "Done": {"Type": "Succeed"}}}}}})");
  EXPECT_EQ(Summary(closed),
            (std::vector<std::string>{
                "SFN1000 error Prepare /States/M/ItemProcessor/States/Prepare",
                "SFN1001 error Spin /States/M/ItemProcessor/States/Spin"}));
}

// Rules on states walk into inline and distributed item processors alike and name the nested
// state's pointer.
TEST(LintDistributedMapTest, TaskRulesReachIntoItemProcessors) {
  std::vector<LintFinding> findings = LintDistributed(R"({"StartAt": "Inline", "States": {
    "Inline": {"Type": "Map", "ItemsPath": "$.a", "MaxConcurrency": 2, "Next": "Dist",
      "ItemProcessor": {"StartAt": "A", "States": {"A": {"Type": "Task",
        "Resource": "arn:aws:states:::sqs:sendMessage",
        "Parameters": {"QueueUrl": "q", "MessageBody": "m"}, "End": true}}}},
    "Dist": {"Type": "Map", "ItemsPath": "$.b", "MaxConcurrency": 2, "End": true,
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "B", "States": {"B": {"Type": "Task",
          "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters": {"QueueUrl": "q", "MessageBody.$": "$$.Task.Token"}, "End": true}}}}}})");
  EXPECT_EQ(Summary(findings),
            (std::vector<std::string>{
                "SFN1200 warning A /States/Inline/ItemProcessor/States/A",
                "SFN1200 warning B /States/Dist/ItemProcessor/States/B",
                "SFN1301 warning B /States/Dist/ItemProcessor/States/B"}));
}

}  // namespace
}  // namespace asl
