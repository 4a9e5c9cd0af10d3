// Lint: each rule on a definition written for it, exact codes, severities, paths and the key
// parts of messages; the reference pipeline's fixtures.

#include "asl/analysis/lint.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "asl/analysis/lint_markers.h"
#include "asl/analysis/state_graph.h"
#include "asl/base/json.h"
#include "asl/load/definition_file.h"
#include "asl/validate/definition_parser.h"

namespace asl {
namespace {

namespace fs = std::filesystem;

struct Linted {
  std::vector<LintFinding> findings;
  // "SFN1100 error PublishPage [PublishPage -> … -> PublishPage]" per finding.
  std::vector<std::string> Summary() const {
    std::vector<std::string> out;
    for (const LintFinding& f : findings) {
      std::string line = fmt::format("{} {} {}", LintCodeString(f.code),
                                     LintSeverityName(f.severity), f.state);
      if (!f.path.empty()) line += " [" + f.path + "]";
      out.push_back(line);
    }
    return out;
  }
  const LintFinding* Find(LintCode code) const {
    for (const LintFinding& f : findings) {
      if (f.code == code) return &f;
    }
    return nullptr;
  }
};

Linted LintText(const std::string& text, LintOptions options = {}) {
  Json document = Json::parse(text);
  ParsedDefinition parsed = ParseDefinition(document);
  for (const Diagnostic& d : parsed.diagnostics.items()) {
    if (d.severity == Severity::kError) ADD_FAILURE() << d.pointer << ": " << d.message;
  }
  if (!parsed.machine) return {};
  StateGraph graph = StateGraph::Build(*parsed.machine);
  return {LintDefinition(*parsed.machine, graph, &document, options)};
}

// `items`: a --map-items value ("" for none).
Linted LintFixture(const std::string& name, const std::string& items = "",
                   LintOptions options = {}) {
  DefinitionFile file = ReadDefinitionFile(
      (fs::path(SFNSIM_SOURCE_DIR) / "fixtures" / "definitions" / name).string(), LoadOptions{});
  EXPECT_TRUE(file.valid()) << name;
  if (!file.valid()) return {};
  if (!items.empty()) {
    EXPECT_TRUE(options.map_items.Parse(items, nullptr)) << items;
  }
  StateGraph graph = StateGraph::Build(*file.parsed.machine);
  return {LintDefinition(*file.parsed.machine, graph, &file.loaded.definition, options)};
}

int LintErrorCount(const Linted& linted) {
  int n = 0;
  for (const LintFinding& f : linted.findings) n += f.severity == LintSeverity::kError;
  return n;
}

TEST(LintTest, CodesAreStableAndUnique) {
  std::set<std::string> seen;
  for (LintCode code : AllLintCodes()) {
    std::string text(LintCodeString(code));
    EXPECT_EQ(text.size(), 7u);
    EXPECT_EQ(text.rfind("SFN1", 0), 0u) << text;
    EXPECT_TRUE(seen.insert(text).second) << text;
  }
  EXPECT_EQ(LintCodeString(LintCode::kUnboundedLoop), "SFN1100");
  EXPECT_EQ(LintCodeSeverity(LintCode::kUnboundedLoop), LintSeverity::kError);
  EXPECT_EQ(LintCodeString(LintCode::kDataBoundLoop), "SFN1106");
  EXPECT_EQ(LintCodeSeverity(LintCode::kDataBoundLoop), LintSeverity::kWarning);
  EXPECT_EQ(LintCodeSeverity(LintCode::kNoTransientRetry), LintSeverity::kWarning);
  EXPECT_EQ(LintCodeSeverity(LintCode::kLoopHandsOver), LintSeverity::kInfo);
}

// Issue 16 (23): a loop only the data bounds (pagination here) is a warning; the limit is
// proven reachable, an error, only with a stated bound (below).
TEST(LintTest, FirstIterationHistoryLimitRiskIsAWarningWithoutABound) {
  Linted linted = LintFixture("first_iteration.asl.json");
  EXPECT_EQ(linted.Summary(),
            (std::vector<std::string>{
                "SFN1200 warning RunQuery",
                "SFN1200 warning GetFirstPage",
                "SFN1106 warning PublishPage [PublishPage -> MorePages -> GetNextPage -> "
                "PublishPage]",
                "SFN1200 warning GetNextPage",
                "SFN1200 warning PublishRecord",
            }));
  const LintFinding* f = linted.Find(LintCode::kDataBoundLoop);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->pointer, "/States/PublishPage");
  EXPECT_NE(f->message.find("11 + 7 × items(PublishPage) events per iteration"), std::string::npos)
      << f->message;
  EXPECT_NE(f->message.find("it is left at MorePages"), std::string::npos) << f->message;
  EXPECT_NE(f->message.find("\"sfnsim:max-iterations N\""), std::string::npos) << f->message;
  EXPECT_NE(f->message.find("\"sfnsim:lint-ignore SFN1106\" in the Comment of \"PublishPage\""),
            std::string::npos)
      << f->message;
}

// The first iteration's story with the bound production had (4 pages of 999, then 1,000
// records): the limit is proven reachable, an error.
TEST(LintTest, FirstIterationWithAStatedBoundIsAnError) {
  Linted linted = LintFixture("first_iteration_four_pages.asl.json", "999,1000");
  const LintFinding* f = linted.Find(LintCode::kUnboundedLoop);
  ASSERT_NE(f, nullptr) << ::testing::PrintToString(linted.Summary());
  EXPECT_EQ(f->severity, LintSeverity::kError);
  EXPECT_EQ(f->state, "PublishPage");
  EXPECT_NE(f->message.find("its stated bound of 4 iterations (state \"MorePages\") is more than "
                            "the 3 that fit under the 25,000-event history limit with the Map "
                            "items stated"),
            std::string::npos)
      << f->message;
  EXPECT_EQ(linted.Find(LintCode::kDataBoundLoop), nullptr);
  // Without item counts, 4 iterations fit with empty Maps: nothing is proven, a warning.
  Linted unknown_items = LintFixture("first_iteration_four_pages.asl.json");
  EXPECT_EQ(unknown_items.Find(LintCode::kUnboundedLoop), nullptr);
  ASSERT_NE(unknown_items.Find(LintCode::kDataBoundLoop), nullptr);
  EXPECT_NE(unknown_items.Find(LintCode::kDataBoundLoop)->message.find("only if the Map items"),
            std::string::npos);
  // Three pages fit: nothing to report about the loop.
  LintOptions three;
  three.max_iterations["MorePages"] = 3;
  Linted fits = LintFixture("first_iteration_four_pages.asl.json", "999,1000", three);
  EXPECT_EQ(fits.Find(LintCode::kUnboundedLoop), nullptr);
  EXPECT_EQ(fits.Find(LintCode::kDataBoundLoop), nullptr);
}

TEST(LintTest, FindingsAreSilencedByCommentOrOption) {
  const std::string loop = R"({"StartAt": "Try", "States": {
      "Try": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Comment": "Polls until done. sfnsim:lint-ignore SFN1106, SFN1200.",
              "Parameters": {"FunctionName": "f"}, "Next": "Check"},
      "Check": {"Type": "Choice", "Choices": [{"Variable": "$.done", "BooleanEquals": true,
                                               "Next": "Done"}], "Default": "Pause"},
      "Pause": {"Type": "Wait", "Seconds": 5, "Next": "Try"},
      "Done": {"Type": "Succeed"}}})";
  EXPECT_TRUE(LintText(loop).findings.empty()) << ::testing::PrintToString(LintText(loop).Summary());
  std::string unmarked = loop;
  unmarked.replace(unmarked.find("sfnsim:lint-ignore"), 18, "nothing-to-see");
  EXPECT_EQ(LintText(unmarked).Summary(),
            (std::vector<std::string>{"SFN1106 warning Try [Try -> Check -> Pause -> Try]",
                                      "SFN1200 warning Try"}));
  LintOptions options;
  options.ignore = {"SFN1200:Try"};
  EXPECT_EQ(LintText(unmarked, options).Summary(),
            (std::vector<std::string>{"SFN1106 warning Try [Try -> Check -> Pause -> Try]"}));
  options.ignore = {"SFN1106", "SFN1200"};
  EXPECT_TRUE(LintText(unmarked, options).findings.empty());
  // The top-level Comment silences a code everywhere.
  Json document = Json::parse(unmarked);
  document["Comment"] = "sfnsim:lint-ignore SFN1200";
  EXPECT_EQ(LintText(Dump(document)).Summary(),
            (std::vector<std::string>{"SFN1106 warning Try [Try -> Check -> Pause -> Try]"}));
}

