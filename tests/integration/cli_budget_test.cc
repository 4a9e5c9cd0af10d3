// sfnsim budget: the reference pipeline's figures (docs/pipeline.md), --check agreeing event
// type by event type with the histories the engine records for the fixtures' executors at
// several iteration counts, nominal and with every retry used, and the exit codes.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "asl/base/json.h"
#include "tests/integration/cli_test_util.h"

namespace {

using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

const std::string kBudgetFixtures = std::string(SFNSIM_SOURCE_DIR) + "/fixtures";

std::string BudgetDefinition(const std::string& name) {
  return kBudgetFixtures + "/definitions/" + name;
}
std::string BudgetInput(const std::string& name) { return kBudgetFixtures + "/inputs/" + name; }

// The check run of `input` with `pages` pages (0: unlimited) in case `c`; `sequential`: the
// run of the variant whose Maps run one item at a time.
const asl::Json* FindBudgetRun(const asl::Json& report, const std::string& input, int64_t pages,
                         const std::string& c, bool sequential = false) {
  for (const asl::Json& run : report["check"]["runs"]) {
    if (run["input"] == input && run["pages"] == pages && run["case"] == c &&
        run["sequential"] == sequential) {
      return &run;
    }
  }
  return nullptr;
}

// Asserts a run matched with exactly `events` events, recorded and predicted, event type by
// event type (or, with `by_type` false, by total: concurrent Map items at the limit).
void ExpectBudgetRun(const asl::Json& report, const std::string& input, int64_t pages,
               const std::string& c, int64_t events, const std::string& status,
               bool sequential = false, bool by_type = true) {
  const asl::Json* run = FindBudgetRun(report, input, pages, c, sequential);
  ASSERT_NE(run, nullptr) << input << " " << pages << " " << c;
  EXPECT_EQ((*run)["status"], status) << run->dump(2);
  EXPECT_EQ((*run)["recorded_events"], events) << input << " pages " << pages << " " << c;
  EXPECT_EQ((*run)["predicted_events"], events) << input << " pages " << pages << " " << c;
  EXPECT_EQ((*run)["compared"], by_type ? "event types" : "total");
  if (by_type) {
    EXPECT_EQ((*run)["recorded"], (*run)["predicted"]) << input << " pages " << pages;
  }
  EXPECT_TRUE((*run)["match"].get<bool>());
}

TEST(CliBudgetTest, FirstIterationDiesAfter3564Rows) {
  ScratchDir dir;
  auto r = RunSfnsim("budget " + BudgetDefinition("first_iteration.asl.json") +
                         " --map-items 999,1000 --format json",
                     dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  asl::Json report = asl::Json::parse(r.out);
  ASSERT_EQ(report["loops"].size(), 1u);
  const asl::Json& loop = report["loops"][0];
  EXPECT_EQ(loop["cycles"][0]["path"], "PublishPage -> MorePages -> GetNextPage");
  EXPECT_EQ(loop["cycles"][0]["nominal"]["text"], "11 + 7 × items(PublishPage)");
  EXPECT_EQ(loop["hands_over"], false);
  const asl::Json& entry = loop["entries"][0];
  EXPECT_EQ(entry["prefix"], "RunQuery -> GetFirstPage -> SkipHeaderRow");
  EXPECT_EQ(entry["nominal"]["before"], 14);
  EXPECT_EQ(entry["nominal"]["per_iteration"], 7011);
  const asl::Json& hit = entry["nominal"]["keeps_iterating"];
  EXPECT_EQ(hit["iteration"], 4);
  EXPECT_EQ(hit["blocked_event"], "TaskScheduled");
  EXPECT_EQ(hit["state"], "PublishRecord");
  EXPECT_EQ(hit["item"], 566);
  EXPECT_EQ(hit["items_completed"], 3564);
  EXPECT_EQ(loop["routes"][0]["exit"], "Done");
  EXPECT_EQ(loop["routes"][0]["nominal"]["max_iterations"], 3);
  EXPECT_EQ(loop["routes"][0]["nominal"]["events_at_max"], 21038);

  // The text report says the same.
  r = RunSfnsim("budget " + BudgetDefinition("first_iteration.asl.json") + " --map-items 999,1000", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("if it never leaves the loop: event 25,000 replaces TaskScheduled of "
                       "\"PublishRecord\" in item 566 of Map \"PublishPage\" in iteration 4; "
                       "3,564 Map items completed"),
            std::string::npos)
      << r.out;
}

TEST(CliBudgetTest, CheckFirstIterationAgainstTheEngine) {
  ScratchDir dir;
  auto r = RunSfnsim("budget " + BudgetDefinition("first_iteration.asl.json") +
                         " --map-items 999,1000 --check --input " +
                         BudgetInput("first_iteration.input.json") + " --format json",
                     dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  asl::Json report = asl::Json::parse(r.out);
  EXPECT_EQ(report["check"]["runs"].size(), 4u);  // no Retry: nominal runs only
  const std::string in = "first_iteration.input.json";
  ExpectBudgetRun(report, in, 1, "nominal", 7016, "SUCCEEDED");
  ExpectBudgetRun(report, in, 2, "nominal", 14027, "SUCCEEDED");
  ExpectBudgetRun(report, in, 3, "nominal", 21038, "SUCCEEDED");
  ExpectBudgetRun(report, in, 0, "nominal", 25000, "FAILED");
  const asl::Json* dies = FindBudgetRun(report, in, 0, "nominal");
  ASSERT_NE(dies, nullptr);
  // 3,564 records published: the engine's MapIterationSucceeded count and the prediction's.
  EXPECT_EQ((*dies)["recorded"]["MapIterationSucceeded"], 3564);
  EXPECT_EQ((*dies)["limit_hit"]["items_completed"], 3564);
  EXPECT_EQ((*dies)["limit_hit"]["item"], 566);
  EXPECT_EQ((*dies)["limit_hit"]["blocked_event"], "TaskScheduled");
  EXPECT_EQ((*dies)["error"],
            "States.Runtime: The execution reached the maximum number of history events "
            "(25000).");
}

TEST(CliBudgetTest, CheckExecutorBothLinksAgainstTheEngine) {
  ScratchDir dir;
  auto r = RunSfnsim("budget " + BudgetDefinition("executor.asl.json") +
                         " --map-items 999,1000 --margin 1000 --check --input " +
                         BudgetInput("executor.input.json") + " --input " +
                         BudgetInput("executor.resume.input.json") + " --format json",
                     dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  asl::Json report = asl::Json::parse(r.out);
  EXPECT_EQ(report["check"]["runs"].size(), 8u);
  // First link: 12 + pages + AllPagesPublished 3, or the hand-over after 3 pages.
  ExpectBudgetRun(report, "executor.input.json", 1, "nominal", 7016, "SUCCEEDED");
  ExpectBudgetRun(report, "executor.input.json", 2, "nominal", 14029, "SUCCEEDED");
  ExpectBudgetRun(report, "executor.input.json", 3, "nominal", 21042, "SUCCEEDED");
  ExpectBudgetRun(report, "executor.input.json", 0, "nominal", 21047, "SUCCEEDED");
  // A successor: 7 + 7,013 per page + 3, or + 8 when it hands over.
  ExpectBudgetRun(report, "executor.resume.input.json", 1, "nominal", 7023, "SUCCEEDED");
  ExpectBudgetRun(report, "executor.resume.input.json", 2, "nominal", 14036, "SUCCEEDED");
  ExpectBudgetRun(report, "executor.resume.input.json", 3, "nominal", 21049, "SUCCEEDED");
  ExpectBudgetRun(report, "executor.resume.input.json", 0, "nominal", 21054, "SUCCEEDED");
  const asl::Json* handover = FindBudgetRun(report, "executor.resume.input.json", 0, "nominal");
  ASSERT_NE(handover, nullptr);
  EXPECT_NE((*handover)["trace"].get<std::string>().find("NextStep -> StartSuccessor -> "
                                                         "HandedOver"),
            std::string::npos);
  // The budget's own figures for the same routes.
  for (const asl::Json& route : report["loops"][0]["routes"]) {
    if (!route["hands_over"].get<bool>()) continue;
    EXPECT_EQ(route["nominal"]["handover_iteration"], 3);
  }
}

TEST(CliBudgetTest, CheckProductionExecutorNominalAndEveryRetry) {
  ScratchDir dir;
  auto r = RunSfnsim("budget " + BudgetDefinition("production_executor.asl.json") +
                         " --map-items 999,1000 --margin 1000 --check --check-pages 1,3,0"
                         " --input " + BudgetInput("production_executor.input.json") + " --input " +
                         BudgetInput("production_executor.resume.input.json") + " --format json",
                     dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  asl::Json report = asl::Json::parse(r.out);
  // 6 nominal, 6 with every retry and these 6 again with the Maps one item at a time, 6 with
  // the top-level retries.
  EXPECT_EQ(report["check"]["runs"].size(), 24u);
  const std::string first = "production_executor.input.json";
  const std::string next = "production_executor.resume.input.json";
  ExpectBudgetRun(report, first, 1, "nominal", 7016, "SUCCEEDED");
  ExpectBudgetRun(report, first, 3, "nominal", 21042, "SUCCEEDED");
  ExpectBudgetRun(report, first, 0, "nominal", 21047, "SUCCEEDED");
  ExpectBudgetRun(report, next, 1, "nominal", 7023, "SUCCEEDED");
  ExpectBudgetRun(report, next, 3, "nominal", 21049, "SUCCEEDED");
  ExpectBudgetRun(report, next, 0, "nominal", 21054, "SUCCEEDED");
  // Every retrier to MaxAttempts (6 + 2 retries of each call, 3 events each): a page costs
  // 37 + 31 per record, so the first page already meets the limit. With MaxConcurrency 10 the
  // items in flight then are timing (the total is compared); one item at a time, event 25,000
  // falls in item 806 after 805 records.
  for (const std::string& in : {first, next}) {
    for (int64_t pages : {1, 3, 0}) {
      ExpectBudgetRun(report, in, pages, "every retry", 25000, "FAILED", false, false);
      ExpectBudgetRun(report, in, pages, "every retry", 25000, "FAILED", true, true);
      const asl::Json* run = FindBudgetRun(report, in, pages, "every retry", true);
      ASSERT_NE(run, nullptr);
      EXPECT_EQ((*run)["recorded"]["MapIterationSucceeded"], 805);
      EXPECT_EQ((*run)["recorded"]["TaskFailed"], 8 + 805 * 8 + 1);
      EXPECT_EQ((*run)["limit_hit"]["item"], 806);
      EXPECT_EQ((*run)["limit_hit"]["blocked_event"], "TaskStarted");
    }
  }
  // Every retry of the top-level calls (GetFirstPage, GetNextPage, StartSuccessor: 8 retries,
  // 24 events each): the counter does not see them, the margin absorbs them.
  ExpectBudgetRun(report, first, 1, "top-level retries", 7016 + 24, "SUCCEEDED");
  ExpectBudgetRun(report, first, 3, "top-level retries", 21042 + 3 * 24, "SUCCEEDED");
  ExpectBudgetRun(report, first, 0, "top-level retries", 21047 + 4 * 24, "SUCCEEDED");
  ExpectBudgetRun(report, next, 1, "top-level retries", 7023 + 24, "SUCCEEDED");
  ExpectBudgetRun(report, next, 3, "top-level retries", 21049 + 3 * 24, "SUCCEEDED");
  ExpectBudgetRun(report, next, 0, "top-level retries", 21054 + 4 * 24, "SUCCEEDED");
  const asl::Json* retried = FindBudgetRun(report, next, 0, "top-level retries");
  ASSERT_NE(retried, nullptr);
  EXPECT_EQ((*retried)["recorded"]["TaskFailed"], 4 * 8);
}

TEST(CliBudgetTest, EveryRetryOnALoopThatFits) {
  // A polling loop: each Poll may be retried twice (6 events more), and the retried runs
  // match the prediction as the nominal ones do.
  ScratchDir dir;
  std::string definition = dir.Write("poll.asl.json", R"J({"StartAt": "Init", "States": {
      "Init": {"Type": "Pass", "Result": {"n": 0}, "ResultPath": "$.count", "Next": "Poll"},
      "Poll": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "Parameters": {"FunctionName": "f"}, "ResultPath": null,
               "Retry": [{"ErrorEquals": ["Lambda.ServiceException"], "MaxAttempts": 2,
                          "IntervalSeconds": 1}],
               "Next": "Count"},
      "Count": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.count.n, 1)"},
                "ResultPath": "$.count", "Next": "Enough"},
      "Enough": {"Type": "Choice",
                 "Choices": [{"Variable": "$.count.n", "NumericGreaterThanEquals": 50,
                              "Next": "Done"}],
                 "Default": "Pause"},
      "Pause": {"Type": "Wait", "Seconds": 10, "Next": "Poll"},
      "Done": {"Type": "Succeed"}}})J");
  auto r = RunSfnsim("budget " + definition + " --check --format json", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  asl::Json report = asl::Json::parse(r.out);
  ASSERT_EQ(report["check"]["runs"].size(), 2u);
  // 1 + Init 2 + 49 × 11 + (Poll 5, Count 2, Enough 2) + Done 2 + 1 = 554.
  ExpectBudgetRun(report, "{}", 0, "nominal", 554, "SUCCEEDED");
  ExpectBudgetRun(report, "{}", 0, "every retry", 554 + 50 * 6, "SUCCEEDED");
  const asl::Json& loop = report["loops"][0];
  EXPECT_EQ(loop["cycles"][0]["nominal"]["text"], "11");
  EXPECT_EQ(loop["cycles"][0]["every_retry"]["text"], "17");
  EXPECT_EQ(loop["routes"][0]["nominal"]["max_iterations"], 2272);
  EXPECT_EQ(loop["routes"][0]["every_retry"]["max_iterations"], 1470);
}

// Every state type and integration pattern the budget counts, in one loop, checked against the
// engine: Parallel (a Wait and a retried bare Lambda, an activity), startExecution.sync:2 and
// sqs .waitForTaskToken (TaskSubmitted; 4 events per retried .sync attempt), an inline Map of
// aws-sdk calls, a distributed Map (6 events), Pass, Choice, Succeed.
constexpr const char* kEveryPattern = R"J({"StartAt": "Init", "States": {
  "Init": {"Type": "Pass", "Result": {"items": [1,2,3], "n": 0}, "Next": "Loop"},
  "Loop": {"Type": "Parallel", "ResultPath": null, "Next": "Sync",
    "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1}],
    "Branches": [
      {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "Next": "L"},
        "L": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
              "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2}], "End": true}}},
      {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:a",
              "TimeoutSeconds": 60, "End": true}}}]},
  "Sync": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
           "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:x"},
           "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}], "ResultPath": null, "Next": "Token"},
  "Token": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl": "q", "MessageBody.$": "$$.Task.Token"}, "TimeoutSeconds": 30,
            "ResultPath": null, "Next": "Each"},
  "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2, "ResultPath": null, "Next": "Dist",
    "ItemProcessor": {"StartAt": "C", "States": {
      "C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericGreaterThan": 1, "Next": "Big"}], "Default": "Small"},
      "Big": {"Type": "Pass", "Next": "Small"},
      "Small": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:putObject", "Parameters": {"Bucket": "b", "Key": "k", "Body": "x"},
                "Retry": [{"ErrorEquals": ["S3.SdkClientException"], "MaxAttempts": 1}], "End": true}}}},
  "Dist": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": null, "Next": "Count",
    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "P",
      "States": {"P": {"Type": "Pass", "End": true}}}},
  "Count": {"Type": "Pass", "Parameters": {"items.$": "$.items", "n.$": "States.MathAdd($.n, 1)"}, "Next": "Again"},
  "Again": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericLessThan": 3, "Next": "Loop"}], "Default": "End"},
  "End": {"Type": "Succeed"}}})J";

