#include "simulator/report/report_data.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "simulator/scenario/report_format.h"
#include "simulator/scenario/run_trace.h"

namespace sim {

namespace {

// Index of `name` in `table`, adding it the first time.
int IndexIn(std::vector<std::string>& table, std::map<std::string, int>& index,
            const std::string& name) {
  auto [it, added] = index.emplace(name, static_cast<int>(table.size()));
  if (added) table.push_back(name);
  return it->second;
}

// The executions listed one by one: all when they are few; else the starting one, the failed
// ones and the STANDARD ones first (those have histories to judge), up to the cap, in start order.
std::vector<size_t> ListedExecutions(const ScenarioReport& report) {
  const size_t n = report.executions.size();
  std::vector<size_t> rows;
  if (n <= kMaxListedExecutions) {
    for (size_t i = 0; i < n; ++i) rows.push_back(i);
    return rows;
  }
  std::vector<bool> chosen(n, false);
  size_t count = 0;
  auto pick = [&](auto&& wanted) {
    for (size_t i = 0; i < n && count < kMaxListedExecutions; ++i) {
      if (!chosen[i] && wanted(report.executions[i])) {
        chosen[i] = true;
        ++count;
      }
    }
  };
  chosen[0] = true;
  count = 1;
  pick([](const ExecutionRecord& e) { return e.status != "SUCCEEDED" && e.status != "RUNNING"; });
  pick([](const ExecutionRecord& e) { return !e.express; });
  pick([](const ExecutionRecord&) { return true; });
  for (size_t i = 0; i < n; ++i) {
    if (chosen[i]) rows.push_back(i);
  }
  return rows;
}

// Rows published per bucket at `points` evenly spaced times: CountCompletion, as the text
// summary's completion table counts them, for the buckets that published.
asl::Json Completion(const ScenarioReport& report, int points) {
  const CompletionCounts counts = CountCompletion(report, points);
  asl::Json series = asl::Json::array();
  for (size_t b = 0; b < report.buckets.size(); ++b) {
    if (counts.totals[b] == 0) continue;
    series.push_back({{"bucket", report.buckets[b].empty() ? "(start)" : report.buckets[b]},
                      {"rows", counts.totals[b]}, {"done", counts.done[b]}});
  }
  return {{"times", counts.times}, {"series", std::move(series)}};
}

bool IsThrottling(const std::string& error) {
  return error.find("Throttl") != std::string::npos ||
         error.find("TooManyRequests") != std::string::npos ||
         error.find("RateExceeded") != std::string::npos;
}

const char* HandlingName(FailureHandling handling) {
  switch (handling) {
    case FailureHandling::kRetried: return "retried";
    case FailureHandling::kCaught: return "caught";
    case FailureHandling::kUnhandled: return "unhandled";
  }
  return "unhandled";
}

// State entries per second of virtual time, and throttled calls, in at most kRateBins bins.
asl::Json Load(const RunTrace& trace, int64_t span) {
  const int64_t seconds = std::max<int64_t>(1, (span + 999) / 1000);
  const int64_t width = std::max<int64_t>(1, (seconds + kRateBins - 1) / kRateBins);
  const int64_t bins = (seconds + width - 1) / width;
  std::vector<int64_t> entries(bins, 0), throttled(bins, 0);
  for (const auto& [second, count] : trace.entries_per_second) {
    entries[std::clamp<int64_t>(second / width, 0, bins - 1)] += count;
  }
  for (const FailureMark& f : trace.failures) {
    if (IsThrottling(f.error)) {
      ++throttled[std::clamp<int64_t>(f.time_ms / 1000 / width, 0, bins - 1)];
    }
  }
  asl::Json rate = asl::Json::array();
  for (int64_t e : entries) rate.push_back(static_cast<double>(e) / static_cast<double>(width));
  asl::Json out = {{"bin_seconds", width}, {"entries_per_second", std::move(rate)},
                   {"throttled", throttled}};
  if (trace.transition_quota_per_second > 0) {
    out["quota_per_second"] = trace.transition_quota_per_second;
    out["quota_burst"] = trace.transition_quota_burst;
  }
  return out;
}

}  // namespace

asl::Json ReportRunDetail(const ScenarioReport& report) {
  asl::Json out = asl::Json::object();
  const std::vector<size_t> listed = ListedExecutions(report);
  std::vector<std::string> machines, statuses;
  std::map<std::string, int> machine_index, status_index;
  std::unordered_map<std::string, int> row_of_arn;
  std::unordered_map<std::string, int> row_of_key;  // RunTrace::Key -> row
  for (size_t row = 0; row < listed.size(); ++row) {
    const ExecutionRecord& e = report.executions[listed[row]];
    row_of_arn[e.arn] = static_cast<int>(row);
    row_of_key[RunTrace::Key(e.state_machine, e.name)] = static_cast<int>(row);
  }
  std::map<std::string, int> bucket_index;
  for (size_t b = 0; b < report.buckets.size(); ++b) bucket_index[report.buckets[b]] = int(b);

  // Rows: [name, machine, bucket, start, stop, status, history events, express, parent row,
  // published, state transitions].
  asl::Json rows = asl::Json::array();
  for (size_t i : listed) {
    const ExecutionRecord& e = report.executions[i];
    auto parent = row_of_arn.find(e.parent_arn);
    rows.push_back({e.name, IndexIn(machines, machine_index, e.state_machine),
                    bucket_index[e.bucket], e.start_ms, e.stop_ms,
                    IndexIn(statuses, status_index, e.status), e.history_events, e.express ? 1 : 0,
                    parent == row_of_arn.end() ? -1 : parent->second, e.published,
                    e.state_transitions});
  }
  // Per bucket, every execution counted: [executions, first start, last stop, not succeeded,
  // largest history, published].
  std::vector<std::array<int64_t, 6>> per_bucket(report.buckets.size(),
                                                 {0, INT64_MAX, 0, 0, 0, 0});
  for (const ExecutionRecord& e : report.executions) {
    auto& b = per_bucket[bucket_index[e.bucket]];
    ++b[0];
    b[1] = std::min(b[1], e.start_ms);
    b[2] = std::max(b[2], e.stop_ms < 0 ? report.duration_ms : e.stop_ms);
    if (e.status != "SUCCEEDED") ++b[3];
    if (!e.express) b[4] = std::max(b[4], e.history_events);
    b[5] += e.published;
  }
  asl::Json buckets = asl::Json::array();
  for (size_t b = 0; b < report.buckets.size(); ++b) {
    const auto& f = per_bucket[b];
    buckets.push_back({report.buckets[b].empty() ? "(start)" : report.buckets[b], f[0],
                       f[1] == INT64_MAX ? 0 : f[1], f[2], f[3], f[4], f[5]});
  }
  out["machines"] = machines;
  out["statuses"] = statuses;
  out["buckets"] = std::move(buckets);
  out["executions"] = std::move(rows);
  out["executions_total"] = report.executions.size();
  const int64_t span = CompletionSpan(report);
  out["span_ms"] = span;
  out["completion"] = Completion(report, kCurvePoints);
  out["completion_table"] = Completion(report, 8);
  out["map_runs"] = report.map_runs;
  out["world"] = report.world_summary;

  const RunTrace* trace = report.trace.get();
  if (trace == nullptr) return out;
  out["traced"] = true;
  out["history_margin"] = trace->history_margin;
  out["load"] = Load(*trace, span);

  // Failures handled: the first ones listed, all counted by error and handling.
  asl::Json failures = asl::Json::array();
  std::map<std::pair<std::string, std::string>, int64_t> failure_counts;
  for (const FailureMark& f : trace->failures) {
    ++failure_counts[{f.error, HandlingName(f.handling)}];
    if (failures.size() >= kMaxListedFailures) continue;
    auto row = row_of_key.find(f.execution);
    failures.push_back({row == row_of_key.end() ? -1 : row->second, f.time_ms, f.state, f.error,
                        HandlingName(f.handling)});
  }
  asl::Json counts = asl::Json::array();
  for (const auto& [key, count] : failure_counts) counts.push_back({key.first, key.second, count});
  out["failures"] = std::move(failures);
  out["failure_counts"] = std::move(counts);
  out["failures_total"] = trace->failures.size();

  // Graphs, tallies per machine and per listed execution, kept histories.
  asl::Json graphs = asl::Json::object();
  for (const auto& [machine, text] : trace->graphs_json) graphs[machine] = asl::Json::parse(text);
  out["graphs"] = std::move(graphs);
  asl::Json per_machine = asl::Json::object();
  for (const auto& [machine, states] : trace->per_machine) {
    asl::Json m = asl::Json::object();
    for (const auto& [state, tally] : states) m[state] = {tally.entered, tally.events};
    per_machine[machine] = std::move(m);
  }
  out["machine_tallies"] = std::move(per_machine);
  asl::Json tallies = asl::Json::object();
  asl::Json histories = asl::Json::array();
  std::vector<std::string> types;
  std::map<std::string, int> type_index;
  for (const std::string& key : trace->order) {
    auto row = row_of_key.find(key);
    if (row == row_of_key.end()) continue;
    const ExecutionTrace& t = *trace->executions.at(key);
    if (t.tallied) {
      asl::Json states = asl::Json::object();
      for (size_t s = 1; s < t.states.size(); ++s) {
        states[t.state_names[s]] = {t.states[s].entered, t.states[s].events};
      }
      if (t.states[0].events > 0) states["(execution)"] = {0, t.states[0].events};
      tallies[std::to_string(row->second)] = std::move(states);
    }
    if (!t.history_kept) continue;
    asl::Json events = asl::Json::array();
    for (const TracedEvent& e : t.events) {
      asl::Json line = {e.id, e.time_ms,
                        IndexIn(types, type_index, std::string(EventTypeName(e.type))), e.state};
      if (e.error >= 0) line.push_back(t.errors[e.error]);
      events.push_back(std::move(line));
    }
    histories.push_back({{"execution", row->second}, {"states", t.state_names},
                         {"events", std::move(events)}});
  }
  out["tallies"] = std::move(tallies);
  out["event_types"] = types;
  out["histories"] = std::move(histories);
  return out;
}

}  // namespace sim
