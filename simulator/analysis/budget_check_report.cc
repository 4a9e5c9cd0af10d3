#include "simulator/analysis/budget_check_report.h"

#include <fmt/format.h>

#include <set>

#include "asl/analysis/budget_json.h"
#include "asl/analysis/budget_report.h"
#include "asl/base/number_text.h"

namespace sim {

namespace {

using asl::BudgetPlural;
using asl::GroupDigits;

std::string TallyDiff(const asl::EventTally& predicted, const asl::EventTally& recorded) {
  std::set<std::string> types;
  for (const auto& [t, n] : predicted.by_type()) types.insert(t);
  for (const auto& [t, n] : recorded.by_type()) types.insert(t);
  std::string out;
  for (const std::string& t : types) {
    int64_t p = predicted.count(t), r = recorded.count(t);
    out += fmt::format("      {:<28} predicted {:>7}  recorded {:>7}{}\n", t, GroupDigits(p),
                       GroupDigits(r), p == r ? "" : "  <-- differs");
  }
  return out;
}

// The last line of --check: how many runs were as predicted, differ, or could not be compared.
std::string CheckVerdict(int64_t runs, int64_t differ, int64_t not_checked) {
  int64_t checked = runs - not_checked;
  std::string unchecked = not_checked == 0
                              ? ""
                              : fmt::format(
                                    "; {} not checked (the prediction cannot follow {}: see "
                                    "NOT CHECKED above)",
                                    not_checked, not_checked == 1 ? "it" : "them");
  if (checked == 0) return fmt::format("no run could be compared{}", unchecked);
  if (differ == 0) {
    return fmt::format(
        "{} as predicted{}",
        checked == runs ? std::string("every run") : BudgetPlural(checked, "run", "runs"),
        unchecked);
  }
  return fmt::format("differences found: {} of {} compared differ{}", differ, checked, unchecked);
}

std::string RunLabel(const BudgetCheckRun& run) {
  return fmt::format("{} {}, {}{}", run.input,
                     run.pages == 0 ? "unlimited pages" : BudgetPlural(run.pages, "page", "pages"),
                     asl::BudgetCaseName(run.retries),
                     run.sequential ? ", Maps one item at a time" : "");
}

std::string RunOutcome(const BudgetCheckRun& run) {
  std::string out = fmt::format("{}, top-level state visited at most {} time{}", run.status,
                                run.loop_visits, run.loop_visits == 1 ? "" : "s");
  if (run.trace.size() >= 2) {
    out += fmt::format(", ends {} -> {}", run.trace[run.trace.size() - 2].state->name,
                       run.trace.back().state->name);
  }
  if (run.predicted.limit_hit) {
    const asl::LimitHit& hit = *run.predicted.limit_hit;
    out += fmt::format("; the limit replaced {} of \"{}\"", hit.blocked_event, hit.state);
    if (!hit.map.empty()) {
      out += fmt::format(" (item {} of Map \"{}\" visit {})", GroupDigits(hit.item), hit.map,
                         hit.map_visit);
    }
    if (!hit.map.empty() || hit.items_completed > 0) {
      out +=
          fmt::format(", {} completed", BudgetPlural(hit.items_completed, "Map item", "Map items"));
    }
  }
  return out;
}

}  // namespace

BudgetCheckSummary SummarizeBudgetChecks(const std::vector<BudgetCheckRun>& runs) {
  // A run the prediction cannot follow is "not checked": neither a match nor a difference.
  BudgetCheckSummary summary;
  for (const BudgetCheckRun& run : runs) {
    if (!run.problem.empty())
      ++summary.not_checked;
    else if (!run.match)
      ++summary.differ;
  }
  return summary;
}

std::string FormatBudgetCheckText(const std::vector<BudgetCheckRun>& runs, bool express) {
  auto [differ, not_checked] = SummarizeBudgetChecks(runs);
  std::string text;
  text += fmt::format("\ncheck: {} in the simulator (engine limit {}), scripted task results\n",
                      BudgetPlural(static_cast<int64_t>(runs.size()), "run", "runs"),
                      express ? "none: EXPRESS" : GroupDigits(EngineHistoryLimit()));
  for (const BudgetCheckRun& run : runs) {
    text += fmt::format("  {}: {}\n", RunLabel(run), RunOutcome(run));
    if (!run.problem.empty()) {
      text += fmt::format("    NOT CHECKED: {}\n", run.problem);
      continue;
    }
    if (run.costliest) {
      text += fmt::format(
          "    predicted {} to {} events (Map items or branches with several paths), "
          "recorded {}: {}\n",
          GroupDigits(run.predicted.events.total()), GroupDigits(run.costliest->total()),
          GroupDigits(run.recorded.total()), run.match ? "within" : "OUTSIDE");
      continue;
    }
    text +=
        fmt::format("    predicted {} events, recorded {}: {}\n",
                    GroupDigits(run.predicted.events.total()), GroupDigits(run.recorded.total()),
                    !run.match    ? "DIFFERENT"
                    : run.by_type ? "same, event type by event type"
                                  : "same total and limit event (concurrent Map items were in "
                                    "flight at the limit: compared by type below, one item at "
                                    "a time)");
    if (!run.match && run.by_type) text += TallyDiff(run.predicted.events, run.recorded);
  }
  text += fmt::format("check: {}\n",
                      CheckVerdict(static_cast<int64_t>(runs.size()), differ, not_checked));
  return text;
}

asl::Json BudgetCheckJson(const std::vector<BudgetCheckRun>& runs, bool express) {
  auto [differ, not_checked] = SummarizeBudgetChecks(runs);
  asl::Json check = asl::Json::array();
  for (const BudgetCheckRun& run : runs) {
    asl::Json r = {{"input", run.input},
                   {"pages", run.pages},
                   {"case", asl::BudgetCaseName(run.retries)},
                   {"status", run.status},
                   {"trace", asl::FormatPath(run.trace)},
                   {"visits", run.loop_visits},
                   {"recorded_events", run.recorded.total()},
                   {"predicted_events", run.predicted.events.total()},
                   {"recorded", asl::BudgetTallyJson(run.recorded)},
                   {"predicted", asl::BudgetTallyJson(run.predicted.events)},
                   {"limit_reached", run.predicted.limit_reached},
                   {"sequential", run.sequential},
                   {"compared", run.costliest ? "bounds"
                                : run.by_type ? "event types"
                                              : "total"},
                   {"checked", run.problem.empty()},
                   {"match", run.problem.empty() ? asl::Json(run.match) : asl::Json(nullptr)}};
    if (!run.error.empty()) r["error"] = run.error;
    if (!run.problem.empty()) r["problem"] = run.problem;
    if (run.predicted.limit_hit) r["limit_hit"] = asl::HitJson(*run.predicted.limit_hit);
    if (run.costliest) r["predicted_max_events"] = run.costliest->total();
    check.push_back(std::move(r));
  }
  return {{"engine_limit", express ? 0 : EngineHistoryLimit()},
          {"runs", std::move(check)},
          {"differ", differ},
          {"not_checked", not_checked},
          {"match", differ == 0}};
}

}  // namespace sim