TEST(LintTest, MarkersAreReadFromComments) {
  EXPECT_EQ(IgnoredLintCodes("x sfnsim:lint-ignore SFN1106,SFN1200 SFN1300. y SFN1000"),
            (std::vector<std::string>{"SFN1106", "SFN1200", "SFN1300"}));
  EXPECT_EQ(IgnoredLintCodes("sfnsim:lint-ignore all"), std::vector<std::string>{});
  EXPECT_EQ(IgnoredLintCodes("a sfnsim:lint-ignore SFN1 b sfnsim:lint-ignore SFN1201"),
            std::vector<std::string>{"SFN1201"});
  EXPECT_EQ(StatedMaxIterations("pages: sfnsim:max-iterations 40"), 40);
  EXPECT_EQ(StatedMaxIterations("sfnsim:max-iterations=7 sfnsim:max-iterations: 5"), 5);
  EXPECT_EQ(StatedMaxIterations("sfnsim:max-iterations many"), std::nullopt);
  EXPECT_EQ(StatedMaxIterations("no marker"), std::nullopt);
}

// With the Map items stated, a loop one iteration of which does not fit is proven an error.
TEST(LintTest, OneIterationThatDoesNotFitWithTheStatedItems) {
  LintOptions options;
  options.map_items.SetDefault({4000});
  Linted linted = LintFixture("first_iteration.asl.json", "", options);
  const LintFinding* f = linted.Find(LintCode::kIterationDoesNotFit);
  ASSERT_NE(f, nullptr) << ::testing::PrintToString(linted.Summary());
  EXPECT_NE(f->message.find("with the Map items stated (--map-items)"), std::string::npos);
}

