#include "simulator/scenario/bucket_figures.h"

#include <algorithm>
#include <map>
#include <utility>

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

}  // namespace sim
