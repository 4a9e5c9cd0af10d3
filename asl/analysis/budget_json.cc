#include "asl/analysis/budget_json.h"

#include "asl/analysis/distributed_map_facts.h"

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

namespace {

asl::Json OptionalJson(const std::optional<int64_t>& n) {
  return n ? asl::Json(*n) : asl::Json(nullptr);
}

asl::Json BodyJson(const asl::BudgetReport& report, int64_t limit);

asl::Json ChildJson(const asl::ChildBudget& child, int64_t limit) {
  const asl::State& map = *child.map;
  asl::ChildBatching batching = asl::BatchingOf(map);
  asl::Json batch = {{"batched", batching.batched},
                     {"max_items", OptionalJson(batching.max_items)},
                     {"max_items_from_input", batching.max_items_from_input},
                     {"max_bytes", OptionalJson(batching.max_bytes)},
                     {"max_bytes_from_input", batching.max_bytes_from_input},
                     {"text", asl::DescribeBatching(batching)}};
  // Items per child: 1 without a batcher, the literal MaxItemsPerBatch, else unknown.
  std::optional<int64_t> items_per_child =
      !batching.batched ? std::optional<int64_t>(1) : batching.max_items;
  asl::Json out = {{"map", map.name},
                   {"pointer", map.pointer},
                   {"scope", child.scope_title},
                   {"execution_type", child.express ? "EXPRESS" : "STANDARD"},
                   {"express", child.express},
                   {"parent_events", child.parent_events},
                   {"parent_events_grow_with_items", false},
                   {"batching", std::move(batch)},
                   {"items_per_child", OptionalJson(items_per_child)},
                   {"item_source", asl::DescribeItemSource(map)},
                   {"item_reader", asl::HasItemReader(map)},
                   {"result_sink", asl::DescribeResultSink(map)},
                   {"exports_results", asl::ExportsResults(map)},
                   {"child_limit", child.express ? asl::Json(nullptr) : asl::Json(limit)},
                   {"largest_child_nominal", OptionalJson(child.largest_nominal)},
                   {"largest_child_every_retry", OptionalJson(child.largest_every_retry)}};
  out["margin_below_limit"] = child.largest_every_retry
                      ? asl::Json(limit - *child.largest_every_retry)
                      : asl::Json(nullptr);
  out["child"] = BodyJson(child.report, limit);
  return out;
}

asl::Json BodyJson(const asl::BudgetReport& report, int64_t limit) {
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
  asl::Json children = asl::Json::array();
  for (const asl::ChildBudget& child : report.children) children.push_back(ChildJson(child, limit));
  return {{"loops", std::move(loops)},
          {"paths", std::move(paths)},
          {"notes", std::move(notes)},
          {"distributed_maps", std::move(children)}};
}

}  // namespace

asl::Json BudgetReportJson(const std::string& file, int64_t limit, int64_t margin,
                           const asl::BudgetReport& report, bool express) {
  asl::Json out = BodyJson(report, limit);
  out["file"] = file;
  out["limit"] = limit;
  out["margin"] = margin;
  out["express"] = express;
  return out;
}

asl::Json BudgetTallyJson(const asl::EventTally& tally) {
  asl::Json out = asl::Json::object();
  for (const auto& [t, n] : tally.by_type()) out[t] = n;
  return out;
}

}  // namespace asl
