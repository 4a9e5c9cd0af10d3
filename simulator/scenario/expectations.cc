// Checking a scenario's expectations against a finished run: one result per expectation, each
// saying what was expected and what happened.

#include "simulator/scenario/expectations.h"

#include <fmt/format.h>

#include <algorithm>

#include "simulator/history/recorder.h"
#include "simulator/scenario/bucket_figures.h"
#include "simulator/scenario/publish_tally.h"

namespace sim {

namespace {

class Results {
 public:
  explicit Results(const Expectations& expect) : expect_(expect) {}

  void Add(const std::string& name, const std::string& line_key, bool passed,
           std::string expected, std::string actual) {
    ExpectationResult r;
    r.name = name;
    r.passed = passed;
    r.expected = std::move(expected);
    r.actual = std::move(actual);
    if (auto it = expect_.lines.find(line_key); it != expect_.lines.end()) r.line = it->second;
    out_.push_back(std::move(r));
  }
  std::vector<ExpectationResult> Take() { return std::move(out_); }

 private:
  const Expectations& expect_;
  std::vector<ExpectationResult> out_;
};

std::string Quoted(const std::string& text) { return "\"" + text + "\""; }

// published_once: one expectation, every count but "once" zero. rows: one per bound given.
void AddRows(const RowsExpectation& x, const RowCheck& rows, Results& results) {
  const std::string counts =
      fmt::format("{} of {} once, {} duplicated, {} lost, {} unexpected", rows.published_once,
                  rows.expected, rows.duplicated, rows.lost, rows.unexpected);
  if (x.exactly_once) {
    bool ok = rows.error.empty() && rows.lost == 0 && rows.duplicated == 0 && rows.unexpected == 0;
    results.Add("published_once", "published_once", ok,
                fmt::format("every key of the query published once to {}", x.topic),
                rows.error.empty() ? counts : rows.error);
    return;
  }
  const std::pair<const char*, const std::optional<CountBound>*> bounds[] = {
      {"once", &x.once}, {"duplicated", &x.duplicated}, {"lost", &x.lost},
      {"unexpected", &x.unexpected}};
  const int64_t values[] = {rows.published_once, rows.duplicated, rows.lost, rows.unexpected};
  for (size_t i = 0; i < std::size(bounds); ++i) {
    const auto& [what, bound] = bounds[i];
    if (!*bound) continue;
    std::string name = std::string("rows.") + what;
    bool ok = rows.error.empty() && (*bound)->Holds(values[i]);
    results.Add(name, name, ok, (*bound)->ToString(),
                rows.error.empty() ? fmt::format("{} ({})", values[i], counts) : rows.error);
  }
}

}  // namespace

std::vector<ExpectationResult> EvaluateExpectations(const Scenario& scenario,
                                                    const ScenarioReport& report) {
  const Expectations& x = scenario.expect;
  Results results(x);
  if (report.executions.empty()) return results.Take();
  const ExecutionRecord& first = report.executions.front();

  if (x.status) {
    results.Add("status", "status", first.status == *x.status, *x.status, first.status);
  }
  if (x.error) {
    results.Add("error", "error", first.error == *x.error, *x.error,
                first.error.empty() ? std::string("no error") : first.error);
  }
  if (x.cause) {
    results.Add("cause", "cause", first.cause == *x.cause, Quoted(*x.cause),
                first.cause.empty() ? std::string("no cause") : Quoted(first.cause));
  }
  if (x.all_succeeded) {
    int64_t other = 0;
    std::string example;
    for (const ExecutionRecord& e : report.executions) {
      if (e.status == "SUCCEEDED") continue;
      if (++other == 1) example = fmt::format(" (e.g. {}: {} {})", e.name, e.status, e.error);
    }
    bool all = other == 0;
    results.Add("all_executions_succeeded", "all_executions_succeeded", all == *x.all_succeeded,
                *x.all_succeeded ? "every execution SUCCEEDED" : "some execution did not succeed",
                all ? "all SUCCEEDED" : fmt::format("{} did not succeed{}", other, example));
  }
  if (x.executions) {
    int64_t n = static_cast<int64_t>(report.executions.size());
    results.Add("executions", "executions", x.executions->Holds(n), x.executions->ToString(),
                std::to_string(n));
  }
  for (const auto& [status, bound] : x.executions_by_status) {
    int64_t n = std::count_if(report.executions.begin(), report.executions.end(),
                              [&wanted = status](const ExecutionRecord& e) {
                                return e.status == wanted;  // clang 14 cannot capture a binding
                              });
    std::string name = "executions_by_status." + status;
    results.Add(name, name, bound.Holds(n), bound.ToString(), std::to_string(n));
  }
  for (const auto& [topic, bound] : x.messages) {
    int64_t n = 0;
    for (const auto& [arn, count] : report.messages_per_topic) {
      if (RowTopicMatches(topic, arn)) n += count;
    }
    results.Add("messages." + topic, "messages." + topic, bound.Holds(n), bound.ToString(),
                std::to_string(n));
  }
  if (x.rows) {
    RowCheck unchecked;
    unchecked.error = "the rows were not checked";
    AddRows(*x.rows, report.rows ? *report.rows : unchecked, results);
  }
  const ExecutionRecord* largest = report.largest_history();
  if (x.max_history_events) {
    results.Add("max_history_events", "max_history_events",
                largest->history_events <= *x.max_history_events,
                fmt::format("<= {}", *x.max_history_events),
                fmt::format("{} ({})", largest->history_events, largest->name));
  }
  if (x.min_history_margin) {
    int64_t margin = kHistoryEventLimit - largest->history_events;
    results.Add("min_history_margin", "min_history_margin", margin >= *x.min_history_margin,
                fmt::format(">= {}", *x.min_history_margin),
                fmt::format("{} ({} has {} events)", margin, largest->name,
                            largest->history_events));
  }
  if (x.duration_ms) {
    std::string expected;
    if (x.duration_ms->min) expected += ">= " + FormatDuration(*x.duration_ms->min);
    if (x.duration_ms->max) {
      expected += (expected.empty() ? "" : " and ") + ("<= " + FormatDuration(*x.duration_ms->max));
    }
    results.Add("duration", "duration", x.duration_ms->Holds(report.duration_ms), expected,
                FormatDuration(report.duration_ms));
  }
  if (x.max_unhandled_faults) {
    results.Add("max_unhandled_faults", "max_unhandled_faults",
                report.faults_unhandled <= *x.max_unhandled_faults,
                fmt::format("<= {}", *x.max_unhandled_faults),
                std::to_string(report.faults_unhandled));
  }
  if (x.max_bucket_imbalance) {
    BalanceRun buckets = SummarizeBuckets(report);
    std::string actual = "no executions attributed to buckets";
    if (!buckets.buckets.empty()) {
      auto largest_bucket = std::max_element(
          buckets.buckets.begin(), buckets.buckets.end(),
          [](const BucketFigures& a, const BucketFigures& b) { return a.duration_ms < b.duration_ms; });
      actual = fmt::format("{:.2f} (largest {} {} over {} buckets)", buckets.imbalance,
                           largest_bucket->bucket, FormatDuration(largest_bucket->duration_ms),
                           buckets.buckets.size());
    }
    results.Add("max_bucket_imbalance", "max_bucket_imbalance",
                !buckets.buckets.empty() && buckets.imbalance <= *x.max_bucket_imbalance,
                fmt::format("<= {:.2f}", *x.max_bucket_imbalance), actual);
  }
  for (const auto& [what, bound] : x.faults) {
    int64_t n = what == "injected"  ? report.faults_injected
                : what == "retried" ? report.faults_retried
                : what == "caught"  ? report.faults_caught
                                    : report.faults_unhandled;
    std::string name = "faults." + what;
    results.Add(name, name, bound.Holds(n), bound.ToString(), std::to_string(n));
  }
  return results.Take();
}

}  // namespace sim
