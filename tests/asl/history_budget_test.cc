// History budget: events per state and integration pattern, retries, loops and their routes,
// and the reference pipeline's figures from docs/pipeline.md (first iteration dies after 3,564
// records; the executors hand over after 3 pages with 21,047 / 21,054 events).

#include "asl/analysis/history_budget.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "asl/analysis/state_graph.h"
#include "asl/base/json.h"
#include "asl/load/definition_file.h"
#include "asl/validate/definition_parser.h"

namespace asl {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<StateMachine> BudgetParse(const std::string& text) {
  ParsedDefinition parsed = ParseDefinition(Json::parse(text));
  for (const Diagnostic& d : parsed.diagnostics.items()) {
    if (d.severity == Severity::kError) ADD_FAILURE() << d.pointer << ": " << d.message;
  }
  return std::move(parsed.machine);
}

std::unique_ptr<StateMachine> BudgetFixture(const std::string& name) {
  DefinitionFile file = ReadDefinitionFile(
      (fs::path(SFNSIM_SOURCE_DIR) / "fixtures" / "definitions" / name).string(), LoadOptions{});
  EXPECT_TRUE(file.valid()) << name;
  return std::move(file.parsed.machine);
}

BudgetReport AnalyzeBudget(const StateMachine& machine, BudgetOptions options = {}) {
  StateGraph graph = StateGraph::Build(machine);
  return AnalyzeHistoryBudget(machine, graph, options);
}

// A one-state machine around `state` (a JSON object without Next/End), ending with End.
int64_t OneStateTotal(const std::string& state, BudgetCase c = BudgetCase::kNominal,
                      const std::string& items = "3") {
  auto machine = BudgetParse(R"({"StartAt": "S", "States": {"S": )" + state + "}}");
  if (!machine) return -1;
  BudgetOptions options;
  std::string error;
  EXPECT_TRUE(options.map_items.Parse(items, &error)) << error;
  BudgetReport report = AnalyzeBudget(*machine, options);
  EXPECT_TRUE(report.loops.empty());
  EXPECT_EQ(report.paths.size(), 1u);
  if (report.paths.size() != 1) return -1;
  const auto& total = c == BudgetCase::kNominal ? report.paths[0].nominal_total
                                                 : report.paths[0].every_retry_total;
  return total.value_or(-1);
}

TEST(HistoryBudgetTest, EventsPerStateTypeAndIntegrationPattern) {
  // ExecutionStarted + the state + ExecutionSucceeded / ExecutionFailed.
  EXPECT_EQ(OneStateTotal(R"({"Type": "Pass", "End": true})"), 4);
  EXPECT_EQ(OneStateTotal(R"({"Type": "Wait", "Seconds": 5, "End": true})"), 4);
  EXPECT_EQ(OneStateTotal(R"({"Type": "Succeed"})"), 4);
  EXPECT_EQ(OneStateTotal(R"({"Type": "Fail", "Error": "E"})"), 3);
  EXPECT_EQ(OneStateTotal(R"({"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                             "Parameters": {"TopicArn": "t", "Message": "m"}, "End": true})"),
            7);
  EXPECT_EQ(OneStateTotal(R"({"Type": "Task",
                             "Resource": "arn:aws:states:::athena:startQueryExecution.sync",
                             "Parameters": {"QueryString": "SELECT 1"}, "End": true})"),
            8);
  EXPECT_EQ(OneStateTotal(R"({"Type": "Task",
                             "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                             "Parameters": {"QueueUrl": "q", "MessageBody.$": "$$.Task.Token"},
                             "End": true})"),
            8);
  EXPECT_EQ(OneStateTotal(R"({"Type": "Task",
                             "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                             "End": true})"),
            7);
  EXPECT_EQ(OneStateTotal(R"({"Type": "Task",
                             "Resource": "arn:aws:states:us-east-1:123456789012:activity:a",
                             "End": true})"),
            7);
  // Inline Map: 4 + 3 items × (2 + 2 of a Pass).
  EXPECT_EQ(OneStateTotal(R"({"Type": "Map", "ItemsPath": "$.items", "End": true,
                             "ItemProcessor": {"StartAt": "P",
                               "States": {"P": {"Type": "Pass", "End": true}}}})"),
            2 + 4 + 3 * 4);
  // Distributed Map: 6 whatever the items.
  EXPECT_EQ(OneStateTotal(R"({"Type": "Map", "ItemsPath": "$.items", "End": true,
                             "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED",
                                                                   "ExecutionType": "STANDARD"},
                               "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}})"),
            2 + 6);
  // Parallel: 4 + each branch's events (a Pass 2, a Task 5).
  EXPECT_EQ(OneStateTotal(R"({"Type": "Parallel", "End": true, "Branches": [
                               {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                               {"StartAt": "B", "States": {"B": {"Type": "Task",
                                 "Resource": "arn:aws:states:::sns:publish",
                                 "Parameters": {"TopicArn": "t", "Message": "m"},
                                 "End": true}}}]})"),
            2 + 4 + 2 + 5);
}