TEST(LintTest, ProductionFixturesHaveNoErrors) {
  Linted executor = LintFixture("production_executor.asl.json");
  EXPECT_EQ(LintErrorCount(executor), 0);
  EXPECT_EQ(executor.Summary(),
            (std::vector<std::string>{
                "SFN1103 warning GetNextPage [GetNextPage -> PublishPage -> CountPage -> "
                "NextStep -> GetNextPage]",
                "SFN1105 info GetNextPage [GetNextPage -> PublishPage -> CountPage -> NextStep -> "
                "GetNextPage]",
            }));
  const LintFinding* worst = executor.Find(LintCode::kWorstCaseExceedsLimit);
  ASSERT_NE(worst, nullptr);
  EXPECT_NE(worst->message.find("37 + 31 × items(PublishPage)"), std::string::npos);
  EXPECT_NE(worst->message.find("from 806 items"), std::string::npos) << worst->message;

  Linted orchestrator = LintFixture("production_orchestrator.asl.json");
  EXPECT_EQ(LintErrorCount(orchestrator), 0);
  EXPECT_TRUE(orchestrator.findings.empty()) << ::testing::PrintToString(orchestrator.Summary());
}

TEST(LintTest, ExecutorAndOrchestratorWithoutRetry) {
  Linted executor = LintFixture("executor.asl.json");
  EXPECT_EQ(executor.Summary(),
            (std::vector<std::string>{
                "SFN1200 warning GetFirstPage",
                "SFN1105 info GetNextPage [GetNextPage -> PublishPage -> CountPage -> NextStep -> "
                "GetNextPage]",
                "SFN1200 warning GetNextPage",
                "SFN1200 warning StartSuccessor",
                "SFN1200 warning PublishRecord",
            }));
  Linted orchestrator = LintFixture("orchestrator.asl.json");
  EXPECT_EQ(orchestrator.Summary(),
            (std::vector<std::string>{"SFN1200 warning RunBucketQuery",
                                      "SFN1200 warning StartExecutor"}));
}

