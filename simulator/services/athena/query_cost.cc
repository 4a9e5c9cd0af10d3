#include "simulator/services/athena/query_cost.h"

#include <cmath>

namespace sim::athena {

QueryDurations ModelDurations(const AthenaConfig& config, const ScanStats& scan,
                              int64_t result_rows, bool failed_in_analysis) {
  QueryDurations d;
  d.planning_ms = config.planning_time.ms;
  d.service_ms = config.service_processing_time.ms;
  if (failed_in_analysis) {
    d.engine_ms = d.planning_ms;
    return d;
  }
  double micros = config.micros_per_row_scanned * static_cast<double>(scan.rows_scanned) +
                  config.micros_per_result_row * static_cast<double>(result_rows);
  d.engine_ms = d.planning_ms + config.base_run_time.ms +
                static_cast<int64_t>(std::llround(micros / 1000.0));
  return d;
}

int64_t BilledBytesFor(int64_t data_scanned_bytes) {
  int64_t rounded = (data_scanned_bytes + kBytesPerMegabyte - 1) / kBytesPerMegabyte *
                    kBytesPerMegabyte;
  return rounded < kMinimumBilledBytes ? kMinimumBilledBytes : rounded;
}

double CostUsd(int64_t billed_bytes, double usd_per_tb) {
  return static_cast<double>(billed_bytes) / kBytesPerTerabyte * usd_per_tb;
}

}  // namespace sim::athena