// Issue 16 (22): a Parallel whose branch always ends in Fail was "unknown events"; it fails the
// execution there, and its events are counted up to the failure.
TEST(HistoryBudgetTest, ParallelWhoseBranchAlwaysFails) {
  auto machine = BudgetParse(R"({"StartAt": "P", "States": {
      "P": {"Type": "Parallel", "Next": "Done", "Branches": [
              {"StartAt": "Ok", "States": {"Ok": {"Type": "Pass", "End": true}}},
              {"StartAt": "Try", "States": {"Try": {"Type": "Pass", "Next": "Stop"},
                                            "Stop": {"Type": "Fail", "Error": "E"}}}]},
      "Done": {"Type": "Succeed"}}})");
  ASSERT_NE(machine, nullptr);
  BudgetReport report = AnalyzeBudget(*machine);
  ASSERT_EQ(report.paths.size(), 1u);
  const PlainPath& path = report.paths[0];
  EXPECT_TRUE(path.fails);
  EXPECT_EQ(FormatPath(path.path), "P");
  // ExecutionStarted, ParallelStateEntered, ParallelStateStarted, Ok (2), Try (2),
  // FailStateEntered, ParallelStateFailed, ExecutionFailed.
  EXPECT_EQ(path.nominal_total, 10);
  EXPECT_TRUE(path.nominal.known);
  EXPECT_TRUE(ParallelCannotSucceed(machine->states[0]));
  EXPECT_FALSE(ParallelCannotSucceed(machine->states[1]));
}

TEST(HistoryBudgetTest, EveryRetryCountsEachRetrierToItsMaxAttempts) {
  const std::string task = R"({"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
      "Parameters": {"TopicArn": "t", "Message": "m"},
      "Retry": [{"ErrorEquals": ["SNS.ThrottledException", "SNS.InternalErrorException"],
                 "MaxAttempts": 6},
                {"ErrorEquals": ["SNS.ThrottledException"], "MaxAttempts": 4},
                {"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2},
                {"ErrorEquals": ["States.ALL"], "MaxAttempts": 0}],
      "End": true})";
  auto machine = BudgetParse(R"({"StartAt": "S", "States": {"S": )" + task + "}}");
  ASSERT_TRUE(machine);
  std::vector<RetryUse> plan = EveryRetryPlan(machine->states[0]);
  // The second retrier is never used: every error it names goes to the first one.
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0].retrier, 0u);
  EXPECT_EQ(plan[0].error, "SNS.ThrottledException");
  EXPECT_EQ(plan[0].attempts, 6);
  EXPECT_EQ(plan[1].retrier, 2u);
  EXPECT_EQ(plan[1].error, "Sfnsim.ScriptedFailure");
  EXPECT_EQ(plan[1].attempts, 2);
  EXPECT_EQ(MaxRetries(machine->states[0]), 8);
  EXPECT_EQ(OneStateTotal(task, BudgetCase::kNominal), 7);
  EXPECT_EQ(OneStateTotal(task, BudgetCase::kEveryRetry), 7 + 8 * 3);
  // A .sync job that failed after it was submitted: 4 events per retried attempt.
  EXPECT_EQ(OneStateTotal(R"({"Type": "Task",
                             "Resource": "arn:aws:states:::athena:startQueryExecution.sync",
                             "Parameters": {"QueryString": "SELECT 1"},
                             "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 3}],
                             "End": true})",
                          BudgetCase::kEveryRetry),
            8 + 3 * 4);
}

TEST(HistoryBudgetTest, MapItemsFlag) {
  MapItems items;
  std::string error;
  EXPECT_TRUE(items.Parse("999,1000", &error));
  EXPECT_TRUE(items.Parse("Other=5", &error));
  EXPECT_EQ(items.Items("PublishPage", 1), 999);
  EXPECT_EQ(items.Items("PublishPage", 2), 1000);
  EXPECT_EQ(items.Items("PublishPage", 7), 1000);
  EXPECT_EQ(items.Items("PublishPage", 0), 1000);
  EXPECT_EQ(items.Items("Other", 1), 5);
  EXPECT_EQ(items.Describe("PublishPage"), "999, then 1,000");
  EXPECT_FALSE(items.Parse("PublishPage=", &error));
  EXPECT_FALSE(items.Parse("1,-2", &error));
  EXPECT_FALSE(items.Parse("x", &error));
  MapItems none;
  EXPECT_EQ(none.Items("PublishPage", 1), std::nullopt);
}

