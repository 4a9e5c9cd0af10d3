#pragma once
// `sfnsim budget --format json`: the history budget report (asl/analysis/history_budget.h) and
// the event tallies of --check as JSON.

#include <cstdint>
#include <string>

#include "asl/analysis/history_budget.h"
#include "asl/base/json.h"

namespace asl {

// Where a run reaches the history limit.
asl::Json HitJson(const asl::LimitHit& hit);
// The whole report: loops (cycles, ways in and out with their figures), plain paths and notes.
asl::Json BudgetReportJson(const std::string& file, int64_t limit, int64_t margin,
                           const asl::BudgetReport& report, bool express);
// Events by type.
asl::Json BudgetTallyJson(const asl::EventTally& tally);

}  // namespace asl
