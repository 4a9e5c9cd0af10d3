#include "asl/analysis/budget_json.h"

namespace asl {

namespace {

asl::Json FormulaJson(const asl::IterationFormula& f) {
  asl::Json out = {{"text", f.ToString()}, {"known", f.known}};
  if (!f.known) return out;
  out["constant"] = f.constant;
  asl::Json terms = asl::Json::array();
  for (const asl::FormulaTerm& t : f.terms) {
    terms.push_back({{"map", t.map->name}, {"per_item", t.per_item}});
  }
  out["per_item"] = std::move(terms);
  return out;
}

}  // namespace

asl::Json HitJson(const asl::LimitHit& hit) {
  asl::Json out = {{"iteration", hit.iteration},
                   {"blocked_event", hit.blocked_event},
                   {"state", hit.state},
                   {"items_completed", hit.items_completed}};
  if (!hit.map.empty()) {
    out["map"] = hit.map;
    out["map_visit"] = hit.map_visit;
    out["item"] = hit.item;
    out["concurrent"] = hit.concurrent;
  }
  return out;
}

namespace {

asl::Json EntryJson(const asl::EntryFigures& f) {
  asl::Json out = {{"known", f.known}};
  if (f.before_known) out["before"] = f.before;
  if (!f.known) return out;
  out["first_iteration"] = f.first_iteration;
  out["per_iteration"] = f.per_iteration;
  out["keeps_iterating"] = f.keeps_iterating ? HitJson(*f.keeps_iterating) : asl::Json(nullptr);
  return out;
}

asl::Json RouteJson(const asl::RouteFigures& f) {
  asl::Json out = {{"known", f.known}};
  if (f.after_known) out["after"] = f.after;
  if (!f.known) return out;
  out["max_iterations"] = f.max_iterations;
  out["events_at_max"] = f.events_at_max;
  out["handover_iteration"] =
      f.handover_iteration ? asl::Json(*f.handover_iteration) : asl::Json(nullptr);
  if (f.handover_iteration) out["events_at_handover"] = f.events_at_handover;
  return out;
}

}  // namespace

asl::Json BudgetReportJson(const std::string& file, int64_t limit, int64_t margin,
                           const asl::BudgetReport& report, bool express) {
  asl::Json loops = asl::Json::array();
  for (const asl::Loop& loop : report.loops) {
    asl::Json states = asl::Json::array();
    for (const asl::State* s : loop.states) states.push_back(s->name);
    asl::Json cycles = asl::Json::array();
    for (size_t i = 0; i < loop.cycles.size(); ++i) {
      cycles.push_back({{"path", asl::FormatPath(loop.cycles[i])},
                        {"nominal", FormulaJson(loop.nominal_formula[i])},
                        {"every_retry", FormulaJson(loop.every_retry_formula[i])}});
    }
    asl::Json entries = asl::Json::array();
    for (const asl::LoopEntry& entry : loop.entries) {
      entries.push_back({{"prefix", asl::FormatPath(entry.prefix)},
                         {"enters", entry.iteration.front().state->name},
                         {"iteration", asl::FormatPath(entry.iteration)},
                         {"nominal", EntryJson(entry.nominal)},
                         {"every_retry", EntryJson(entry.every_retry)}});
    }
    asl::Json routes = asl::Json::array();
    for (const asl::LoopRoute& route : loop.routes) {
      const asl::LoopEntry& entry = loop.entries[route.entry];
      routes.push_back({{"entry", route.entry},
                        {"leaves_at", entry.iteration[route.partial - 1].state->name},
                        {"through_catch", route.partial_exit == asl::StepExit::kCatch},
                        {"exit", asl::FormatPath(route.exit)},
                        {"hands_over", route.hands_over},
                        {"fails", route.fails},
                        {"nominal", RouteJson(route.nominal)},
                        {"every_retry", RouteJson(route.every_retry)}});
    }
    asl::Json data = asl::Json::array();
    for (const std::string& d : loop.data_dependent) data.push_back(d);
    loops.push_back({{"scope", loop.scope_title},
                     {"states", std::move(states)},
                     {"cycles", std::move(cycles)},
                     {"data_dependent", std::move(data)},
                     {"exits", loop.exits},
                     {"hands_over", loop.hands_over},
                     {"truncated", loop.truncated},
                     {"entries", std::move(entries)},
                     {"routes", std::move(routes)}});
  }
  asl::Json paths = asl::Json::array();
  for (const asl::PlainPath& path : report.paths) {
    asl::Json p = {{"path", asl::FormatPath(path.path)},
                   {"fails", path.fails},
                   {"nominal", FormulaJson(path.nominal)},
                   {"every_retry", FormulaJson(path.every_retry)}};
    p["nominal_total"] = path.nominal_total ? asl::Json(*path.nominal_total) : asl::Json(nullptr);
    p["every_retry_total"] =
        path.every_retry_total ? asl::Json(*path.every_retry_total) : asl::Json(nullptr);
    paths.push_back(std::move(p));
  }
  asl::Json notes = asl::Json::array();
  for (const std::string& n : report.notes) notes.push_back(n);
  return {{"file", file}, {"limit", limit}, {"margin", margin},
          {"express", express},
          {"loops", std::move(loops)}, {"paths", std::move(paths)}, {"notes", std::move(notes)}};
}

asl::Json BudgetTallyJson(const asl::EventTally& tally) {
  asl::Json out = asl::Json::object();
  for (const auto& [t, n] : tally.by_type()) out[t] = n;
  return out;
}

}  // namespace asl