TEST(LintTest, LoopWithoutExitAndStatesThatNeverEnd) {
  Linted linted = LintText(R"({"StartAt": "Route", "States": {
      "Route": {"Type": "Choice",
                "Choices": [{"Variable": "$.spin", "IsPresent": true, "Next": "Prepare"}],
                "Default": "Done"},
      "Prepare": {"Type": "Pass", "Next": "A"},
      "A": {"Type": "Pass", "Next": "B"},
      "B": {"Type": "Wait", "Seconds": 1, "Next": "A"},
      "Done": {"Type": "Succeed"}}})");
  EXPECT_EQ(linted.Summary(),
            (std::vector<std::string>{"SFN1000 error Prepare [Prepare -> A]",
                                      "SFN1001 error A [A -> B -> A]"}));
  EXPECT_NE(linted.Find(LintCode::kLoopWithoutExit)->message.find("4 events per iteration"),
            std::string::npos);
}

TEST(LintTest, CounterBoundedPollingLoopIsAWarning) {
  Linted linted = LintText(R"J({"StartAt": "Poll", "States": {
      "Poll": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "Parameters": {"FunctionName": "f"}, "ResultPath": "$.poll",
               "Retry": [{"ErrorEquals": ["Lambda.ServiceException"], "MaxAttempts": 2}],
               "Next": "Count"},
      "Count": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "ResultPath": "$.count",
                "Next": "Enough"},
      "Enough": {"Type": "Choice",
                 "Choices": [{"Variable": "$.count.n", "NumericGreaterThan": 100, "Next": "Done"}],
                 "Default": "Pause"},
      "Pause": {"Type": "Wait", "Seconds": 10, "Next": "Poll"},
      "Done": {"Type": "Succeed"}}})J");
  ASSERT_EQ(linted.findings.size(), 1u) << ::testing::PrintToString(linted.Summary());
  const LintFinding& f = linted.findings[0];
  EXPECT_EQ(f.code, LintCode::kCounterBoundedLoop);
  EXPECT_EQ(f.path, "Poll -> Count -> Enough -> Pause -> Poll");
  // 5 + 2 + 2 + 2 = 11 per iteration; 1 + 11(p - 1) + 9 + 2 + 1 <= 25,000 gives 2,272.
  EXPECT_NE(f.message.find("11 events per iteration; at most 2,272 iterations fit"),
            std::string::npos)
      << f.message;
}

TEST(LintTest, OneIterationThatDoesNotFit) {
  LintOptions options;
  options.limit = 12;
  Linted linted = LintText(R"({"StartAt": "A", "States": {
      "A": {"Type": "Pass", "Next": "B"},
      "B": {"Type": "Pass", "Next": "C"},
      "C": {"Type": "Pass", "Next": "D"},
      "D": {"Type": "Pass", "Next": "E"},
      "E": {"Type": "Choice", "Choices": [{"Variable": "$.again", "IsPresent": true,
                                            "Next": "A"}], "Default": "F"},
      "F": {"Type": "Succeed"}}})",
                           options);
  ASSERT_NE(linted.Find(LintCode::kIterationDoesNotFit), nullptr)
      << ::testing::PrintToString(linted.Summary());
  EXPECT_EQ(linted.Find(LintCode::kIterationDoesNotFit)->path,
            "A -> B -> C -> D -> E -> A");
}

