// History budget of a Distributed Map: the parent writes the Map's 6 events whatever the items;
// each child execution (one per item, or per batch) is budgeted as an execution of its own.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "asl/analysis/budget_json.h"
#include "asl/analysis/budget_report.h"
#include "asl/analysis/child_budget.h"
#include "asl/analysis/distributed_map_facts.h"
#include "asl/analysis/history_budget.h"
#include "asl/analysis/state_graph.h"
#include "asl/base/json.h"
#include "asl/load/definition_file.h"
#include "asl/validate/definition_parser.h"

namespace asl {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<StateMachine> ParseText(const std::string& text) {
  ParsedDefinition parsed = ParseDefinition(Json::parse(text));
  for (const Diagnostic& d : parsed.diagnostics.items()) {
    if (d.severity == Severity::kError) ADD_FAILURE() << d.pointer << ": " << d.message;
  }
  return std::move(parsed.machine);
}

std::unique_ptr<StateMachine> ParseData(const std::string& name) {
  DefinitionFile file = ReadDefinitionFile(
      (fs::path(SFNSIM_SOURCE_DIR) / "tests" / "data" / "distributed_map" / name).string(),
      LoadOptions{});
  EXPECT_TRUE(file.valid()) << name;
  return std::move(file.parsed.machine);
}

BudgetReport Analyze(const StateMachine& machine, BudgetOptions options = {}) {
  StateGraph graph = StateGraph::Build(machine);
  return AnalyzeHistoryBudget(machine, graph, options);
}

// AWS's "process a CSV from Athena" shape: CSV ItemReader, batches of 10, EXPRESS children with
// one retried sns:publishBatch, results to S3.
TEST(DistributedMapBudgetTest, CsvBatchesChildIsBudgetedAsAnExecution) {
  auto machine = ParseData("athena_csv_batches.asl.json");
  ASSERT_TRUE(machine);
  BudgetReport report = Analyze(*machine);
  // The parent: ExecutionStarted, the Map's 6, ExecutionSucceeded.
  ASSERT_EQ(report.paths.size(), 1u);
  EXPECT_EQ(report.paths[0].nominal.ToString(), "8");
  EXPECT_EQ(report.paths[0].nominal_total, 8);
  ASSERT_EQ(report.children.size(), 1u);
  const ChildBudget& child = report.children[0];
  EXPECT_EQ(child.map->name, "ProcessRows");
  EXPECT_EQ(child.scope_title, "");
  EXPECT_TRUE(child.express);
  EXPECT_EQ(child.parent_events, 6);
  // The child: ExecutionStarted, the Task's 5, ExecutionSucceeded; with every retry 3 failed
  // attempts of 3 events each.
  ASSERT_EQ(child.report.paths.size(), 1u);
  EXPECT_EQ(FormatPath(child.report.paths[0].path), "PublishRows");
  EXPECT_EQ(child.report.paths[0].nominal_total, 7);
  EXPECT_EQ(child.report.paths[0].every_retry_total, 16);
  EXPECT_EQ(child.largest_nominal, 7);
  EXPECT_EQ(child.largest_every_retry, 16);
  ChildBatching batching = BatchingOf(*child.map);
  EXPECT_TRUE(batching.batched);
  EXPECT_EQ(batching.max_items, 10);
  EXPECT_FALSE(batching.max_items_from_input);
  EXPECT_EQ(DescribeBatching(batching),
            "one per batch of at most 10 items (ItemBatcher MaxItemsPerBatch)");
  EXPECT_EQ(DescribeItemSource(*child.map), "ItemReader arn:aws:states:::s3:getObject (CSV)");
  EXPECT_EQ(DescribeResultSink(*child.map), "ResultWriter arn:aws:states:::s3:putObject");
}

TEST(DistributedMapBudgetTest, ParentEventsDoNotGrowWithTheItems) {
  auto machine = ParseData("athena_csv_batches.asl.json");
  ASSERT_TRUE(machine);
  BudgetOptions options;
  ASSERT_TRUE(options.map_items.Parse("100000", nullptr));
  BudgetReport report = Analyze(*machine, options);
  ASSERT_EQ(report.paths.size(), 1u);
  EXPECT_TRUE(report.paths[0].nominal.terms.empty());
  EXPECT_EQ(report.paths[0].nominal_total, 8);
  EXPECT_EQ(report.paths[0].every_retry_total, 8);
}

// A loop in the child writes into the child's history: it is the child's top-level loop, with
// ways in and out and the iterations that fit, and not a loop of the parent.
TEST(DistributedMapBudgetTest, LoopInTheChildIsTheChildsOwn) {
  auto machine = ParseData("csv_per_row_results_returned.asl.json");
  ASSERT_TRUE(machine);
  BudgetReport report = Analyze(*machine);
  EXPECT_TRUE(report.loops.empty());
  ASSERT_EQ(report.paths.size(), 1u);
  EXPECT_EQ(report.paths[0].nominal_total, 8);
  ASSERT_EQ(report.children.size(), 1u);
  const ChildBudget& child = report.children[0];
  EXPECT_FALSE(child.express);
  EXPECT_EQ(DescribeBatching(BatchingOf(*child.map)), "one per item (no ItemBatcher)");
  ASSERT_EQ(child.report.loops.size(), 1u);
  const Loop& loop = child.report.loops[0];
  EXPECT_EQ(loop.scope, 0);
  ASSERT_EQ(loop.routes.size(), 1u);
  // 1 + 7 per iteration (PublishRow 5, More 2) + Done 2 + the terminal event <= 25,000.
  EXPECT_EQ(loop.routes[0].nominal.max_iterations, 3570);
  EXPECT_EQ(loop.routes[0].nominal.events_at_max, 24'994);
  // Every retry: PublishRow 5 + 3 retried attempts × 3.
  EXPECT_EQ(loop.routes[0].every_retry.max_iterations, 1562);
  EXPECT_FALSE(child.largest_nominal.has_value());
  EXPECT_TRUE(HasAnyLoop(report));
}

constexpr const char* kNested = R"J({"StartAt": "P", "States": {
  "P": {"Type": "Parallel", "End": true, "Branches": [
    {"StartAt": "Outer", "States": {"Outer": {"Type": "Map", "ItemsPath": "$.rows", "End": true,
      "ItemBatcher": {"MaxItemsPerBatchPath": "$.batch"},
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Each", "States": {
          "Each": {"Type": "Map", "ItemsPath": "$.Items", "Next": "Inner",
            "ItemProcessor": {"StartAt": "Add", "States": {"Add": {"Type": "Pass", "End": true}}}},
          "Inner": {"Type": "Map", "ItemsPath": "$.Items", "End": true,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
              "StartAt": "Leaf", "States": {"Leaf": {"Type": "Pass", "End": true}}}}}}}}}]}}})J";

