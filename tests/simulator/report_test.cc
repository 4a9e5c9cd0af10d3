// The report of a run: the trace a run records for it (state tallies that add up to the history,
// the histories kept, failures with their handling, the graphs), the JSON summary, the page's
// data (completion as the text summary computes it, listing caps) and the HTML page itself
// (the summary embedded verbatim, script-safe, the same bytes for the same run).

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "simulator/report/html_report.h"
#include "simulator/report/report_data.h"
#include "simulator/scenario/run_trace.h"
#include "simulator/scenario/scenario.h"
#include "simulator/scenario/scenario_run.h"
#include "simulator/scenario/summary_json.h"

namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;
using testing::Not;

// A parent that publishes 12 items through a fault that fires half the time (caught), then starts
// a child that fails; its Catch ends the parent successfully.
constexpr const char* kScenario = R"Y(
seed: 11
sns: {topics: [{name: t}]}
faults: [{service: sns, api: publish, rate: 0.5}]
state_machines:
  - name: Child
    definition:
      StartAt: Work
      States:
        Work: {Type: Pass, Next: Boom}
        Boom: {Type: Fail, Error: Child.Broke, Cause: "it broke </script>"}
  - name: Parent
    definition:
      StartAt: Each
      States:
        Each:
          Type: Map
          ItemsPath: $.items
          ItemProcessor:
            StartAt: Publish
            States:
              Publish:
                Type: Task
                Resource: arn:aws:states:::sns:publish
                Parameters:
                  TopicArn: arn:aws:sns:us-east-1:123456789012:t
                  Message.$: States.Format('item-{}', $)
                Catch: [{ErrorEquals: [States.ALL], Next: Lost}]
                End: true
              Lost: {Type: Pass, End: true}
          ResultPath: null
          Next: StartChild
        StartChild:
          Type: Task
          Resource: arn:aws:states:::states:startExecution.sync:2
          Parameters:
            StateMachineArn: arn:aws:states:us-east-1:123456789012:stateMachine:Child
            Name: child-1
          Catch: [{ErrorEquals: [States.ALL], ResultPath: $.error, Next: Done}]
          Next: Done
        Done: {Type: Succeed}
start:
  state_machine: Parent
  name: parent-run
  input: {items: [0,1,2,3,4,5,6,7,8,9,10,11]}
)Y";

class ReportTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sfnsim_report_" + std::to_string(getpid()) + "_" +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "s.yaml") << kScenario;
    auto scenario = sim::LoadScenario((dir_ / "s.yaml").string());
    ASSERT_TRUE(scenario.ok()) << asl::FormatDiagnostic(scenario.error().items()[0], {});
    scenario_ = std::move(scenario.value());
  }
  void TearDown() override { fs::remove_all(dir_); }

  sim::ScenarioReport Run(bool trace) {
    sim::RunOptions options;
    options.trace = trace;
    return sim::RunScenario(scenario_, options);
  }

  fs::path dir_;
  sim::Scenario scenario_;
};