TEST(LintTest, TaskAndMapSettings) {
  // A bare Lambda ARN is the "lambda" service of the caller's facts (sfnsim fills them from its
  // service registry).
  asl::IntegrationFacts facts;
  facts.retry_suggestions["lambda"] = "Lambda.ServiceException, Lambda.SdkClientException";
  asl::LintOptions with_facts;
  with_facts.integrations = &facts;
  Linted linted = LintText(R"({"StartAt": "Ask", "States": {
      "Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": {"QueueUrl": "q", "MessageBody.$": "$$.Task.Token"},
              "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2}],
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}],
              "Next": "Each"},
      "Recover": {"Type": "Pass", "Next": "Each"},
      "Each": {"Type": "Map", "ItemsPath": "$.items",
               "ItemProcessor": {"StartAt": "Call", "States": {
                 "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                          "Retry": [{"ErrorEquals": ["Custom.Error"], "MaxAttempts": 3}],
                          "End": true}}},
               "Next": "Wait"},
      "Wait": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:a",
               "HeartbeatSeconds": 60,
               "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1}], "End": true}}})", with_facts);
  EXPECT_EQ(linted.Summary(),
            (std::vector<std::string>{"SFN1201 warning Ask [Ask -> Recover]",
                                      "SFN1301 warning Ask", "SFN1300 warning Each",
                                      "SFN1200 warning Call"}));
  EXPECT_NE(linted.Find(LintCode::kNoTransientRetry)->message.find("Lambda.ServiceException"),
            std::string::npos);
}

TEST(LintTest, ExpressHasNoHistoryLimitFindings) {
  const std::string retry_loop = R"({"StartAt": "Try", "States": {
      "Try": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"FunctionName": "f"},
              "Retry": [{"ErrorEquals": ["Lambda.ServiceException"], "MaxAttempts": 2}],
              "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "Pause"}],
              "Next": "Done"},
      "Pause": {"Type": "Wait", "Seconds": 5, "Next": "Try"},
      "Done": {"Type": "Succeed"}}})";
  // STANDARD: a loop that leaves only on the data (here: success) and never hands over.
  Linted standard = LintText(retry_loop);
  EXPECT_EQ(standard.Summary(),
            (std::vector<std::string>{"SFN1106 warning Try [Try -> Pause -> Try]"}));
  EXPECT_NE(standard.findings[0].message.find("7 events per iteration"), std::string::npos)
      << standard.findings[0].message;
  EXPECT_NE(standard.findings[0].message.find("at most 3,571 iterations fit"), std::string::npos);
  LintOptions express;
  express.limit = 0;
  EXPECT_TRUE(LintText(retry_loop, express).findings.empty());
}


// SFN1200 names the transient errors of the service a Task calls from the facts the caller
// gives (sfnsim fills them from its service registry); without them it names none.
TEST(LintTest, TransientSuggestionComesFromIntegrationFacts) {
  const std::string text = R"({"StartAt":"Put","States":{"Put":{"Type":"Task",
      "Resource":"arn:aws:states:::dynamodb:putItem","Parameters":{"TableName":"t"},"End":true}}})";
  auto message = [](const std::vector<asl::LintFinding>& findings) {
    for (const asl::LintFinding& f : findings) {
      if (f.code == asl::LintCode::kNoTransientRetry) return f.message;
    }
    return std::string();
  };
  std::string generic = message(LintText(text).findings);
  EXPECT_NE(generic.find("the service's throttling and server errors"), std::string::npos)
      << generic;
  asl::IntegrationFacts facts;
  facts.retry_suggestions["dynamodb"] = "DynamoDB.ProvisionedThroughputExceededException";
  asl::LintOptions options;
  options.integrations = &facts;
  std::string named = message(LintText(text, options).findings);
  EXPECT_NE(named.find("DynamoDB.ProvisionedThroughputExceededException"), std::string::npos)
      << named;
}

}  // namespace
}  // namespace asl
