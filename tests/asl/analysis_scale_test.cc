// Graph analyses on big definitions (issue 16, item 3): a 50,000-state chain overflowed the
// stack in the cycle search, and lint took 152 s on a 30,000-state chain. Every analysis must
// run without recursion and in near-linear time. The bounds below are CPU time: validate, lint
// and budget of 30,000 states take about 1.5 s in a Debug build (under 0.3 s in Release); a
// quadratic algorithm needs minutes at this size. They leave room for a sanitizer build.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <time.h>

#include <string>

#include "asl/analysis/history_budget.h"
#include "asl/analysis/lint.h"
#include "asl/analysis/state_graph.h"
#include "asl/load/json_text.h"
#include "asl/validate/definition_parser.h"

namespace asl {
namespace {

// CPU time of this thread: the machine may be shared, and only the work done here is bounded.
struct Clock {
  using time_point = double;
  static double now() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
  }
};

// S0 -> S1 -> ... -> S{n-1}; `last` is the last state's transition ("End": true, or a
// "Next").
Json Chain(int n, const std::string& last = R"("End": true)") {
  std::string text = fmt::format(R"({{"StartAt": "S0", "States": {{)");
  for (int i = 0; i < n; ++i) {
    if (i > 0) text += ",";
    text += fmt::format(R"("S{}": {{"Type": "Pass", )", i);
    text += i + 1 < n ? fmt::format(R"("Next": "S{}"}})", i + 1) : last + "}";
  }
  text += "}}";
  // asl's parser: nlohmann's own parse of an ordered_json object is quadratic in its members.
  auto parsed = ParseJson(text);
  EXPECT_TRUE(parsed.ok());
  return parsed.ok() ? std::move(parsed->value) : Json();
}

struct Analyzed {
  ParsedDefinition parsed;
  std::unique_ptr<StateGraph> graph;
};

Analyzed Parse(const Json& document) {
  Analyzed out;
  out.parsed = ParseDefinition(document);
  EXPECT_NE(out.parsed.machine, nullptr);
  if (out.parsed.machine) {
    out.graph = std::make_unique<StateGraph>(StateGraph::Build(*out.parsed.machine));
  }
  return out;
}

double Seconds(double since) { return Clock::now() - since; }

TEST(AnalysisScaleTest, FiftyThousandStateChain) {
  Json document = Chain(50000);
  Analyzed a = Parse(document);
  ASSERT_NE(a.parsed.machine, nullptr);
  BudgetReport report = AnalyzeHistoryBudget(*a.parsed.machine, *a.graph, BudgetOptions{});
  EXPECT_TRUE(report.loops.empty());
  ASSERT_EQ(report.paths.size(), 1u);
  EXPECT_EQ(report.paths[0].path.size(), 50000u);
  EXPECT_EQ(report.paths[0].nominal_total, 2 + 2 * 50000);
  EXPECT_TRUE(LintDefinition(*a.parsed.machine, *a.graph, &document).empty());
}

TEST(AnalysisScaleTest, ThirtyThousandStateChainIsNearLinear) {
  Json document = Chain(30000);
  auto start = Clock::now();
  Analyzed a = Parse(document);
  ASSERT_NE(a.parsed.machine, nullptr);
  std::vector<LintFinding> findings = LintDefinition(*a.parsed.machine, *a.graph, &document);
  BudgetReport report = AnalyzeHistoryBudget(*a.parsed.machine, *a.graph, BudgetOptions{});
  double seconds = Seconds(start);
  EXPECT_TRUE(findings.empty());
  EXPECT_EQ(report.paths.size(), 1u);
  EXPECT_LT(seconds, 10.0) << "validate + lint + budget of a 30,000-state chain";
  RecordProperty("cpu_seconds", std::to_string(seconds));
}

// The whole chain is one loop: one cycle of 30,000 states, entered at StartAt.
TEST(AnalysisScaleTest, ThirtyThousandStateLoop) {
  Json document = Chain(30000, R"("Next": "Check")");
  document["States"]["Check"] = Json::parse(R"({"Type": "Choice",
      "Choices": [{"Variable": "$.more", "BooleanEquals": true, "Next": "S0"}],
      "Default": "Done"})");
  document["States"]["Done"] = Json::parse(R"({"Type": "Succeed"})");
  auto start = Clock::now();
  Analyzed a = Parse(document);
  ASSERT_NE(a.parsed.machine, nullptr);
  std::vector<LintFinding> findings = LintDefinition(*a.parsed.machine, *a.graph, &document);
  BudgetReport report = AnalyzeHistoryBudget(*a.parsed.machine, *a.graph, BudgetOptions{});
  double seconds = Seconds(start);
  EXPECT_LT(seconds, 10.0) << "validate + lint + budget of a 30,000-state loop";
  RecordProperty("cpu_seconds", std::to_string(seconds));
  ASSERT_EQ(report.loops.size(), 1u);
  ASSERT_EQ(report.loops[0].cycles.size(), 1u);
  EXPECT_EQ(report.loops[0].cycles[0].size(), 30001u);
  EXPECT_EQ(report.loops[0].nominal_formula[0].constant, 2 * 30001);
  // 60,002 events per iteration: not one iteration fits under the limit.
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].code, LintCode::kIterationDoesNotFit);
  EXPECT_EQ(findings[0].state, "S0");
}

