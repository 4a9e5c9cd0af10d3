#include "simulator/scenario/report_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "asl/base/number_text.h"
#include "simulator/history/recorder.h"

namespace sim {

namespace {


// `text` over lines of at most 100 columns, each indented by `indent`, broken after ", ".
std::string Wrapped(const std::string& text, size_t indent) {
  constexpr size_t kWidth = 100;
  std::string out, line(indent, ' ');
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(", ", start);
    std::string piece = text.substr(start, end == std::string::npos ? end : end + 2 - start);
    if (line.size() > indent && line.size() + piece.size() > kWidth) {
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
      line.assign(indent, ' ');
    }
    line += piece;
    start = end == std::string::npos ? text.size() : end + 2;
  }
  return out + line + "\n";
}

std::string TopicName(const std::string& arn) { return arn.substr(arn.rfind(':') + 1); }

}  // namespace

std::string XmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 has no place for other control characters.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
          out += '?';
        } else {
          out += c;
        }
    }
  }
  return out;
}

int64_t CompletionSpan(const ScenarioReport& report) {
  int64_t span = report.duration_ms;
  for (const PublishTime& p : report.published) span = std::max(span, p.time_ms);
  return span;
}

CompletionCounts CountCompletion(const ScenarioReport& report, int points) {
  const int64_t span = CompletionSpan(report);
  const size_t buckets = report.buckets.size();
  CompletionCounts c;
  c.times.resize(points);
  for (int i = 0; i < points; ++i) c.times[i] = span * (i + 1) / points;
  c.totals.assign(buckets, 0);
  c.done.assign(buckets, std::vector<int64_t>(points, 0));
  c.overall.assign(points, 0);
  // Each row counts from the first point at or after its time; then running sums.
  for (const PublishTime& p : report.published) {
    ++c.totals[p.bucket];
    auto first = std::lower_bound(c.times.begin(), c.times.end(), p.time_ms);
    if (first == c.times.end()) continue;
    ++c.done[p.bucket][first - c.times.begin()];
    ++c.overall[first - c.times.begin()];
  }
  auto running_sums = [points](std::vector<int64_t>& row) {
    for (int i = 1; i < points; ++i) row[i] += row[i - 1];
  };
  running_sums(c.overall);
  for (std::vector<int64_t>& row : c.done) running_sums(row);
  return c;
}

std::string FormatCompletion(const ScenarioReport& report, int columns) {
  if (report.published.empty() || CompletionSpan(report) <= 0) return "";
  const size_t buckets = report.buckets.size();
  const CompletionCounts completion = CountCompletion(report, columns);
  const std::vector<int64_t>& totals = completion.totals;
  const std::vector<std::vector<int64_t>>& done = completion.done;
  const std::vector<int64_t>& overall = completion.overall;
  const std::vector<int64_t>& times = completion.times;
  size_t label_width = 7;
  for (size_t b = 0; b < buckets; ++b) {
    if (totals[b] > 0) label_width = std::max(label_width, report.buckets[b].size());
  }
  std::string out = fmt::format("  {:<{}}  {:>9}", "bucket", label_width, "rows");
  for (int c = 0; c < columns; ++c) out += fmt::format(" {:>9}", FormatDuration(times[c]));
  out += "\n";
  auto row = [&](const std::string& label, int64_t total, const std::vector<int64_t>& counts) {
    std::string line = fmt::format("  {:<{}}  {:>9}", label, label_width, asl::GroupDigits(total));
    for (int c = 0; c < columns; ++c) {
      line += fmt::format(" {:>8}%", total == 0 ? 0 : counts[c] * 100 / total);
    }
    return line + "\n";
  };
  for (size_t b = 0; b < buckets; ++b) {
    if (totals[b] == 0) continue;
    out += row(report.buckets[b].empty() ? "(start)" : report.buckets[b], totals[b], done[b]);
  }
  out += row("overall", static_cast<int64_t>(report.published.size()), overall);
  return out;
}

