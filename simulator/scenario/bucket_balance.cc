#include "simulator/scenario/bucket_balance.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "asl/base/json_limits.h"
#include "simulator/engine/simulation.h"

namespace sim {

namespace {

// The most spans [first, last) open at one time.
int64_t PeakOverlap(const std::vector<std::pair<int64_t, int64_t>>& spans) {
  std::vector<std::pair<int64_t, int>> edges;  // time, +1 open / -1 close (closes sort first)
  edges.reserve(spans.size() * 2);
  for (const auto& [first, last] : spans) {
    edges.emplace_back(first, 1);
    edges.emplace_back(last, -1);
  }
  std::sort(edges.begin(), edges.end());
  int64_t open = 0;
  int64_t peak = 1;
  for (const auto& [time, delta] : edges) peak = std::max(peak, open += delta);
  return peak;
}

}  // namespace

BalanceRun SummarizeBuckets(const ScenarioReport& report) {
  BalanceRun run;
  run.makespan_ms = report.duration_ms;
  run.transitions = report.cost.standard_transitions;  // Express executions have no quota
  if (!report.executions.empty()) run.status = report.executions.front().status;
  std::map<std::string, size_t> index;
  std::vector<std::pair<int64_t, int64_t>> spans;  // first start, last stop, per bucket
  for (const ExecutionRecord& e : report.executions) {
    if (e.bucket.empty()) continue;  // the orchestrator
    int64_t stop = e.stop_ms < 0 ? report.duration_ms : e.stop_ms;
    auto [it, added] = index.emplace(e.bucket, run.buckets.size());
    if (added) {
      run.buckets.push_back({e.bucket});
      spans.emplace_back(e.start_ms, stop);
    }
    BucketFigures& b = run.buckets[it->second];
    b.rows += e.published;
    ++b.executions;
    b.max_history = std::max(b.max_history, e.history_events);
    auto& [first, last] = spans[it->second];
    first = std::min(first, e.start_ms);
    last = std::max(last, stop);
  }
  int64_t total = 0;
  int64_t largest = 0;
  for (size_t i = 0; i < run.buckets.size(); ++i) {
    BucketFigures& b = run.buckets[i];
    b.duration_ms = spans[i].second - spans[i].first;
    total += b.duration_ms;
    largest = std::max(largest, b.duration_ms);
  }
  if (!run.buckets.empty()) {
    run.concurrency = PeakOverlap(spans);
    run.ideal_ms = total / run.concurrency;
    double mean = static_cast<double>(total) / static_cast<double>(run.buckets.size());
    run.imbalance = mean > 0 ? static_cast<double>(largest) / mean : 1.0;
  }
  return run;
}

int64_t TransitionFloorMs(int64_t transitions, const BucketQuota& quota) {
  if (!quota.enabled || quota.refill_per_second <= 0 || transitions <= quota.capacity) return 0;
  return static_cast<int64_t>(static_cast<double>(transitions - quota.capacity) * 1000.0 /
                              quota.refill_per_second);
}

asl::Result<BalanceReport, std::string> AnalyzeBalance(const Scenario& written_scenario,
                                                       const BalanceOptions& balance,
                                                       const RunOptions& options) {
  Scenario scenario = written_scenario;
  if (balance.transitions_per_second > 0) {
    QuotaOverride& quota = scenario.world.quotas["state_transitions"];
    quota.enabled = true;
    quota.refill_per_second = balance.transitions_per_second;
    // AWS's burst is a little over three seconds of the refill rate (5,000 at 1,500/s).
    quota.capacity = static_cast<int64_t>(balance.transitions_per_second * 10.0 / 3.0);
  }
  SimulationConfig settings;
  scenario.world.ApplyTo(settings);
  const BucketQuota transition_quota = scenario.world.Quotas(settings.region).state_transitions;
  const std::string& key = balance.key;
  asl::Json input = asl::ParseJsonWithinLimits(scenario.start.input_text).value_or(asl::Json());
  const asl::Json* buckets = nullptr;
  if (input.is_object()) {
    auto it = input.find("buckets");
    if (it != input.end() && it->is_array() && !it->empty()) buckets = &*it;
  }
  if (!buckets) {
    return asl::Fail(fmt::format(
        "{}: balance needs the start input's /buckets, a non-empty array of "
        "{{\"id\", \"predicate\"}} (the orchestrator's bucket queries)",
        scenario.file));
  }
  if (scenario.report.bucket_pointer.empty()) {
    return asl::Fail(fmt::format("{}: balance needs report.bucket (where an executor's input "
                                 "names its bucket) to attribute executions to buckets",
                                 scenario.file));
  }
  BalanceReport out;
  ScenarioReport written = RunScenario(scenario, options);
  if (!written.setup_error.empty()) return asl::Fail(written.setup_error);
  out.transitions_per_second =
      transition_quota.enabled ? transition_quota.refill_per_second : 0;
  out.written = SummarizeBuckets(written);
  out.written.transition_floor_ms = TransitionFloorMs(out.written.transitions, transition_quota);

  // The same number of buckets, each the key hashed modulo that number.
  const size_t n = buckets->size();
  asl::Json balanced_buckets = asl::Json::array();
  for (size_t k = 0; k < n; ++k) {
    std::string predicate = fmt::format("{} % {} = {}", key, n, k);
    out.predicates.push_back(predicate);
    balanced_buckets.push_back({{"id", fmt::format("mod{}-{}", n, k)}, {"predicate", predicate}});
  }
  Scenario balanced = scenario;
  input["buckets"] = std::move(balanced_buckets);
  balanced.start.input_text = asl::Dump(input);
  balanced.expect = Expectations{};  // the scenario's expectations are about its own buckets
  ScenarioReport alternative = RunScenario(balanced, options);
  if (!alternative.setup_error.empty()) return asl::Fail(alternative.setup_error);
  out.balanced = SummarizeBuckets(alternative);
  out.balanced.transition_floor_ms =
      TransitionFloorMs(out.balanced.transitions, transition_quota);
  if (out.written.makespan_ms > 0) {
    out.saving = 1.0 - static_cast<double>(out.balanced.makespan_ms) /
                           static_cast<double>(out.written.makespan_ms);
  }
  return out;
}

}  // namespace sim
