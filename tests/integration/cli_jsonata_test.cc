// JSONata state machines through the built sfnsim binary: execute (outputs, the EvaluationFailed
// event and its cause), and the commands downstream of the parser -- validate, lint, budget,
// graph and export -- on a JSONata definition (tests/data/jsonata/checker.asl.json).

#include <gtest/gtest.h>

#include <string>

#include "asl/base/json.h"
#include "tests/integration/cli_test_util.h"

namespace {

using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

const std::string kChecker = std::string(SFNSIM_SOURCE_DIR) + "/tests/data/jsonata/checker.asl.json";

constexpr const char* kJsonataMocks = R"({
  "StateMachines": {"checker": {"TestCases": {
    "Big": {"Call": "BigValue"},
    "Small": {"Call": "SmallValue"},
    "Throws": {"Call": "Throws"}}}},
  "MockedResponses": {
    "BigValue": {"0": {"Return": {"StatusCode": 200, "Payload": {"value": 42}}}},
    "SmallValue": {"0": {"Return": {"StatusCode": 200, "Payload": {"value": 3}}}},
    "Throws": {"0": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "boom"}}}}})";

struct JsonataFixture {
  ScratchDir dir;
  std::string definition = dir.Write("checker.asl.json", ScratchDir::Read(kChecker));
  std::string mocks = dir.Write("mocks.json", kJsonataMocks);
  std::string input = dir.Write("input.json", R"({"n": 1})");

  asl::Json Execute(const std::string& test_case, int expected_exit) {
    auto r = RunSfnsim("execute " + definition + " --input " + input + " --mock-config " + mocks +
                           " --test-case " + test_case + " --history " + dir.Path("h.json"),
                       dir);
    EXPECT_EQ(r.exit_code, expected_exit) << r.err << r.out;
    return asl::Json::parse(r.out.empty() ? "{}" : r.out);
  }
  asl::Json History() { return asl::Json::parse(ScratchDir::Read(dir.Path("h.json"))); }
};

TEST(CliJsonataTest, ExecutesArgumentsOutputChoiceMapAndWait) {
  JsonataFixture f;
  asl::Json d = f.Execute("Big", 0);
  EXPECT_EQ(d["status"], "SUCCEEDED");
  // Items [1,2,3] times 42, summed by the Wait's Output.
  EXPECT_EQ(asl::Json::parse(d["output"].get<std::string>()), asl::Json::parse(R"({"total":252})"));
  // The Wait's Seconds expression ($count of the three results) waited 3 s.
  asl::Json history = f.History();
  std::string scheduled_parameters;
  for (const asl::Json& event : history["events"]) {
    if (event["type"] == "TaskScheduled") {
      scheduled_parameters = event["taskScheduledEventDetails"]["parameters"];
    }
  }
  EXPECT_EQ(asl::Json::parse(scheduled_parameters),
            asl::Json::parse(R"({"FunctionName":"f","Payload":{"n":1}})"));
}

TEST(CliJsonataTest, FailFieldsAndCatchOutputAreExpressions) {
  JsonataFixture f;
  asl::Json small = f.Execute("Small", 1);
  EXPECT_EQ(small["status"], "FAILED");
  EXPECT_EQ(small["error"], "TooSmall");
  EXPECT_EQ(small["cause"], "value is 3");
  JsonataFixture g;
  asl::Json thrown = g.Execute("Throws", 1);
  EXPECT_EQ(thrown["error"], "Lambda.ServiceException");
  EXPECT_EQ(thrown["cause"], "the call failed");
}

TEST(CliJsonataTest, AFailingExpressionWritesEvaluationFailed) {
  ScratchDir dir;
  std::string definition = dir.Write("bad.asl.json", R"({"QueryLanguage": "JSONata",
    "StartAt": "P", "States": {"P": {"Type": "Pass", "Output": {"x": "{% $states.input.a.b %}"},
                                     "End": true}}})");
  auto r = RunSfnsim("execute " + definition + " --history " + dir.Path("h.json"), dir);
  ASSERT_EQ(r.exit_code, 1) << r.err;
  asl::Json d = asl::Json::parse(r.out);
  EXPECT_EQ(d["error"], "States.QueryEvaluationError");
  EXPECT_EQ(d["cause"],
            "An error occurred while executing the state 'P' (entered at the event id #2). The "
            "JSONata expression '$states.input.a.b' specified for the field 'Output/x' returned "
            "nothing (undefined).");
  asl::Json events = asl::Json::parse(ScratchDir::Read(dir.Path("h.json")))["events"];
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[2]["type"], "EvaluationFailed");
  EXPECT_EQ(events[2]["previousEventId"], 0);
  EXPECT_EQ(events[2]["evaluationFailedEventDetails"]["location"], "Output/x");
  EXPECT_EQ(events[2]["evaluationFailedEventDetails"]["state"], "P");
  EXPECT_EQ(events[3]["previousEventId"], 3);
}

TEST(CliJsonataTest, ValidateLintBudgetGraphAndExportReadJsonata) {
  JsonataFixture f;
  auto validate = RunSfnsim("validate " + f.definition, f.dir);
  EXPECT_EQ(validate.exit_code, 0) << validate.out << validate.err;
  auto lint = RunSfnsim("lint " + f.definition + " --format json", f.dir);
  EXPECT_LE(lint.exit_code, 1) << lint.err;
  EXPECT_TRUE(asl::Json::accept(lint.out)) << lint.out;
  auto budget = RunSfnsim("budget " + f.definition + " --format json", f.dir);
  EXPECT_EQ(budget.exit_code, 0) << budget.err;
  EXPECT_TRUE(asl::Json::accept(budget.out)) << budget.out;
  auto graph = RunSfnsim("graph " + f.definition, f.dir);
  EXPECT_EQ(graph.exit_code, 0) << graph.err;
  EXPECT_NE(graph.out.find("Fan"), std::string::npos) << graph.out;
  auto exported = RunSfnsim("export " + f.definition + " --to cloudformation", f.dir);
  EXPECT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_NE(exported.out.find("{% $states.input.result.value > 10 %}"), std::string::npos);
}

TEST(CliJsonataTest, ValidateReportsASyntaxErrorAtItsPointer) {
  ScratchDir dir;
  std::string definition = dir.Write("bad.asl.json", R"({"QueryLanguage": "JSONata",
    "StartAt": "P", "States": {"P": {"Type": "Pass", "Output": {"x": "{% [1, %}"},
                                     "End": true}}})");
  auto r = RunSfnsim("validate " + definition, dir);
  EXPECT_EQ(r.exit_code, 1);
  std::string text = r.out + r.err;
  EXPECT_NE(text.find("/States/P/Output/x: invalid JSONata expression \"[1,\": S0"),
            std::string::npos)
      << text;
}

}  // namespace
