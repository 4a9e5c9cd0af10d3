// The definition parser: Retry and Catch.
// https://states-language.net/spec.html#errors
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// Documented retrier ranges: IntervalSeconds 1–99999999, MaxAttempts 0–99999999,
// BackoffRate >= 1.0, MaxDelaySeconds 1–31622401, JitterStrategy FULL | NONE.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/testutil/parse_helpers.h"

namespace asl {
namespace {

using ::sfnsim_test::AssertParse;
using ::sfnsim_test::OneState;
using ::sfnsim_test::ParseCodes;
using ::sfnsim_test::ParseDiagnostics;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A Task "S" with the given Retry value, and a terminal state "T" for catchers.
std::string WithRetry(std::string_view retry) {
  return OneState(std::string(R"({"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                                  "End": true, "Retry": )") + std::string(retry) + "}");
}

// A Task "S" with the given Catch value; catchers may go to "T" or "U".
std::string WithCatch(std::string_view catchers) {
  return OneState(std::string(R"({"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                                  "End": true, "Catch": )") + std::string(catchers) + "}",
                  R"json("T": {"Type": "Succeed"}, "U": {"Type": "Fail"})json");
}

// The retrier `fields` (JSON members) with ErrorEquals ["E"].
std::vector<std::string> RetrierProblems(std::string_view fields) {
  return ParseDiagnostics(WithRetry(std::string(R"([{"ErrorEquals": ["E"], )") +
                                    std::string(fields) + "}]"));
}

// --- Retry ---------------------------------------------------------------------------------

TEST(ParserRetryTest, EveryFieldAndTheDefaults) {
  auto machine = AssertParse(WithRetry(R"json([
    {"ErrorEquals": ["States.Timeout", "Custom.Error"], "Comment": "c", "IntervalSeconds": 3,
     "MaxAttempts": 5, "BackoffRate": 1.5, "MaxDelaySeconds": 10, "JitterStrategy": "FULL"},
    {"ErrorEquals": ["States.ALL"]}])json"));
  ASSERT_NE(machine, nullptr);
  const std::vector<Retrier>& retriers = machine->states[0].retriers;
  ASSERT_EQ(retriers.size(), 2u);
  EXPECT_THAT(retriers[0].error_equals, ElementsAre("States.Timeout", "Custom.Error"));
  EXPECT_EQ(retriers[0].interval_seconds, 3);
  EXPECT_EQ(retriers[0].max_attempts, 5);
  EXPECT_EQ(retriers[0].backoff_rate, 1.5);
  EXPECT_EQ(retriers[0].max_delay_seconds, 10);
  EXPECT_EQ(retriers[0].jitter, JitterStrategy::kFull);
  EXPECT_EQ(retriers[1].interval_seconds, 1);
  EXPECT_EQ(retriers[1].max_attempts, 3);
  EXPECT_EQ(retriers[1].backoff_rate, 2.0);
  EXPECT_FALSE(retriers[1].max_delay_seconds.has_value());
  EXPECT_EQ(retriers[1].jitter, JitterStrategy::kNone);
}

TEST(ParserRetryTest, EmptyRetryIsFine) {
  EXPECT_THAT(ParseDiagnostics(WithRetry("[]")), IsEmpty());
}

TEST(ParserRetryTest, Shape) {
  EXPECT_THAT(ParseDiagnostics(WithRetry("{}")),
              ElementsAre("/States/S/Retry: expected an array, got object"));
  EXPECT_THAT(ParseDiagnostics(WithRetry(R"json(["States.ALL", {}])json")),
              ElementsAre("/States/S/Retry/0: expected a retrier object, got string "
                          "\"States.ALL\"",
                          "/States/S/Retry/1: required field \"ErrorEquals\" is missing"));
}

TEST(ParserRetryTest, ErrorEquals) {
  EXPECT_THAT(ParseDiagnostics(WithRetry(R"json([{"ErrorEquals": []}])json")),
              ElementsAre("/States/S/Retry/0/ErrorEquals: ErrorEquals must name at least one "
                          "error"));
  EXPECT_THAT(ParseCodes(WithRetry(R"json([{"ErrorEquals": []}])json")), ElementsAre("SFN0302"));
  EXPECT_THAT(ParseDiagnostics(WithRetry(R"json([{"ErrorEquals": "States.ALL"}])json")),
              ElementsAre("/States/S/Retry/0/ErrorEquals: expected an array, got string "
                          "\"States.ALL\""));
  EXPECT_THAT(ParseDiagnostics(WithRetry(R"json([{"ErrorEquals": ["A", 1, null]}])json")),
              ElementsAre("/States/S/Retry/0/ErrorEquals/1: expected an error name string, got "
                          "number 1",
                          "/States/S/Retry/0/ErrorEquals/2: expected an error name string, got "
                          "null"));
}

TEST(ParserRetryTest, IntervalSeconds) {
  EXPECT_THAT(RetrierProblems(R"("IntervalSeconds": 99999999)"), IsEmpty());
  EXPECT_THAT(RetrierProblems(R"("IntervalSeconds": 0)"),
              ElementsAre("/States/S/Retry/0/IntervalSeconds: 0 is out of range: expected an "
                          "integer from 1 to 99999999"));
  EXPECT_THAT(RetrierProblems(R"("IntervalSeconds": 100000000)"),
              ElementsAre("/States/S/Retry/0/IntervalSeconds: 100000000 is out of range: "
                          "expected an integer from 1 to 99999999"));
  EXPECT_THAT(RetrierProblems(R"("IntervalSeconds": 2.5)"),
              ElementsAre("/States/S/Retry/0/IntervalSeconds: expected an integer, got number "
                          "2.5"));
  EXPECT_THAT(ParseCodes(WithRetry(R"json([{"ErrorEquals": ["E"], "IntervalSeconds": 0}])json")),
              ElementsAre("SFN0103"));
}

TEST(ParserRetryTest, MaxAttempts) {
  EXPECT_THAT(RetrierProblems(R"("MaxAttempts": 0)"), IsEmpty());
  EXPECT_THAT(RetrierProblems(R"("MaxAttempts": 99999999)"), IsEmpty());
  EXPECT_THAT(RetrierProblems(R"("MaxAttempts": -1)"),
              ElementsAre("/States/S/Retry/0/MaxAttempts: -1 is out of range: expected an "
                          "integer from 0 to 99999999"));
  EXPECT_THAT(RetrierProblems(R"("MaxAttempts": 100000000)"),
              ElementsAre("/States/S/Retry/0/MaxAttempts: 100000000 is out of range: expected "
                          "an integer from 0 to 99999999"));
  EXPECT_THAT(RetrierProblems(R"("MaxAttempts": "3")"),
              ElementsAre("/States/S/Retry/0/MaxAttempts: expected an integer, got string "
                          "\"3\""));
}

TEST(ParserRetryTest, BackoffRate) {
  EXPECT_THAT(RetrierProblems(R"("BackoffRate": 1)"), IsEmpty());
  EXPECT_THAT(RetrierProblems(R"("BackoffRate": 1.0)"), IsEmpty());
  EXPECT_THAT(RetrierProblems(R"("BackoffRate": 1e12)"), IsEmpty());
  EXPECT_THAT(RetrierProblems(R"("BackoffRate": 0.99)"),
              ElementsAre("/States/S/Retry/0/BackoffRate: 0.99 is out of range: expected a "
                          "number of at least 1"));
  EXPECT_THAT(RetrierProblems(R"("BackoffRate": -2)"),
              ElementsAre("/States/S/Retry/0/BackoffRate: -2 is out of range: expected a "
                          "number of at least 1"));
  EXPECT_THAT(RetrierProblems(R"("BackoffRate": "2")"),
              ElementsAre("/States/S/Retry/0/BackoffRate: expected a number, got string "
                          "\"2\""));
}

TEST(ParserRetryTest, MaxDelaySeconds) {
  EXPECT_THAT(RetrierProblems(R"("MaxDelaySeconds": 1)"), IsEmpty());
  EXPECT_THAT(RetrierProblems(R"("MaxDelaySeconds": 31622401)"), IsEmpty());
  EXPECT_THAT(RetrierProblems(R"("MaxDelaySeconds": 0)"),
              ElementsAre("/States/S/Retry/0/MaxDelaySeconds: 0 is out of range: expected an "
                          "integer from 1 to 31622401"));
  EXPECT_THAT(RetrierProblems(R"("MaxDelaySeconds": 31622402)"),
              ElementsAre("/States/S/Retry/0/MaxDelaySeconds: 31622402 is out of range: "
                          "expected an integer from 1 to 31622401"));
  EXPECT_THAT(RetrierProblems(R"("MaxDelaySeconds": 3.5)"),
              ElementsAre("/States/S/Retry/0/MaxDelaySeconds: expected an integer, got number "
                          "3.5"));
}

TEST(ParserRetryTest, JitterStrategy) {
  EXPECT_THAT(RetrierProblems(R"("JitterStrategy": "NONE")"), IsEmpty());
  EXPECT_THAT(RetrierProblems(R"("JitterStrategy": "FULL")"), IsEmpty());
  EXPECT_THAT(RetrierProblems(R"("JitterStrategy": "full")"),
              ElementsAre("/States/S/Retry/0/JitterStrategy: unknown JitterStrategy \"full\": "
                          "expected \"FULL\" or \"NONE\""));
  EXPECT_THAT(RetrierProblems(R"("JitterStrategy": true)"),
              ElementsAre("/States/S/Retry/0/JitterStrategy: expected a string, got boolean "
                          "true"));
  EXPECT_THAT(ParseCodes(WithRetry(R"json([{"ErrorEquals": ["E"], "JitterStrategy": "X"}])json")),
              ElementsAre("SFN0114"));
}

TEST(ParserRetryTest, UnknownRetrierFields) {
  EXPECT_THAT(RetrierProblems(R"("MaxAttempt": 1, "Next": "T")"),
              ElementsAre("/States/S/Retry/0/MaxAttempt: field \"MaxAttempt\" is not valid in a "
                          "retrier (did you mean \"MaxAttempts\"?)",
                          "/States/S/Retry/0/Next: field \"Next\" is not valid in a retrier"));
}

TEST(ParserRetryTest, StatesAllMustBeAloneAndLast) {
  EXPECT_THAT(ParseDiagnostics(WithRetry(R"json([{"ErrorEquals": ["States.ALL", "E"]}])json")),
              ElementsAre("/States/S/Retry/0/ErrorEquals: \"States.ALL\" must appear alone in "
                          "ErrorEquals"));
  EXPECT_THAT(ParseDiagnostics(WithRetry(R"json([{"ErrorEquals": ["States.ALL"]},
                                                  {"ErrorEquals": ["E"]}])json")),
              ElementsAre("/States/S/Retry/0/ErrorEquals: the retrier with \"States.ALL\" must "
                          "be the last one in Retry"));
  EXPECT_THAT(ParseCodes(WithRetry(R"json([{"ErrorEquals": ["E", "States.ALL"]},
                                            {"ErrorEquals": ["F"]}])json")),
              ElementsAre("SFN0300", "SFN0301"));
}

TEST(ParserRetryTest, UnknownStatesErrorNameIsAWarning) {
  EXPECT_THAT(ParseDiagnostics(WithRetry(R"json([{"ErrorEquals": ["States.Timeot",
                                                                   "States.TaskFailed"]}])json")),
              ElementsAre("/States/S/Retry/0/ErrorEquals/0: \"States.Timeot\" is not an error "
                          "name the States language defines and no Fail state of the definition "
                          "throws it, so it never matches (warning)"));
  for (const char* name : {"States.ALL", "States.BranchFailed", "States.DataLimitExceeded",
                           "States.ExceedToleratedFailureThreshold", "States.HeartbeatTimeout",
                           "States.Http.Socket", "States.IntrinsicFailure",
                           "States.ItemReaderFailed", "States.NoChoiceMatched",
                           "States.ParameterPathFailure", "States.Permissions",
                           "States.QueryEvaluationError", "States.ReferencePathConflict",
                           "States.ResultPathMatchFailure", "States.ResultWriterFailed",
                           "States.Runtime", "States.TaskFailed", "States.Timeout"}) {
    EXPECT_THAT(ParseDiagnostics(WithRetry(std::string(R"([{"ErrorEquals": [")") + name +
                                           R"("]}])")),
                IsEmpty())
        << name;
  }
}

