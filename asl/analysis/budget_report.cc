#include "asl/analysis/budget_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <vector>

#include "asl/analysis/distributed_map_facts.h"
#include "asl/base/number_text.h"

namespace asl {

std::string BudgetPlural(int64_t n, const char* one, const char* many) {
  return fmt::format("{} {}", GroupDigits(n), n == 1 ? one : many);
}

namespace {

bool SameEntryFigures(const EntryFigures& a, const EntryFigures& b) {
  auto hit = [](const std::optional<LimitHit>& h) {
    return h ? fmt::format("{}/{}/{}/{}/{}", h->iteration, h->blocked_event, h->state, h->item,
                           h->items_completed)
             : std::string();
  };
  return a.known == b.known && a.before_known == b.before_known && a.before == b.before &&
         a.first_iteration == b.first_iteration && a.per_iteration == b.per_iteration &&
         hit(a.keeps_iterating) == hit(b.keeps_iterating);
}

bool SameRouteFigures(const RouteFigures& a, const RouteFigures& b) {
  return a.known == b.known && a.after_known == b.after_known && a.after == b.after &&
         a.max_iterations == b.max_iterations && a.events_at_max == b.events_at_max &&
         a.handover_iteration == b.handover_iteration &&
         a.events_at_handover == b.events_at_handover;
}

std::string HitText(const LimitHit& hit, int64_t limit) {
  std::string where = fmt::format("{} of \"{}\"", hit.blocked_event, hit.state);
  if (!hit.map.empty()) {
    where += fmt::format(" in item {} of Map \"{}\"{}", GroupDigits(hit.item), hit.map,
                         hit.concurrent ? " (counting its items one at a time; with "
                                          "concurrency several are in flight then)"
                                        : "");
  }
  std::string when = hit.iteration == 0
                         ? "before the loop"
                         : fmt::format("in iteration {}", GroupDigits(hit.iteration));
  std::string items = hit.map.empty() && hit.items_completed == 0
                          ? ""
                          : fmt::format("; {} completed",
                                        BudgetPlural(hit.items_completed, "Map item", "Map items"));
  return fmt::format("event {} replaces {} {}{}", GroupDigits(limit), where, when, items);
}

std::string EntryText(const EntryFigures& f, int64_t limit) {
  if (!f.known) {
    return f.before_known ? fmt::format(
                                "{} before the loop; the iterations depend on the Map "
                                "items (give --map-items)",
                                BudgetPlural(f.before, "event", "events"))
                          : "unknown (give --map-items)";
  }
  std::string out =
      fmt::format("{} before the loop, {} in the first iteration",
                  BudgetPlural(f.before, "event", "events"), GroupDigits(f.first_iteration));
  if (f.per_iteration != f.first_iteration) {
    out += fmt::format(", {} in each later one", GroupDigits(f.per_iteration));
  }
  if (f.keeps_iterating) {
    out += fmt::format("\n                 if it never leaves the loop: {}",
                       HitText(*f.keeps_iterating, limit));
  }
  return out;
}

std::string RouteText(const RouteFigures& f, bool hands_over, int64_t limit, int64_t margin) {
  if (!f.known) return "iterations unknown (give --map-items)";
  std::string out = f.max_iterations == 0
                        ? "not even one iteration fits"
                        : fmt::format("at most {} ({} events)",
                                      BudgetPlural(f.max_iterations, "iteration", "iterations"),
                                      GroupDigits(f.events_at_max));
  if (hands_over) {
    if (f.handover_iteration) {
      int64_t slack = limit - f.events_at_handover;
      out += fmt::format(
          "; hand over after iteration {} at margin {} ({} events; {} of slack "
          "before the limit, {} retried request-response attempts)",
          GroupDigits(*f.handover_iteration), GroupDigits(margin),
          GroupDigits(f.events_at_handover), GroupDigits(slack), GroupDigits(slack / 3));
    } else {
      out += fmt::format("; no iteration fits within margin {}", GroupDigits(margin));
    }
  }
  return out;
}

std::string BodyText(const BudgetTextOptions& options, const BudgetReport& report);
std::string ChildText(const BudgetTextOptions& options, const ChildBudget& child);

}  // namespace

std::string FormatBudgetText(const BudgetTextOptions& options, const BudgetReport& report) {
  std::string text;
  text += fmt::format(
      "{}: {}; history limit {} (a workflow writes at most {} events of its own; the "
      "limit's ExecutionFailed is event {})\n",
      options.file, BudgetPlural(static_cast<int64_t>(report.loops.size()), "loop", "loops"),
      GroupDigits(options.limit), GroupDigits(options.limit - 1), GroupDigits(options.limit));
  if (options.express) {
    text += fmt::format(
        "EXPRESS: AWS keeps no history and enforces no event limit for EXPRESS "
        "executions (their limit is 5 minutes); the figures are what a STANDARD "
        "execution of the definition would write\n");
  }
  return text + BodyText(options, report);
}

namespace {

std::string BodyText(const BudgetTextOptions& options, const BudgetReport& report) {
  std::string text;
  int index = 0;
  for (const Loop& loop : report.loops) {
    ++index;
    text += fmt::format("\nloop {}{}: {} state{}\n", index,
                        loop.scope_title.empty() ? "" : " in " + loop.scope_title,
                        loop.states.size(), loop.states.size() == 1 ? "" : "s");
    for (size_t i = 0; i < loop.cycles.size(); ++i) {
      const StatePath& cycle = loop.cycles[i];
      text +=
          fmt::format("  path {}: {} -> {}\n", i + 1, FormatPath(cycle), cycle.front().state->name);
      std::string nominal = loop.nominal_formula[i].ToString();
      std::string retry = loop.every_retry_formula[i].ToString();
      if (nominal == retry) {
        text += fmt::format("    events per iteration: {} (no Retry adds to it)\n", nominal);
      } else {
        text += fmt::format("    events per iteration: {} nominal, {} with every retry\n", nominal,
                            retry);
      }
    }
    if (!loop.data_dependent.empty()) {
      std::vector<std::string> parts;
      for (const std::string& d : loop.data_dependent) {
        std::string part = d;
        const std::string prefix = "items of Map \"";
        if (d.rfind(prefix, 0) == 0) {
          std::string map = d.substr(prefix.size(), d.size() - prefix.size() - 1);
          std::string given = options.map_items.empty() ? "" : [&] {
            MapItems items;
            for (const std::string& spec : options.map_items) items.Parse(spec, nullptr);
            return items.Describe(map);
          }();
          if (!given.empty()) part += " (--map-items: " + given + ")";
        }
        parts.push_back(part);
      }
      text += fmt::format("  depends on the data: {}\n", fmt::join(parts, "; "));
    }
    if (!loop.exits) text += fmt::format("  no transition leaves it\n");
    text += fmt::format("  hands over to a new execution: {}\n", loop.hands_over ? "yes" : "no");
    if (loop.truncated) text += fmt::format("  (more paths than listed)\n");
    std::vector<std::string> failure_exits;
    for (size_t e = 0; e < loop.entries.size(); ++e) {
      const LoopEntry& entry = loop.entries[e];
      text += fmt::format("  way in {}: {}{}{}\n", e + 1, FormatPath(entry.prefix),
                          entry.prefix.empty() ? "starts at " : " => ",
                          entry.iteration.front().state->name);
      text += fmt::format("    iteration: {}\n", FormatPath(entry.iteration));
      if (SameEntryFigures(entry.nominal, entry.every_retry)) {
        text +=
            fmt::format("    nominal = every retry: {}\n", EntryText(entry.nominal, options.limit));
      } else {
        text += fmt::format("    nominal:     {}\n", EntryText(entry.nominal, options.limit));
        text += fmt::format("    every retry: {}\n", EntryText(entry.every_retry, options.limit));
      }
      for (const LoopRoute& route : loop.routes) {
        if (route.entry != e) continue;
        std::string from = entry.iteration[route.partial - 1].state->name;
        std::string way = fmt::format("{} -> {}", from, FormatPath(route.exit));
        if (route.fails) {
          std::string label = way + (route.partial_exit == StepExit::kCatch ? " (Catch)" : "");
          if (std::find(failure_exits.begin(), failure_exits.end(), label) == failure_exits.end()) {
            failure_exits.push_back(label);
          }
          continue;
        }
        text += fmt::format(
            "    way out {}{}: {}\n", way, route.hands_over ? " (hands over)" : "",
            route.nominal.after_known
                ? BudgetPlural(route.nominal.after, "event", "events") + " after the loop"
                : std::string("events after the loop unknown (give --map-items)"));
        if (SameRouteFigures(route.nominal, route.every_retry)) {
          text += fmt::format(
              "      nominal = every retry: {}\n",
              RouteText(route.nominal, route.hands_over, options.limit, options.margin));
        } else {
          text += fmt::format("      nominal:     {}\n", RouteText(route.nominal, route.hands_over,
                                                                   options.limit, options.margin));
          text += fmt::format(
              "      every retry: {}\n",
              RouteText(route.every_retry, route.hands_over, options.limit, options.margin));
        }
      }
    }
    if (!failure_exits.empty()) {
      text +=
          fmt::format("  failure ways out (not budgeted): {}\n", fmt::join(failure_exits, ", "));
    }
  }
  if (!report.paths.empty()) {
    text += fmt::format("\npaths (no loop):\n");
    for (const PlainPath& path : report.paths) {
      std::string line = fmt::format("  {}{}: {}", FormatPath(path.path),
                                     path.fails ? " (fails)" : "", path.nominal.ToString());
      if (path.nominal_total) line += fmt::format(" = {}", GroupDigits(*path.nominal_total));
      if (path.every_retry.ToString() != path.nominal.ToString()) {
        line += fmt::format("; every retry {}", path.every_retry.ToString());
        if (path.every_retry_total)
          line += fmt::format(" = {}", GroupDigits(*path.every_retry_total));
      }
      text += fmt::format("{} events\n", line);
    }
    if (report.paths_truncated) text += fmt::format("  (more paths than listed)\n");
  }
  if (!report.notes.empty()) {
    text += fmt::format("\nnotes:\n");
    for (const std::string& note : report.notes) text += fmt::format("  {}\n", note);
  }
  for (const ChildBudget& child : report.children) text += ChildText(options, child);
  return text;
}

// Every non-empty line of `text` indented by `indent`.
std::string Indented(const std::string& text, std::string_view indent) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out += indent;
    out.append(text, start, end - start);
    out += '\n';
    start = end + 1;
  }
  return out;
}