std::string FormatSummary(const ScenarioReport& report) {
  std::string out = fmt::format("scenario {} ({}), seed {}\n", report.scenario, report.file,
                                report.seed);
  if (!report.setup_error.empty()) {
    out += fmt::format("  error: {}\n", report.setup_error);
  }
  if (report.executions.empty()) return out;
  const ExecutionRecord& first = report.executions.front();
  out += fmt::format("  status      {} ({}/{}){}\n", first.status, first.state_machine,
                     first.name,
                     first.error.empty() ? "" : fmt::format(": {}: {}", first.error, first.cause));
  if (report.halted && !report.halt_reason.empty()) {
    out += fmt::format("  halted      {}\n", report.halt_reason);
  } else if (report.halted) {
    out += "  halted      the run was stopped by the state-entry guard (a loop that never "
           "advances virtual time?)\n";
  }
  std::map<std::string, int64_t> statuses;
  for (const ExecutionRecord& e : report.executions) ++statuses[e.status];
  std::string by_status;
  for (const auto& [status, n] : statuses) {
    by_status += fmt::format("{}{} {}", by_status.empty() ? "" : ", ", asl::GroupDigits(n), status);
  }
  out += fmt::format("  executions  {} started: {}\n", asl::GroupDigits(report.executions.size()),
                     by_status);
  for (const ExecutionRecord& e : report.executions) {
    if (e.status == "SUCCEEDED" || e.status == "RUNNING") continue;
    out += fmt::format("              {} {}/{}{} after {} published: {}: {}\n", e.status,
                       e.state_machine, e.name, e.bucket.empty() ? "" : " [" + e.bucket + "]",
                       asl::GroupDigits(e.published), e.error,
                       e.cause.size() > 160 ? e.cause.substr(0, 157) + "..." : e.cause);
  }
  if (report.rows) {
    const RowCheck& rows = *report.rows;
    if (!rows.error.empty()) {
      out += fmt::format("  rows        cannot check: {}\n", rows.error);
    } else {
      out += fmt::format("  rows        {} of {} published once, {} duplicated, {} lost{}\n",
                         asl::GroupDigits(rows.published_once), asl::GroupDigits(rows.expected),
                         asl::GroupDigits(rows.duplicated), asl::GroupDigits(rows.lost),
                         rows.unexpected ? fmt::format(", {} unexpected",
                                                       asl::GroupDigits(rows.unexpected))
                                         : "");
      if (rows.lost_range_count > 0) {
        std::vector<std::string> ranges;
        for (const KeyRange& range : rows.lost_ranges) {
          ranges.push_back(range.count == 1 ? range.first
                                            : fmt::format("{}-{} ({})", range.first, range.last,
                                                          asl::GroupDigits(range.count)));
        }
        const int64_t shown = static_cast<int64_t>(ranges.size());
        if (rows.lost_range_count > shown) {
          ranges.push_back(fmt::format("... {} more ranges", rows.lost_range_count - shown));
        }
        out += Wrapped(fmt::format("never published, by key: {}", fmt::join(ranges, ", ")), 14);
      }
      if (!rows.duplicated_sample.empty()) {
        out += fmt::format("              published twice or more: {}{}\n",
                           fmt::join(rows.duplicated_sample, ", "),
                           rows.duplicated > 10 ? ", ..." : "");
      }
    }
  }
  for (const auto& [topic, n] : report.messages_per_topic) {
    out += fmt::format("  messages    {}: {}\n", TopicName(topic), asl::GroupDigits(n));
  }
  if (const ExecutionRecord* largest = report.largest_history()) {
    out += fmt::format("  history     largest {} events ({}/{}), margin {} to the {} limit\n",
                       asl::GroupDigits(largest->history_events), largest->state_machine,
                       largest->name, asl::GroupDigits(kHistoryEventLimit - largest->history_events),
                       asl::GroupDigits(kHistoryEventLimit));
  }
  out += fmt::format("  duration    {} of virtual time from {}\n",
                     FormatDuration(report.duration_ms), report.start_time);
  out += fmt::format("  faults      {} injected: {} retried, {} caught, {} unhandled\n",
                     asl::GroupDigits(report.faults_injected), asl::GroupDigits(report.faults_retried),
                     asl::GroupDigits(report.faults_caught), asl::GroupDigits(report.faults_unhandled));
  if (report.world_summary.contains("faults")) {
    int shown = 0;
    for (const asl::Json& f : report.world_summary["faults"]) {
      if (f.value("handled_by", "nothing") != "nothing") continue;
      if (++shown > 5) break;
      out += fmt::format("              unhandled: {} in {} ({}) at {}\n",
                         f.value("error", "hang"), f.value("state", ""),
                         f.value("execution", ""), f.value("time", ""));
    }
  }
  if (report.world_summary.contains("throttled")) {
    for (const auto& [quota, n] : report.world_summary["throttled"].items()) {
      out += fmt::format("  throttled   {}: {}\n", quota, asl::GroupDigits(n.get<int64_t>()));
    }
  }
  for (const asl::Json& run : report.map_runs) {
    const asl::Json& executions = run["executionCounts"];
    const asl::Json& items = run["itemCounts"];
    std::string arn = run["mapRunArn"].get<std::string>();
    size_t colon = arn.find(":mapRun:");
    out += fmt::format(
        "  map run     {}: {}, {} items in {} child executions ({} succeeded, {} failed, {} "
        "pending), results written: {}\n",
        colon == std::string::npos ? arn : arn.substr(colon + 8), run["status"].get<std::string>(),
        asl::GroupDigits(items["total"].get<int64_t>()),
        asl::GroupDigits(executions["total"].get<int64_t>()),
        asl::GroupDigits(executions["succeeded"].get<int64_t>()),
        asl::GroupDigits(executions["failed"].get<int64_t>() +
                         executions["timedOut"].get<int64_t>() +
                         executions["aborted"].get<int64_t>()),
        asl::GroupDigits(executions["pending"].get<int64_t>()),
        asl::GroupDigits(executions["resultsWritten"].get<int64_t>()));
  }
  const CostEstimate& cost = report.cost;
  out += fmt::format(
      "  cost        ${:.2f} estimated: Step Functions ${:.2f} ({} transitions{}), SNS ${:.2f} "
      "({} requests), Athena ${:.2f} ({} MB billed){}\n",
      cost.total_usd(), cost.step_functions_usd, asl::GroupDigits(cost.standard_transitions),
      cost.express_requests ? fmt::format(", {} Express requests, {:.1f} GB-s",
                                          asl::GroupDigits(cost.express_requests),
                                          cost.express_gb_seconds)
                            : "",
      cost.sns_usd, asl::GroupDigits(cost.sns_requests), cost.athena_usd,
      asl::GroupDigits(cost.athena_billed_bytes >> 20),
      cost.has_s3 ? fmt::format(", S3 ${:.2f} ({} requests and storage)", cost.s3_usd,
                                asl::GroupDigits(cost.s3_requests))
                  : "");
  if (std::string completion = FormatCompletion(report); !completion.empty()) {
    out += "  completion over virtual time (% of each bucket's published rows)\n" + completion;
  }
  if (!report.expectations.empty()) {
    int failed = 0;
    out += "  expectations\n";
    for (const ExpectationResult& r : report.expectations) {
      if (!r.passed) ++failed;
      out += fmt::format("    {} {}: expected {}, got {}\n", r.passed ? "ok  " : "FAIL", r.name,
                         r.expected, r.actual);
    }
    out += fmt::format("  result      {} ({} of {} expectations hold)\n",
                       report.passed() ? "PASS" : "FAIL",
                       report.expectations.size() - failed, report.expectations.size());
  } else {
    out += fmt::format("  result      {} (no expectations)\n", report.passed() ? "PASS" : "FAIL");
  }
  return out;
}

