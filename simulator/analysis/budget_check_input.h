#pragma once
// What `sfnsim budget --check` runs with: the execution inputs (--input files) and the query
// result pages each run gets (--check-pages), read and checked before any run starts.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/result.h"
#include "simulator/analysis/budget_check.h"

namespace sim {

// Each file's text, labelled with its name; no file: the one input "{}". A file that cannot be
// read, or is not JSON, is an error of whole lines ("FILE:LINE:COLUMN: the execution input
// (--input) must be JSON: …\n"), since a run would start with whatever the text is (the
// simulator replaces input it cannot parse) and so check some other input.
asl::Result<std::vector<BudgetCheckInput>, std::string> ReadBudgetCheckInputs(
    const std::vector<std::string>& paths);

// "1,2,3,0": the pages of each run (0: unlimited); nullopt when `spec` is not N[,N...].
std::optional<std::vector<int64_t>> ParseCheckPages(const std::string& spec);

}  // namespace sim