std::string ChildText(const BudgetTextOptions& options, const ChildBudget& child) {
  const State& map = *child.map;
  std::string text = fmt::format(
      "\ndistributed Map \"{}\"{}:\n", map.name,
      child.scope_title.empty() ? " (top level)" : " in " + child.scope_title);
  text += fmt::format(
      "  this history: the Map's {} events (MapStateEntered, MapStateStarted, MapRunStarted, "
      "MapRunSucceeded, MapStateSucceeded, MapStateExited), whatever the number of items; "
      "each child execution has a history of its own\n",
      child.parent_events);
  text += fmt::format("  child executions: {}, {}\n", child.express ? "EXPRESS" : "STANDARD",
                      DescribeBatching(BatchingOf(map)));
  text += fmt::format("  items: {}; results: {}\n", DescribeItemSource(map),
                      DescribeResultSink(map));
  if (child.largest_nominal && child.largest_every_retry) {
    int64_t nominal = *child.largest_nominal, retry = *child.largest_every_retry;
    std::string events = nominal == retry
                             ? fmt::format("{} (no Retry adds to it)",
                                           BudgetPlural(nominal, "event", "events"))
                             : fmt::format("{} nominal, {} with every retry",
                                           BudgetPlural(nominal, "event", "events"),
                                           GroupDigits(retry));
    int64_t margin = options.limit - retry;
    std::string against =
        margin >= 0 ? fmt::format("margin {} below the {}-event limit", GroupDigits(margin),
                                  GroupDigits(options.limit))
                    : fmt::format("{} over the {}-event limit", GroupDigits(-margin),
                                  GroupDigits(options.limit));
    text += fmt::format("  one child's history, at most: {}; {}{}\n", events, against,
                        child.express ? " (not a limit for EXPRESS children)" : "");
  } else if (!child.report.loops.empty()) {
    text += "  one child's history: it has a loop, see the ways through it below\n";
  } else {
    text += "  one child's history: unknown (give --map-items for the Maps in it)\n";
  }
  if (child.express) {
    text +=
        "  EXPRESS: AWS keeps no history and enforces no event limit for EXPRESS child "
        "executions (their limit is 5 minutes); the figures are what a STANDARD child would "
        "write\n";
  }
  text += fmt::format("  the child, as an execution of its own ({}):\n",
                      BudgetPlural(static_cast<int64_t>(child.report.loops.size()), "loop",
                                   "loops"));
  std::string body = BodyText(options, child.report);
  if (!body.empty() && body.front() == '\n') body.erase(0, 1);  // right under its heading
  text += Indented(body, "    ");
  return text;
}

}  // namespace

}  // namespace asl