TEST_F(ReportTest, TheTraceTalliesAddUpToEachHistory) {
  sim::ScenarioReport report = Run(true);
  ASSERT_TRUE(report.setup_error.empty()) << report.setup_error;
  ASSERT_NE(report.trace, nullptr);
  const sim::RunTrace& trace = *report.trace;
  ASSERT_EQ(report.executions.size(), 2u);
  for (const sim::ExecutionRecord& e : report.executions) {
    const sim::ExecutionTrace& t = *trace.executions.at(sim::RunTrace::Key(e.state_machine, e.name));
    int64_t events = 0;
    for (const sim::StateTally& s : t.states) events += s.events;
    EXPECT_EQ(events, e.history_events) << e.name;
    EXPECT_EQ(t.event_count, e.history_events) << e.name;
  }
  const sim::ExecutionTrace& parent = *trace.executions.at("Parent/parent-run");
  auto entered = [&](const std::string& state) {
    for (size_t i = 0; i < parent.state_names.size(); ++i) {
      if (parent.state_names[i] == state) return parent.states[i].entered;
    }
    return int64_t{-1};
  };
  EXPECT_EQ(entered("Each"), 1);
  EXPECT_EQ(entered("Publish"), 12);  // one per item
  EXPECT_EQ(entered("StartChild"), 1);
  // The parent (the starting execution) and the failed child keep their histories.
  EXPECT_TRUE(parent.history_kept);
  EXPECT_EQ(static_cast<int64_t>(parent.events.size()), report.executions[0].history_events);
  const sim::ExecutionTrace& child = *trace.executions.at("Child/child-1");
  EXPECT_TRUE(child.failed);
  EXPECT_TRUE(child.history_kept);
  ASSERT_GE(child.events.back().error, 0);
  EXPECT_EQ(child.errors[child.events.back().error], "Child.Broke: it broke </script>");
  // Graphs of both machines; per-machine sums.
  EXPECT_EQ(trace.graphs_json.size(), 2u);
  EXPECT_EQ(trace.per_machine.at("Parent").at("Publish").entered, 12);
}

TEST_F(ReportTest, FailuresAreRecordedWithTheirHandling) {
  sim::ScenarioReport report = Run(true);
  const sim::RunTrace& trace = *report.trace;
  int64_t caught_publishes = 0, caught_children = 0;
  for (const sim::FailureMark& f : trace.failures) {
    if (f.state == "Publish" && f.handling == sim::FailureHandling::kCaught) ++caught_publishes;
    if (f.state == "StartChild" && f.handling == sim::FailureHandling::kCaught) ++caught_children;
  }
  EXPECT_EQ(caught_publishes, report.faults_caught);
  EXPECT_GT(caught_publishes, 0);
  EXPECT_EQ(caught_children, 1);
}

TEST_F(ReportTest, TracingChangesNoFigure) {
  sim::ScenarioReport plain = Run(false);
  sim::ScenarioReport traced = Run(true);
  EXPECT_EQ(plain.trace, nullptr);
  EXPECT_EQ(sim::RunSummaryJson(plain), sim::RunSummaryJson(traced));
}

