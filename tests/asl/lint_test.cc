// Lint: each rule on a definition written for it, exact codes, severities, paths and the key
// parts of messages; the reference pipeline's fixtures.

#include "asl/analysis/lint.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

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

Linted LintFixture(const std::string& name) {
  DefinitionFile file = ReadDefinitionFile(
      (fs::path(SFNSIM_SOURCE_DIR) / "fixtures" / "definitions" / name).string(), LoadOptions{});
  EXPECT_TRUE(file.valid()) << name;
  if (!file.valid()) return {};
  StateGraph graph = StateGraph::Build(*file.parsed.machine);
  return {LintDefinition(*file.parsed.machine, graph, &file.loaded.definition)};
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
  EXPECT_EQ(LintCodeSeverity(LintCode::kNoTransientRetry), LintSeverity::kWarning);
  EXPECT_EQ(LintCodeSeverity(LintCode::kLoopHandsOver), LintSeverity::kInfo);
}

TEST(LintTest, FirstIterationHistoryLimitRiskIsAnError) {
  Linted linted = LintFixture("first_iteration.asl.json");
  EXPECT_EQ(linted.Summary(),
            (std::vector<std::string>{
                "SFN1200 warning RunQuery",
                "SFN1200 warning GetFirstPage",
                "SFN1100 error PublishPage [PublishPage -> MorePages -> GetNextPage -> PublishPage]",
                "SFN1200 warning GetNextPage",
                "SFN1200 warning PublishRecord",
            }));
  const LintFinding* f = linted.Find(LintCode::kUnboundedLoop);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->pointer, "/States/PublishPage");
  EXPECT_NE(f->message.find("11 + 7 × items(PublishPage) events per iteration"), std::string::npos)
      << f->message;
  EXPECT_NE(f->message.find("it is left at MorePages"), std::string::npos) << f->message;
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
               "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1}], "End": true}}})");
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
  EXPECT_EQ(standard.Summary(), (std::vector<std::string>{"SFN1100 error Try [Try -> Pause -> Try]"}));
  EXPECT_NE(standard.findings[0].message.find("7 events per iteration"), std::string::npos)
      << standard.findings[0].message;
  EXPECT_NE(standard.findings[0].message.find("at most 3,571 iterations fit"), std::string::npos);
  LintOptions express;
  express.limit = 0;
  EXPECT_TRUE(LintText(retry_loop, express).findings.empty());
}

}  // namespace
}  // namespace asl