// Every state of a long chain leads into a loop that never ends: one finding per state, each
// path printed short, found in one pass (not one search per state).
TEST(AnalysisScaleTest, LongChainIntoALoopWithoutExit) {
  Json document = Chain(30000, R"("Next": "Spin")");
  document["States"]["Spin"] = Json::parse(R"({"Type": "Pass", "Next": "Spin"})");
  document["States"]["Exit"] = Json::parse(R"({"Type": "Succeed"})");
  document["States"]["S0"] = Json::parse(R"({"Type": "Choice",
      "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Exit"}], "Default": "S1"})");
  auto start = Clock::now();
  Analyzed a = Parse(document);
  ASSERT_NE(a.parsed.machine, nullptr);
  std::vector<LintFinding> findings = LintDefinition(*a.parsed.machine, *a.graph, &document);
  EXPECT_LT(Seconds(start), 10.0);
  size_t no_terminal = 0;
  for (const LintFinding& f : findings) {
    if (f.code != LintCode::kNoTerminalReachable) continue;
    ++no_terminal;
    EXPECT_LT(f.path.size(), 400u) << f.path.substr(0, 200);
  }
  EXPECT_EQ(no_terminal, 29999u);  // S1 ... S29999
  const LintFinding& first = findings.front();
  EXPECT_EQ(first.state, "S1");
  EXPECT_EQ(first.path.substr(0, 12), "S1 -> S2 -> ");
  EXPECT_NE(first.path.find("... (29,984 more) -> "), std::string::npos) << first.path;
  EXPECT_EQ(first.path.substr(first.path.size() - 14), "S29999 -> Spin");
}

// Choices that double the paths at every step: 2^200 paths, of which the analyses list a
// bounded number, quickly.
TEST(AnalysisScaleTest, ExponentiallyManyPathsAreCapped) {
  std::string text = R"({"StartAt": "C0", "States": {)";
  for (int i = 0; i < 200; ++i) {
    text += fmt::format(R"("C{0}": {{"Type": "Choice", "Choices": [
        {{"Variable": "$.a", "IsPresent": true, "Next": "L{0}"}}], "Default": "R{0}"}},
      "L{0}": {{"Type": "Pass", "Next": "C{1}"}}, "R{0}": {{"Type": "Pass", "Next": "C{1}"}},)",
                        i, i + 1);
  }
  text += R"("C200": {"Type": "Succeed"}}})";
  Json document = std::move(ParseJson(text)->value);
  auto start = Clock::now();
  Analyzed a = Parse(document);
  ASSERT_NE(a.parsed.machine, nullptr);
  BudgetReport report = AnalyzeHistoryBudget(*a.parsed.machine, *a.graph, BudgetOptions{});
  EXPECT_LT(Seconds(start), 10.0);
  EXPECT_EQ(report.paths.size(), 64u);
  EXPECT_TRUE(report.paths_truncated);
}

}  // namespace
}  // namespace asl