JUnitSuite JUnitSuiteOf(const ScenarioReport& r) {
  JUnitSuite suite;
  suite.tests = static_cast<int>(r.expectations.size()) + 1;
  suite.failures = (!r.setup_error.empty() || r.halted) ? 1 : 0;
  for (const ExpectationResult& e : r.expectations) suite.failures += e.passed ? 0 : 1;
  std::string& out = suite.xml;
  out += fmt::format("  <testsuite name=\"{}\" file=\"{}\" tests=\"{}\" failures=\"{}\">\n",
                     XmlEscape(r.scenario), XmlEscape(r.file), suite.tests, suite.failures);
  // The run itself: it must set up and come to an end.
  out += fmt::format("    <testcase classname=\"{}\" name=\"run\" file=\"{}\">",
                     XmlEscape(r.scenario), XmlEscape(r.file));
  if (!r.setup_error.empty() || r.halted) {
    std::string why = !r.setup_error.empty() ? r.setup_error
                      : r.halt_reason.empty() ? std::string("halted by the state-entry guard")
                                              : r.halt_reason;
    out += fmt::format("<failure message=\"{}\"/>", XmlEscape(why));
  }
  out += "</testcase>\n";
  for (const ExpectationResult& e : r.expectations) {
    out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\"{}>",
                       XmlEscape(r.scenario), XmlEscape(e.name), XmlEscape(r.file),
                       e.line > 0 ? fmt::format(" line=\"{}\"", e.line) : "");
    if (!e.passed) {
      out += fmt::format("<failure message=\"{}\">expected {}, got {}</failure>",
                         XmlEscape(fmt::format("expected {}, got {}", e.expected, e.actual)),
                         XmlEscape(e.expected), XmlEscape(e.actual));
    }
    out += "</testcase>\n";
  }
  out += "    <system-out>" + XmlEscape(FormatSummary(r)) + "</system-out>\n";
  out += "  </testsuite>\n";
  return suite;
}

std::string JoinJUnit(const std::vector<JUnitSuite>& suites) {
  int64_t tests = 0, failures = 0;
  size_t size = 128;
  for (const JUnitSuite& s : suites) {
    tests += s.tests;
    failures += s.failures;
    size += s.xml.size();
  }
  std::string out;
  out.reserve(size);
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"sfnsim\" tests=\"{}\" failures=\"{}\">\n", tests,
                     failures);
  for (const JUnitSuite& s : suites) out += s.xml;
  out += "</testsuites>\n";
  return out;
}

std::string FormatJUnit(const std::vector<ScenarioReport>& reports) {
  std::vector<JUnitSuite> suites;
  suites.reserve(reports.size());
  for (const ScenarioReport& r : reports) suites.push_back(JUnitSuiteOf(r));
  return JoinJUnit(suites);
}

}  // namespace sim
