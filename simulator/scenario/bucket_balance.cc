#include "simulator/scenario/bucket_balance.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "asl/base/json_limits.h"
#include "simulator/engine/simulation.h"

namespace sim {

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
  out.written_report = std::move(written);
  out.balanced_report = std::move(alternative);
  if (out.written.makespan_ms > 0) {
    out.saving = 1.0 - static_cast<double>(out.balanced.makespan_ms) /
                           static_cast<double>(out.written.makespan_ms);
  }
  return out;
}

}  // namespace sim