// Issue 16 (19): a Fail state of the definition (at any depth) may throw a States.* name the
// language does not define; a Catch naming it does match then.
TEST(ParserRetryTest, StatesErrorThrownByAFailStateIsNotReported) {
  std::string catch_it = R"json({"Type": "Parallel", "Next": "T",
      "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail",
                                                    "Error": "States.MyOwn"}}}],
      "Catch": [{"ErrorEquals": ["States.MyOwn"], "Next": "T"}]})json";
  EXPECT_THAT(ParseDiagnostics(OneState(catch_it, R"json("T": {"Type": "Succeed"})json")),
              IsEmpty());
  // Another name is still reported.
  std::string other = R"json({"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
      "Next": "T", "Catch": [{"ErrorEquals": ["States.Other"], "Next": "T"}]})json";
  EXPECT_THAT(ParseCodes(OneState(other, R"json("T": {"Type": "Fail",
                                                      "Error": "States.MyOwn"})json")),
              ElementsAre("SFN0303"));
  // A Fail state whose error is computed may throw any name.
  EXPECT_THAT(ParseCodes(OneState(other, R"json("T": {"Type": "Fail",
                                                      "ErrorPath": "$.name"})json")),
              IsEmpty());
}

// --- Catch ---------------------------------------------------------------------------------

