#pragma once
// A finished scenario's summary as JSON (`sfnsim run --json FILE`): the figures the text summary
// prints, for scripts, dashboards and the HTML report (which embeds the same object). Depends on
// the report alone, so the same scenario and seed write the same bytes.

#include <string>
#include <string_view>
#include <vector>

#include "asl/base/json.h"
#include "simulator/scenario/scenario_report.h"

namespace sim {

// One run: scenario, seed, status, duration, executions by status, rows published, the largest
// history, cost, faults, per-bucket figures and the expectations.
asl::Json RunSummaryJson(const ScenarioReport& report);

// {"sfnsim_version": VERSION, "runs": [one per report, in order]}.
asl::Json SummaryDocument(const std::vector<ScenarioReport>& reports, std::string_view version);
// The same document from runs already made by RunSummaryJson (an array; `sfnsim merge` has
// them from the shards' results).
asl::Json SummaryDocumentOf(asl::Json runs, std::string_view version);

}  // namespace sim