TEST_F(ReportTest, TheSummaryJsonHasTheTextSummarysFigures) {
  sim::ScenarioReport report = Run(false);
  asl::Json run = sim::RunSummaryJson(report);
  EXPECT_EQ(run["scenario"], "s");
  EXPECT_EQ(run["seed"], 11);
  EXPECT_EQ(run["status"], "SUCCEEDED");
  EXPECT_EQ(run["executions"]["started"], 2);
  EXPECT_EQ(run["executions"]["by_status"]["FAILED"], 1);
  EXPECT_EQ(run["published"], static_cast<int64_t>(report.published.size()));
  EXPECT_EQ(run["faults"]["caught"], report.faults_caught);
  EXPECT_EQ(run["history"]["largest"], report.executions[0].history_events);
  EXPECT_EQ(run["history"]["margin"], 25'000 - report.executions[0].history_events);
  EXPECT_EQ(run["duration_ms"], report.duration_ms);

  sim::ScenarioReport failed;
  failed.scenario = "x";
  failed.setup_error = "no state machine \"M\"";
  asl::Json not_run = sim::RunSummaryJson(failed);
  EXPECT_EQ(not_run["status"], "NOT_RUN");
  EXPECT_EQ(not_run["passed"], false);
  EXPECT_EQ(not_run["setup_error"], "no state machine \"M\"");
}

// Completion at eight points is the text summary's table: a row published at exactly a column's
// time counts in that column.
TEST(ReportDataTest, CompletionCountsAsTheTextSummaryDoes) {
  sim::ScenarioReport report;
  report.buckets = {"", "a", "b"};
  report.duration_ms = 800;
  report.executions.push_back({});
  for (int64_t t : {100, 100, 250, 800}) report.published.push_back({t, 1});
  report.published.push_back({400, 2});
  asl::Json detail = sim::ReportRunDetail(report);
  const asl::Json& table = detail["completion_table"];
  EXPECT_EQ(table["times"], asl::Json::parse("[100,200,300,400,500,600,700,800]"));
  ASSERT_EQ(table["series"].size(), 2u);  // buckets with rows only
  EXPECT_EQ(table["series"][0]["bucket"], "a");
  EXPECT_EQ(table["series"][0]["rows"], 4);
  EXPECT_EQ(table["series"][0]["done"], asl::Json::parse("[2,2,3,3,3,3,3,4]"));
  EXPECT_EQ(table["series"][1]["done"], asl::Json::parse("[0,0,0,1,1,1,1,1]"));
}

TEST(ReportDataTest, ThousandsOfExecutionsAreCountedPerBucketAndListedUpToTheCap) {
  sim::ScenarioReport report;
  report.buckets = {"", "m"};
  report.duration_ms = 10'000;
  sim::ExecutionRecord root;
  root.name = "root";
  root.status = "SUCCEEDED";
  report.executions.push_back(root);
  for (int i = 0; i < 5'000; ++i) {
    sim::ExecutionRecord child;
    child.name = "c" + std::to_string(i);
    child.bucket = "m";
    child.express = true;
    child.status = i == 4'321 ? "FAILED" : "SUCCEEDED";
    child.start_ms = i;
    child.stop_ms = i + 10;
    report.executions.push_back(child);
  }
  asl::Json detail = sim::ReportRunDetail(report);
  EXPECT_EQ(detail["executions_total"], 5'001);
  ASSERT_EQ(detail["executions"].size(), sim::kMaxListedExecutions);
  bool failed_listed = false;
  for (const asl::Json& row : detail["executions"]) failed_listed |= row[0] == "c4321";
  EXPECT_TRUE(failed_listed);
  // [label, executions, first start, last stop, not succeeded, largest history, published]
  EXPECT_EQ(detail["buckets"][1], asl::Json::parse(R"(["m",5000,0,5009,1,0,0])"));
}

TEST_F(ReportTest, ThePageEmbedsTheSummaryVerbatimAndIsScriptSafe) {
  std::vector<sim::ScenarioReport> runs = {Run(true)};
  sim::HtmlReportInput input;
  input.runs = &runs;
  input.version = "9.9.9";
  input.command = "sfnsim run s.yaml";
  input.title = "s";
  std::string page = sim::RenderHtmlReport(input);
  const std::string open = "<script type=\"application/json\" id=\"sfnsim-data\">";
  size_t begin = page.find(open);
  ASSERT_NE(begin, std::string::npos);
  begin += open.size();
  size_t end = page.find("</script>", begin);
  asl::Json embedded = asl::Json::parse(page.substr(begin, end - begin));
  EXPECT_EQ(embedded, sim::SummaryDocument(runs, "9.9.9"));
  // The child's cause holds "</script>": only the page's own three script elements close.
  size_t closes = 0;
  for (size_t at = page.find("</script>"); at != std::string::npos;
       at = page.find("</script>", at + 1)) {
    ++closes;
  }
  EXPECT_EQ(closes, 3u);  // sfnsim-data, sfnsim-detail, the page's script
  EXPECT_THAT(page, HasSubstr("it broke \\u003c/script>"));
  // Nothing is fetched: no external script, style sheet, image or font.
  EXPECT_THAT(page, Not(HasSubstr("src=")));
  EXPECT_THAT(page, Not(HasSubstr("<link")));
  EXPECT_THAT(page, Not(HasSubstr("@import")));
  EXPECT_THAT(page, Not(HasSubstr("url(http")));
  EXPECT_EQ(page, sim::RenderHtmlReport(input));  // the same bytes again
}

}  // namespace