TEST(ParserCatchTest, EveryField) {
  auto machine = AssertParse(WithCatch(R"json([
    {"ErrorEquals": ["Custom"], "Next": "T", "ResultPath": "$.error", "Comment": "c"},
    {"ErrorEquals": ["States.ALL"], "Next": "U", "ResultPath": null}])json"));
  ASSERT_NE(machine, nullptr);
  const std::vector<Catcher>& catchers = machine->states[0].catchers;
  ASSERT_EQ(catchers.size(), 2u);
  EXPECT_THAT(catchers[0].error_equals, ElementsAre("Custom"));
  EXPECT_EQ(catchers[0].next, machine->Find("T"));
  EXPECT_EQ(catchers[0].result_path.kind, ResultPathField::Kind::kPath);
  EXPECT_EQ(catchers[1].next, machine->Find("U"));
  EXPECT_EQ(catchers[1].result_path.kind, ResultPathField::Kind::kNull);
}

TEST(ParserCatchTest, Shape) {
  EXPECT_THAT(ParseDiagnostics(WithCatch(R"json("T")json")),
              ElementsAre("/States/S/Catch: expected an array, got string \"T\"",
                          "/States/T: state \"T\" is not reachable from StartAt \"S\"",
                          "/States/U: state \"U\" is not reachable from StartAt \"S\""));
  EXPECT_THAT(ParseDiagnostics(WithCatch(R"json([{"ErrorEquals": ["E"], "Next": "T"},
                                                  7, {"ErrorEquals": ["F"]}])json")),
              ElementsAre("/States/S/Catch/1: expected a catcher object, got number 7",
                          "/States/S/Catch/2: required field \"Next\" is missing",
                          "/States/U: state \"U\" is not reachable from StartAt \"S\""));
}