TEST(HistoryBudgetTest, FirstIterationDiesAfter3564Records) {
  auto machine = BudgetFixture("first_iteration.asl.json");
  ASSERT_TRUE(machine);
  BudgetOptions options;
  std::string error;
  ASSERT_TRUE(options.map_items.Parse("999,1000", &error));
  BudgetReport report = AnalyzeBudget(*machine, options);
  ASSERT_EQ(report.loops.size(), 1u);
  const Loop& loop = report.loops[0];
  ASSERT_EQ(loop.cycles.size(), 1u);
  EXPECT_EQ(FormatPath(loop.cycles[0]), "PublishPage -> MorePages -> GetNextPage");
  EXPECT_EQ(loop.nominal_formula[0].ToString(), "11 + 7 × items(PublishPage)");
  EXPECT_FALSE(loop.hands_over);
  ASSERT_EQ(loop.entries.size(), 1u);
  const LoopEntry& entry = loop.entries[0];
  EXPECT_EQ(FormatPath(entry.prefix), "RunQuery -> GetFirstPage -> SkipHeaderRow");
  EXPECT_EQ(FormatPath(entry.iteration), "PublishPage -> MorePages -> GetNextPage");
  EXPECT_EQ(entry.nominal.before, 14);            // ExecutionStarted 1, 6 + 5 + 2
  EXPECT_EQ(entry.nominal.first_iteration, 7004);  // 4 + 7 × 999 + 2 + 5
  EXPECT_EQ(entry.nominal.per_iteration, 7011);
  ASSERT_TRUE(entry.nominal.keeps_iterating);
  const LimitHit& hit = *entry.nominal.keeps_iterating;
  EXPECT_EQ(hit.iteration, 4);
  EXPECT_EQ(hit.blocked_event, "TaskScheduled");
  EXPECT_EQ(hit.state, "PublishRecord");
  EXPECT_EQ(hit.map, "PublishPage");
  EXPECT_EQ(hit.map_visit, 4);
  EXPECT_EQ(hit.item, 566);
  EXPECT_EQ(hit.items_completed, 3564);  // 999 + 1,000 + 1,000 + 565
  ASSERT_EQ(loop.routes.size(), 1u);
  const LoopRoute& route = loop.routes[0];
  EXPECT_EQ(FormatPath(route.exit), "Done");
  EXPECT_EQ(route.partial, 2u);  // PublishPage, MorePages
  EXPECT_FALSE(route.fails);
  EXPECT_EQ(route.nominal.after, 3);
  EXPECT_EQ(route.nominal.max_iterations, 3);
  EXPECT_EQ(route.nominal.events_at_max, 21038);
  EXPECT_FALSE(route.nominal.handover_iteration);
}

TEST(HistoryBudgetTest, ExecutorHandsOverAfterThreePages) {
  auto machine = BudgetFixture("executor.asl.json");
  ASSERT_TRUE(machine);
  // The item counts are per visit within one execution: a first link's first page has 999
  // records (the header row is skipped), a successor's pages 1,000.
  for (const char* items : {"PublishPage=999,1000", "1000"}) {
    BudgetOptions options;
    options.margin = 1000;
    std::string error;
    ASSERT_TRUE(options.map_items.Parse(items, &error));
    BudgetReport report = AnalyzeBudget(*machine, options);
    ASSERT_EQ(report.loops.size(), 1u);
    const Loop& loop = report.loops[0];
    EXPECT_TRUE(loop.hands_over);
    EXPECT_EQ(loop.nominal_formula[0].ToString(), "13 + 7 × items(PublishPage)");
    ASSERT_EQ(loop.entries.size(), 2u);
    bool first_links = std::string(items) != "1000";
    // Routes: per entry, AllPagesPublished and the hand-over.
    int checked = 0;
    for (const LoopRoute& route : loop.routes) {
      const LoopEntry& entry = loop.entries[route.entry];
      bool first_link = entry.iteration.front().state->name == "PublishPage";
      if (first_link != first_links) continue;
      std::string exit = FormatPath(route.exit);
      if (first_link) {
        EXPECT_EQ(FormatPath(entry.prefix),
                  "InitCounters -> HasResumeToken -> GetFirstPage -> SkipHeaderRow");
        EXPECT_EQ(entry.nominal.before, 12);
        EXPECT_EQ(entry.nominal.first_iteration, 7006);
      } else {
        EXPECT_EQ(FormatPath(entry.prefix), "InitCounters -> HasResumeToken -> ResumeFromToken");
        EXPECT_EQ(entry.nominal.before, 7);
        EXPECT_EQ(entry.nominal.per_iteration, 7013);
      }
      if (exit == "StartSuccessor -> HandedOver") {
        EXPECT_TRUE(route.hands_over);
        EXPECT_EQ(route.nominal.after, 8);
        EXPECT_EQ(route.nominal.max_iterations, 3);
        ASSERT_TRUE(route.nominal.handover_iteration);
        EXPECT_EQ(*route.nominal.handover_iteration, 3);
        EXPECT_EQ(route.nominal.events_at_handover, first_link ? 21047 : 21054);
        ++checked;
      } else if (exit == "AllPagesPublished") {
        EXPECT_FALSE(route.hands_over);
        EXPECT_EQ(route.nominal.max_iterations, 3);
        EXPECT_EQ(route.nominal.events_at_max, first_link ? 21042 : 21049);
        ++checked;
      }
    }
    EXPECT_EQ(checked, 2) << items;
  }
}

