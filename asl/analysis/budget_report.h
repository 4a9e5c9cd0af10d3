#pragma once
// `sfnsim budget`'s text report: the history budget (asl/analysis/history_budget.h) of each loop
// and plain path as lines for a reader. The JSON form is asl/analysis/budget_json.h.

#include <cstdint>
#include <string>
#include <vector>

#include "asl/analysis/history_budget.h"

namespace asl {

struct BudgetTextOptions {
  std::string file;                    // the definition's file, as the user named it
  int64_t limit = kHistoryLimit;
  int64_t margin = 0;
  std::vector<std::string> map_items;  // the --map-items specs the report was made with
  bool express = false;
};

// "1 loop", "2 loops", "1,000 events": a count with digit groups and its noun.
std::string BudgetPlural(int64_t n, const char* one, const char* many);

// The whole report, every line ending in a newline.
std::string FormatBudgetText(const BudgetTextOptions& options, const BudgetReport& report);

}  // namespace asl
