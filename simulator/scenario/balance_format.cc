#include "simulator/scenario/balance_format.h"

#include <fmt/format.h>

#include <cmath>

#include "asl/base/number_text.h"

namespace sim {

namespace {

void AppendRun(std::string& out, const std::string& title, const BalanceRun& run) {
  out += fmt::format("{}: {} buckets, makespan {}, ideal {} (total bucket time / {} at once), "
                     "imbalance {:.2f} (largest / mean), {}\n",
                     title, run.buckets.size(), FormatDuration(run.makespan_ms),
                     FormatDuration(run.ideal_ms), run.concurrency, run.imbalance, run.status);
  if (run.transition_floor_ms > 0) {
    out += fmt::format("  {} state transitions: the transition quota alone needs {}{}\n",
                       asl::GroupDigits(run.transitions), FormatDuration(run.transition_floor_ms),
                       run.makespan_ms < run.transition_floor_ms * 11 / 10
                           ? " (quota-bound: no bucketing finishes sooner)"
                           : "");
  }
  out += fmt::format("  {:<14} {:>10} {:>10} {:>14} {:>12}\n", "bucket", "rows", "executions",
                     "duration", "max history");
  for (const BucketFigures& b : run.buckets) {
    out += fmt::format("  {:<14} {:>10} {:>10} {:>14} {:>12}\n", b.bucket, b.rows, b.executions,
                       FormatDuration(b.duration_ms), b.max_history);
  }
}

asl::Json RunJson(const BalanceRun& run) {
  asl::Json buckets = asl::Json::array();
  for (const BucketFigures& b : run.buckets) {
    buckets.push_back({{"bucket", b.bucket}, {"rows", b.rows}, {"executions", b.executions},
                       {"duration_ms", b.duration_ms}, {"max_history", b.max_history}});
  }
  return {{"makespan_ms", run.makespan_ms}, {"ideal_ms", run.ideal_ms},
          {"concurrency", run.concurrency},
          {"imbalance", run.imbalance}, {"status", run.status}, {"transitions", run.transitions},
          {"transition_floor_ms", run.transition_floor_ms}, {"buckets", buckets}};
}

}  // namespace

bool ImbalanceExceeded(const BalanceReport& report, const BalanceHeading& heading) {
  return heading.max_imbalance > 0 && report.written.imbalance > heading.max_imbalance;
}

std::string FormatBalanceText(const BalanceReport& r, const BalanceHeading& heading) {
  std::string out = fmt::format(
      "scenario {} ({}), state-transition quota {}\n", heading.scenario, heading.file,
      r.transitions_per_second > 0 ? fmt::format("{:g}/s", r.transitions_per_second)
                                   : std::string("disabled"));
  AppendRun(out, "buckets as written", r.written);
  AppendRun(out, fmt::format("balanced ({} % {} = k)", heading.key, r.predicates.size()),
            r.balanced);
  out += fmt::format("balanced makespan is {:.0f} % {} than as written\n",
                     std::abs(r.saving) * 100, r.saving >= 0 ? "shorter" : "longer");
  out += "balanced bucket predicates for the orchestrator's input:\n";
  for (const std::string& p : r.predicates) out += fmt::format("  {}\n", p);
  if (ImbalanceExceeded(r, heading)) {
    out += fmt::format("imbalance {:.2f} is above --max-imbalance {:.2f}\n", r.written.imbalance,
                       heading.max_imbalance);
  }
  return out;
}

asl::Json BalanceJson(const BalanceReport& r, const BalanceHeading& heading) {
  return {{"scenario", heading.scenario},
          {"written", RunJson(r.written)},
          {"balanced", RunJson(r.balanced)},
          {"balanced_predicates", r.predicates},
          {"saving", r.saving},
          {"transitions_per_second", r.transitions_per_second},
          {"max_imbalance_exceeded", ImbalanceExceeded(r, heading)}};
}

}  // namespace sim
