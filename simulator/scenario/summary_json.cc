#include "simulator/scenario/summary_json.h"

#include <cmath>
#include <map>

#include "simulator/scenario/bucket_figures.h"

namespace sim {

namespace {

constexpr int64_t kHistoryLimit = 25'000;

// Dollars to the hundredth of a cent, as they print: a JSON reader sees 2.5718, not
// 2.5717999999999996.
double RoundUsd(double usd) { return static_cast<double>(std::llround(usd * 10'000)) / 10'000; }

}  // namespace

asl::Json RunSummaryJson(const ScenarioReport& report) {
  asl::Json run = asl::Json::object();
  run["scenario"] = report.scenario;
  run["file"] = report.file;
  run["seed"] = report.seed;
  run["start_time"] = report.start_time;
  if (!report.setup_error.empty()) run["setup_error"] = report.setup_error;
  run["status"] = report.executions.empty() ? "NOT_RUN" : report.executions.front().status;
  run["passed"] = report.passed();
  if (report.halted) {
    run["halted"] = report.halt_reason.empty() ? "max_state_entries" : report.halt_reason;
  }
  run["duration_ms"] = report.duration_ms;

  std::map<std::string, int64_t> by_status;
  for (const ExecutionRecord& e : report.executions) ++by_status[e.status];
  run["executions"] = {{"started", report.executions.size()}, {"by_status", by_status}};
  run["published"] = static_cast<int64_t>(report.published.size());
  run["messages"] = report.messages_per_topic;
  if (report.rows) {
    run["rows"] = {{"expected", report.rows->expected}, {"once", report.rows->published_once},
                   {"duplicated", report.rows->duplicated}, {"lost", report.rows->lost},
                   {"unexpected", report.rows->unexpected}};
  }
  asl::Json history = {{"limit", kHistoryLimit}};
  if (const ExecutionRecord* largest = report.largest_history()) {
    history["largest"] = largest->history_events;
    history["execution"] = largest->name;
    history["margin"] = kHistoryLimit - largest->history_events;
  }
  run["history"] = std::move(history);

  const CostEstimate& c = report.cost;
  run["cost"] = {{"total_usd", RoundUsd(c.total_usd())},
                 {"step_functions_usd", RoundUsd(c.step_functions_usd)},
                 {"sns_usd", RoundUsd(c.sns_usd)},
                 {"athena_usd", RoundUsd(c.athena_usd)},
                 {"s3_usd", RoundUsd(c.s3_usd)},
                 {"standard_transitions", c.standard_transitions},
                 {"express_requests", c.express_requests},
                 {"sns_requests", c.sns_requests},
                 {"athena_billed_bytes", c.athena_billed_bytes},
                 {"s3_requests", c.s3_requests}};
  run["faults"] = {{"injected", report.faults_injected}, {"retried", report.faults_retried},
                   {"caught", report.faults_caught}, {"unhandled", report.faults_unhandled}};

  asl::Json buckets = asl::Json::array();
  if (report.setup_error.empty() && !report.executions.empty()) {
    for (const BucketFigures& b : SummarizeBuckets(report).buckets) {
      buckets.push_back({{"bucket", b.bucket}, {"rows", b.rows}, {"executions", b.executions},
                         {"duration_ms", b.duration_ms}, {"max_history", b.max_history}});
    }
  }
  run["buckets"] = std::move(buckets);

  asl::Json expectations = asl::Json::array();
  for (const ExpectationResult& r : report.expectations) {
    expectations.push_back({{"name", r.name}, {"passed", r.passed}, {"expected", r.expected},
                            {"actual", r.actual}});
  }
  run["expectations"] = std::move(expectations);
  return run;
}

asl::Json SummaryDocument(const std::vector<ScenarioReport>& reports, std::string_view version) {
  asl::Json runs = asl::Json::array();
  for (const ScenarioReport& r : reports) runs.push_back(RunSummaryJson(r));
  return SummaryDocumentOf(std::move(runs), version);
}

asl::Json SummaryDocumentOf(asl::Json runs, std::string_view version) {
  return {{"sfnsim_version", version}, {"runs", std::move(runs)}};
}

}  // namespace sim
