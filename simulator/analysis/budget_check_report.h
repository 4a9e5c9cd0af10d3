#pragma once
// `sfnsim budget --check`'s report: each simulated run (simulator/analysis/budget_check.h) against
// the prediction, as text lines and as the "check" member of the JSON report.

#include <cstdint>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "simulator/analysis/budget_check.h"

namespace sim {

struct BudgetCheckSummary {
  int64_t differ = 0;       // compared, and not as predicted
  int64_t not_checked = 0;  // the prediction cannot follow the run
};

BudgetCheckSummary SummarizeBudgetChecks(const std::vector<BudgetCheckRun>& runs);

// From the "check: N runs in the simulator" line to the verdict, every line ending in a newline.
std::string FormatBudgetCheckText(const std::vector<BudgetCheckRun>& runs, bool express);

asl::Json BudgetCheckJson(const std::vector<BudgetCheckRun>& runs, bool express);

}  // namespace sim