TEST(ParserCatchTest, NextMustNameAState) {
  EXPECT_THAT(ParseDiagnostics(WithCatch(R"json([{"ErrorEquals": ["E"], "Next": "T"},
                                                  {"ErrorEquals": ["F"], "Next": "V"}])json")),
              ElementsAre("/States/S/Catch/1/Next: state \"V\" does not exist",
                          "/States/U: state \"U\" is not reachable from StartAt \"S\""));
  EXPECT_THAT(ParseDiagnostics(WithCatch(R"json([{"ErrorEquals": ["E"], "Next": 1}])json")),
              ElementsAre("/States/S/Catch/0/Next: expected a string, got number 1",
                          "/States/T: state \"T\" is not reachable from StartAt \"S\"",
                          "/States/U: state \"U\" is not reachable from StartAt \"S\""));
}

TEST(ParserCatchTest, ResultPath) {
  EXPECT_THAT(ParseDiagnostics(WithCatch(R"json([{"ErrorEquals": ["E"], "Next": "T",
                                                   "ResultPath": "$.a[0:1]"},
                                                  {"ErrorEquals": ["F"], "Next": "U",
                                                   "ResultPath": "$$.x"}])json")),
              ElementsAre("/States/S/Catch/0/ResultPath: \"$.a[0:1]\" is not a reference path: "
                          "a slice ([a:b]) is not allowed (only names and non-negative indexes "
                          "are)",
                          "/States/S/Catch/1/ResultPath: \"$$.x\" refers to the Context object "
                          "($$), which this field cannot use"));
}