TEST(HistoryBudgetTest, HandOverIterationFollowsTheMargin) {
  auto machine = BudgetFixture("executor.asl.json");
  ASSERT_TRUE(machine);
  // A successor writes 14 + 7,013p events of its own when it hands over after p pages; the
  // hand-over iteration is the last p with 14 + 7,013p <= 24,999 - margin. (docs/pipeline.md's
  // counter hands over a few events earlier: it bounds the pages, 7 + 7,013p + margin <= L.)
  for (auto [margin, pages] : {std::pair<int64_t, int64_t>{3946, 3}, {3947, 2}, {10959, 2},
                               {10960, 1}}) {
    BudgetOptions options;
    options.margin = margin;
    std::string error;
    ASSERT_TRUE(options.map_items.Parse("1000", &error));
    BudgetReport report = AnalyzeBudget(*machine, options);
    for (const LoopRoute& route : report.loops.at(0).routes) {
      if (!route.hands_over) continue;
      if (report.loops[0].entries[route.entry].iteration.front().state->name != "GetNextPage") {
        continue;
      }
      ASSERT_TRUE(route.nominal.handover_iteration) << margin;
      EXPECT_EQ(*route.nominal.handover_iteration, pages) << "margin " << margin;
    }
  }
}

TEST(HistoryBudgetTest, ProductionExecutorEveryRetry) {
  auto machine = BudgetFixture("production_executor.asl.json");
  ASSERT_TRUE(machine);
  BudgetOptions options;
  options.margin = 1000;
  std::string error;
  ASSERT_TRUE(options.map_items.Parse("999,1000", &error));
  BudgetReport report = AnalyzeBudget(*machine, options);
  ASSERT_EQ(report.loops.size(), 1u);
  const Loop& loop = report.loops[0];
  // GetNextPage 5 + 8 retries × 3; PublishRecord 5 + 8 × 3 per item.
  EXPECT_EQ(loop.every_retry_formula[0].ToString(), "37 + 31 × items(PublishPage)");
  for (const LoopEntry& entry : loop.entries) {
    if (entry.iteration.front().state->name != "GetNextPage") continue;
    EXPECT_EQ(entry.nominal.per_iteration, 7013);
    EXPECT_EQ(entry.every_retry.per_iteration, 31037);
    // One page with every retry does not fit: event 25,000 falls in item 806 of page 1.
    ASSERT_TRUE(entry.every_retry.keeps_iterating);
    const LimitHit& hit = *entry.every_retry.keeps_iterating;
    EXPECT_EQ(hit.iteration, 1);
    EXPECT_EQ(hit.item, 806);
    EXPECT_EQ(hit.items_completed, 805);
    EXPECT_EQ(hit.blocked_event, "TaskStarted");
  }
  for (const LoopRoute& route : loop.routes) {
    if (route.fails) continue;
    EXPECT_EQ(route.every_retry.max_iterations, 0);
    EXPECT_FALSE(route.every_retry.handover_iteration);
  }
}