TEST(CliBudgetTest, CheckAgreesForEveryStatePatternAndRetry) {
  ScratchDir dir;
  asl::Json definition = asl::Json::parse(kEveryPattern);
  // One path per item first: exact, event type by event type.
  asl::Json single = definition;
  asl::Json small = single["States"]["Each"]["ItemProcessor"]["States"]["Small"];
  single["States"]["Each"]["ItemProcessor"] = {{"StartAt", "Small"},
                                               {"States", {{"Small", small}}}};
  auto r = RunSfnsim("budget " + dir.Write("single.json", single.dump()) +
                         " --map-items 3 --check --format json",
                     dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  asl::Json report = asl::Json::parse(r.out);
  const asl::Json& cycle = report["loops"][0]["cycles"][0];
  // Parallel 4 + (Wait 2 + Lambda 5) + activity 5; .sync:2 6; .waitForTaskToken 6; Map 4 + 3 ×
  // (2 + 5); distributed Map 6; Count (Pass) 2; Again (Choice) 2.
  EXPECT_EQ(cycle["nominal"]["text"], "42 + 7 × items(Each)");  // 63 with 3 items
  // + Lambda 2 × 3, .sync:2 2 × 4, aws-sdk 1 × 3 per item.
  EXPECT_EQ(cycle["every_retry"]["text"], "56 + 10 × items(Each)");  // 86
  ExpectBudgetRun(report, "{}", 0, "nominal", 1 + 2 + 3 * 63 + 2 + 1, "SUCCEEDED");
  ExpectBudgetRun(report, "{}", 0, "every retry", 1 + 2 + 3 * 86 + 2 + 1, "SUCCEEDED");
  // Only the top-level .sync:2 task is retried (the Lambda runs in a branch).
  ExpectBudgetRun(report, "{}", 0, "top-level retries", 1 + 2 + 3 * (63 + 8) + 2 + 1, "SUCCEEDED");

  // Items 2 and 3 take the costlier path through "Big": the run lies between the bounds.
  r = RunSfnsim("budget " + dir.Write("mix.json", definition.dump()) +
                    " --map-items 3 --check --format json",
                dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  report = asl::Json::parse(r.out);
  for (const asl::Json& run : report["check"]["runs"]) {
    EXPECT_EQ(run["compared"], "bounds");
    EXPECT_TRUE(run["match"].get<bool>());
    EXPECT_EQ(run["predicted_max_events"].get<int64_t>() - run["predicted_events"].get<int64_t>(),
              3 * 3 * 2);  // a Pass (2 events) in each of 3 items, 3 iterations
  }
}

TEST(CliBudgetTest, LoopFreeOrchestrator) {
  ScratchDir dir;
  auto r = RunSfnsim("budget " + BudgetDefinition("orchestrator.asl.json") +
                         " --map-items 21 --check --input " + BudgetInput("orchestrator.input.json") +
                         " --format json",
                     dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  asl::Json report = asl::Json::parse(r.out);
  EXPECT_TRUE(report["loops"].empty());
  EXPECT_EQ(report["paths"][0]["nominal"]["text"], "6 + 13 × items(ProcessBuckets)");
  EXPECT_EQ(report["paths"][0]["nominal_total"], 279);
  ExpectBudgetRun(report, "orchestrator.input.json", 0, "nominal", 279, "SUCCEEDED");
}

TEST(CliBudgetTest, ExitCodes) {
  ScratchDir dir;
  // Runs the prediction cannot follow (no input: RunQuery's parameters fail) are not checked,
  // which is no difference: exit 0, and the last line says nothing could be compared.
  auto r = RunSfnsim("budget " + BudgetDefinition("first_iteration.asl.json") + " --check", dir);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("NOT CHECKED: the run ended with FAILED before a terminal state"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("differences found"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("check: no run could be compared; 4 not checked"), std::string::npos)
      << r.out;
  r = RunSfnsim("budget " + BudgetDefinition("first_iteration.asl.json") + " --check --format json",
                dir);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  asl::Json check = asl::Json::parse(r.out)["check"];
  EXPECT_EQ(check["not_checked"], 4);
  EXPECT_EQ(check["differ"], 0);
  EXPECT_EQ(check["match"], true);
  EXPECT_EQ(check["runs"][0]["checked"], false);
  EXPECT_TRUE(check["runs"][0]["match"].is_null());

  r = RunSfnsim("budget " + dir.Path("missing.json"), dir);
  EXPECT_EQ(r.exit_code, 2);
  r = RunSfnsim("budget " + BudgetDefinition("executor.asl.json") + " --map-items x", dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--map-items \"x\""), std::string::npos) << r.err;
  r = RunSfnsim("budget " + BudgetDefinition("executor.asl.json") + " --loop InitCounters", dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--loop InitCounters: no loop contains"), std::string::npos) << r.err;
  r = RunSfnsim("budget " + BudgetDefinition("executor.asl.json") + " --loop NextStep --format json",
                dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string invalid = dir.Write("invalid.json", R"({"StartAt": "A", "States": {}})");
  r = RunSfnsim("budget " + invalid, dir);
  EXPECT_EQ(r.exit_code, 1);
}

}  // namespace