// A Distributed Map in a Parallel branch is a child of the machine; one in a child's item
// processor is a child of that child. Inline Maps in a child take their items from --map-items.
TEST(DistributedMapBudgetTest, NestedChildrenAndInlineMapsInAChild) {
  auto machine = ParseText(kNested);
  ASSERT_TRUE(machine);
  BudgetOptions options;
  ASSERT_TRUE(options.map_items.Parse("Each=10", nullptr));
  BudgetReport report = Analyze(*machine, options);
  ASSERT_EQ(report.children.size(), 1u);
  const ChildBudget& outer = report.children[0];
  EXPECT_EQ(outer.map->name, "Outer");
  EXPECT_EQ(outer.scope_title, "Parallel \"P\" branch 0");
  ChildBatching batching = BatchingOf(*outer.map);
  EXPECT_TRUE(batching.batched);
  EXPECT_FALSE(batching.max_items.has_value());
  EXPECT_TRUE(batching.max_items_from_input);
  // Outer's child: 1 + Each (4 + 10 × (2 + 2)) + Inner 6 + 1.
  EXPECT_EQ(outer.largest_nominal, 1 + 4 + 10 * 4 + 6 + 1);
  ASSERT_EQ(outer.report.children.size(), 1u);
  const ChildBudget& inner = outer.report.children[0];
  EXPECT_EQ(inner.map->name, "Inner");
  EXPECT_EQ(inner.scope_title, "");  // the top level of Outer's child
  EXPECT_TRUE(inner.express);
  EXPECT_EQ(inner.largest_nominal, 1 + 2 + 1);
  EXPECT_FALSE(HasAnyLoop(report));
}

TEST(DistributedMapBudgetTest, UnknownInlineItemsInAChild) {
  auto machine = ParseText(kNested);
  ASSERT_TRUE(machine);
  BudgetReport report = Analyze(*machine);
  ASSERT_EQ(report.children.size(), 1u);
  EXPECT_FALSE(report.children[0].largest_nominal.has_value());
}

TEST(DistributedMapBudgetTest, TextAndJson) {
  auto machine = ParseData("athena_csv_batches.asl.json");
  ASSERT_TRUE(machine);
  BudgetReport report = Analyze(*machine);
  std::string text = FormatBudgetText({"sm.json", kHistoryLimit, 0, {}, false}, report);
  EXPECT_NE(text.find("distributed Map \"ProcessRows\" (top level):\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("whatever the number of items"), std::string::npos) << text;
  EXPECT_NE(text.find("  child executions: EXPRESS, one per batch of at most 10 items"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  one child's history, at most: 7 events nominal, 16 with every retry; "
                      "margin 24,984 below the 25,000-event limit (not a limit for EXPRESS "
                      "children)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("      PublishRows: 7 = 7; every retry 16 = 16 events\n"), std::string::npos)
      << text;

  Json json = BudgetReportJson("sm.json", kHistoryLimit, 0, report, false);
  ASSERT_EQ(json["distributed_maps"].size(), 1u);
  const Json& child = json["distributed_maps"][0];
  EXPECT_EQ(child["map"], "ProcessRows");
  EXPECT_EQ(child["pointer"], "/States/ProcessRows");
  EXPECT_EQ(child["execution_type"], "EXPRESS");
  EXPECT_EQ(child["parent_events"], 6);
  EXPECT_EQ(child["parent_events_grow_with_items"], false);
  EXPECT_EQ(child["items_per_child"], 10);
  EXPECT_EQ(child["batching"]["max_items"], 10);
  EXPECT_EQ(child["largest_child_nominal"], 7);
  EXPECT_EQ(child["largest_child_every_retry"], 16);
  EXPECT_EQ(child["margin_below_limit"], 24'984);
  EXPECT_TRUE(child["child_limit"].is_null());
  EXPECT_EQ(child["child"]["paths"][0]["path"], "PublishRows");
  EXPECT_EQ(child["child"]["paths"][0]["nominal_total"], 7);
  EXPECT_EQ(json["paths"][0]["nominal_total"], 8);
}

}  // namespace
}  // namespace asl