TEST(HistoryBudgetTest, LoopFreeOrchestrator) {
  auto machine = BudgetFixture("orchestrator.asl.json");
  ASSERT_TRUE(machine);
  BudgetOptions options;
  std::string error;
  ASSERT_TRUE(options.map_items.Parse("21", &error));
  BudgetReport report = AnalyzeBudget(*machine, options);
  EXPECT_TRUE(report.loops.empty());
  ASSERT_EQ(report.paths.size(), 1u);
  EXPECT_EQ(report.paths[0].nominal.ToString(), "6 + 13 × items(ProcessBuckets)");
  EXPECT_EQ(report.paths[0].nominal_total, 279);

  auto production = BudgetFixture("production_orchestrator.asl.json");
  ASSERT_TRUE(production);
  report = AnalyzeBudget(*production, options);
  // Success paths and the ones through a Catch; the success one is first.
  ASSERT_FALSE(report.paths.empty());
  EXPECT_FALSE(report.paths[0].fails);
  // RunBucketQuery (.sync) 8 retries × 4, StartExecutor 8 × 3.
  EXPECT_EQ(report.paths[0].every_retry.ToString(), "6 + 69 × items(ProcessBuckets)");
}

TEST(HistoryBudgetTest, PredictRunAppliesTheLimitAsTheEngineDoes) {
  auto machine = BudgetParse(R"({"StartAt": "A", "States": {
      "A": {"Type": "Pass", "Next": "B"},
      "B": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "A"}],
            "Default": "C"},
      "C": {"Type": "Succeed"}}})");
  ASSERT_TRUE(machine);
  const State* a = &machine->states[0];
  const State* b = &machine->states[1];
  const State* c = &machine->states[2];
  StatePath trace;
  for (int i = 0; i < 3; ++i) {
    trace.push_back({a, StepExit::kNext});
    trace.push_back({b, StepExit::kNext});
  }
  trace.push_back({c, StepExit::kEnd});
  ItemResolver none = [](const State&, int64_t) { return std::nullopt; };
  RunPrediction p = PredictRun(trace, BudgetCase::kNominal, none, 25000);
  ASSERT_TRUE(p.known);
  EXPECT_EQ(p.events.total(), 1 + 12 + 2 + 1);
  EXPECT_EQ(p.events.count("ExecutionSucceeded"), 1);
  // With a limit of 16 the terminal event may be event 16; with 15 it is the limit's failure.
  EXPECT_FALSE(PredictRun(trace, BudgetCase::kNominal, none, 16).limit_reached);
  RunPrediction cut = PredictRun(trace, BudgetCase::kNominal, none, 15);
  EXPECT_TRUE(cut.limit_reached);
  EXPECT_EQ(cut.events.total(), 15);
  EXPECT_EQ(cut.events.count("SucceedStateExited"), 0);
  EXPECT_EQ(cut.events.count("ExecutionFailed"), 1);
  ASSERT_TRUE(cut.limit_hit);
  EXPECT_EQ(cut.limit_hit->blocked_event, "SucceedStateExited");
}

TEST(HistoryBudgetTest, ChoiceInsideTheLoopGivesOnePathPerCycle) {
  auto machine = BudgetParse(R"({"StartAt": "Poll", "States": {
      "Poll": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "Parameters": {"FunctionName": "f"}, "Next": "Done?"},
      "Done?": {"Type": "Choice", "Choices": [
                  {"Variable": "$.status", "StringEquals": "DONE", "Next": "Finish"},
                  {"Variable": "$.status", "StringEquals": "SLOW", "Next": "LongWait"}],
                "Default": "ShortWait"},
      "ShortWait": {"Type": "Wait", "Seconds": 1, "Next": "Poll"},
      "LongWait": {"Type": "Wait", "Seconds": 60, "Next": "Log"},
      "Log": {"Type": "Pass", "Next": "Poll"},
      "Finish": {"Type": "Succeed"}}})");
  ASSERT_TRUE(machine);
  BudgetReport report = AnalyzeBudget(*machine);
  ASSERT_EQ(report.loops.size(), 1u);
  const Loop& loop = report.loops[0];
  ASSERT_EQ(loop.cycles.size(), 2u);
  std::set<std::string> cycles;
  for (size_t i = 0; i < loop.cycles.size(); ++i) {
    cycles.insert(FormatPath(loop.cycles[i]) + " = " + loop.nominal_formula[i].ToString());
  }
  EXPECT_EQ(cycles, (std::set<std::string>{"Poll -> Done? -> ShortWait = 9",
                                           "Poll -> Done? -> LongWait -> Log = 11"}));
  EXPECT_FALSE(loop.hands_over);
  EXPECT_TRUE(loop.data_dependent.count("the rule taken at Choice \"Done?\""));
  // The cheap path fits the most iterations: 1 + 9(p - 1) + 7 + 2 + 1 <= 25,000.
  int64_t best = 0;
  for (const LoopRoute& route : loop.routes) best = std::max(best, route.nominal.max_iterations);
  EXPECT_EQ(best, 2777);
}

}  // namespace
}  // namespace asl
