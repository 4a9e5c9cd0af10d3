#pragma once
// What the HTML report draws for one run, as JSON the page's script reads: executions (compact
// rows), completion curves, the history use, the failures handled, the state-entry rate against
// the transition quota, state graphs with their visit and event tallies, and the histories the
// run kept. Everything is reduced here, in C++, so the page stays small for any run size: at most
// kMaxListedExecutions executions are listed (the rest are counted per bucket), curves have
// kCurvePoints points and rates kRateBins bins.

#include <cstddef>

#include "asl/base/json.h"
#include "simulator/scenario/scenario_report.h"

namespace sim {

inline constexpr size_t kMaxListedExecutions = 2'000;
inline constexpr size_t kMaxListedFailures = 2'000;
inline constexpr int kCurvePoints = 120;
inline constexpr int kRateBins = 240;

asl::Json ReportRunDetail(const ScenarioReport& report);

}  // namespace sim
