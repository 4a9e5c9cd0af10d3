#pragma once
// How long a query takes and what it costs: the duration model behind the query timeline and
// QueryExecutionStatistics, and Athena's billing rule.
// https://docs.aws.amazon.com/athena/latest/APIReference/API_QueryExecutionStatistics.html
// https://aws.amazon.com/athena/pricing/

#include <cstdint>

#include "simulator/services/athena/athena_model.h"
#include "simulator/services/athena/query_engine.h"

namespace sim::athena {

// Milliseconds a query spends in each phase once it has a slot (queueing is scheduled
// separately). engine_ms includes planning_ms, as EngineExecutionTimeInMillis does.
struct QueryDurations {
  int64_t planning_ms = 0;
  int64_t engine_ms = 0;
  int64_t service_ms = 0;
};

// The phases of a query that read `scan` and produced `result_rows` rows; `failed_in_analysis`
// for a query that fails before reading anything.
QueryDurations ModelDurations(const AthenaConfig& config, const ScanStats& scan,
                              int64_t result_rows, bool failed_in_analysis);

constexpr int64_t kBytesPerMegabyte = int64_t{1} << 20;
constexpr int64_t kMinimumBilledBytes = 10 * kBytesPerMegabyte;
constexpr double kBytesPerTerabyte = 1099511627776.0;  // 2^40

// Rounded up to the MB with the 10 MB minimum.
int64_t BilledBytesFor(int64_t data_scanned_bytes);
double CostUsd(int64_t billed_bytes, double usd_per_tb);

}  // namespace sim::athena