TEST(ParserCatchTest, StatesAllMustBeAloneAndLast) {
  EXPECT_THAT(ParseDiagnostics(WithCatch(R"json([{"ErrorEquals": ["States.ALL"], "Next": "T"},
                                                  {"ErrorEquals": ["E", "States.ALL"],
                                                   "Next": "U"}])json")),
              ElementsAre("/States/S/Catch/0/ErrorEquals: the catcher with \"States.ALL\" must "
                          "be the last one in Catch",
                          "/States/S/Catch/1/ErrorEquals: \"States.ALL\" must appear alone in "
                          "ErrorEquals"));
  EXPECT_THAT(ParseDiagnostics(WithCatch(R"json([{"ErrorEquals": [], "Next": "T"},
                                                  {"Next": "U"}])json")),
              ElementsAre("/States/S/Catch/0/ErrorEquals: ErrorEquals must name at least one "
                          "error",
                          "/States/S/Catch/1: required field \"ErrorEquals\" is missing"));
}

TEST(ParserCatchTest, UnknownFieldsAndAssign) {
  EXPECT_THAT(ParseDiagnostics(WithCatch(R"json([{"ErrorEquals": ["E"], "Next": "T",
                                                   "ResultPth": "$.e", "Assign": {"x": 1},
                                                   "Output": {}}])json")),
              ElementsAre("/States/S/Catch/0/ResultPth: field \"ResultPth\" is not valid in a "
                          "catcher (did you mean \"ResultPath\"?)",
                          "/States/S/Catch/0/Output: field \"Output\" is not valid in a catcher",
                          "/States/U: state \"U\" is not reachable from StartAt \"S\""));
}

// --- Which states take Retry and Catch -----------------------------------------------------

TEST(ParserRetryTest, ParallelAndMapTakeRetryAndCatch) {
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "P", "States": {
    "P": {"Type": "Parallel", "Next": "M",
          "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}],
          "Retry": [{"ErrorEquals": ["States.BranchFailed"], "MaxAttempts": 1}],
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F"}]},
    "M": {"Type": "Map", "End": true,
          "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}},
          "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 0}],
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F"}]},
    "F": {"Type": "Fail"}}})json"),
              IsEmpty());
}

}  // namespace
}  // namespace asl
