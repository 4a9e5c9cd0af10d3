// sfnsim budget DEFINITION: the history events a definition writes, per loop and per way
// through it, the iterations that fit under the 25,000-event limit and the iteration at which
// to hand over to a new execution; --check compares the prediction with simulated runs.

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <filesystem>
#include <memory>
#include <set>

#include "asl/analysis/history_budget.h"
#include "asl/analysis/state_graph.h"
#include "asl/base/json.h"
#include "asl/load/definition_file.h"
#include "asl/load/source_text.h"
#include "asl/validate/definition_parser.h"
#include "simulator/analysis/budget_check.h"
#include "tools/sfnsim/budget_json.h"
#include "tools/sfnsim/commands.h"
#include "tools/sfnsim/definition_options.h"
#include "tools/sfnsim/output.h"

namespace sfnsim_cli {

namespace {

struct BudgetArgs {
  std::string file;
  DefinitionOptions definition;
  std::string loop;
  int64_t limit = asl::kHistoryLimit;
  int64_t margin = 0;
  std::vector<std::string> map_items;
  bool check = false;
  std::vector<std::string> inputs;
  std::string check_pages = "1,2,3,0";
  std::string format = "text";
};

using asl::GroupDigits;
using sim::BudgetCheckInput;
using sim::BudgetCheckRun;
using sim::EngineHistoryLimit;
using sim::RunBudgetChecks;

std::string BudgetPlural(int64_t n, const char* one, const char* many) {
  return fmt::format("{} {}", GroupDigits(n), n == 1 ? one : many);
}

bool SameEntryFigures(const asl::EntryFigures& a, const asl::EntryFigures& b) {
  auto hit = [](const std::optional<asl::LimitHit>& h) {
    return h ? fmt::format("{}/{}/{}/{}/{}", h->iteration, h->blocked_event, h->state, h->item,
                           h->items_completed)
             : std::string();
  };
  return a.known == b.known && a.before_known == b.before_known && a.before == b.before &&
         a.first_iteration == b.first_iteration &&
         a.per_iteration == b.per_iteration && hit(a.keeps_iterating) == hit(b.keeps_iterating);
}

bool SameRouteFigures(const asl::RouteFigures& a, const asl::RouteFigures& b) {
  return a.known == b.known && a.after_known == b.after_known && a.after == b.after &&
         a.max_iterations == b.max_iterations &&
         a.events_at_max == b.events_at_max && a.handover_iteration == b.handover_iteration &&
         a.events_at_handover == b.events_at_handover;
}

std::string HitText(const asl::LimitHit& hit, int64_t limit) {
  std::string where = fmt::format("{} of \"{}\"", hit.blocked_event, hit.state);
  if (!hit.map.empty()) {
    where += fmt::format(" in item {} of Map \"{}\"{}", GroupDigits(hit.item), hit.map,
                         hit.concurrent ? " (counting its items one at a time; with "
                                          "concurrency several are in flight then)"
                                        : "");
  }
  std::string when = hit.iteration == 0 ? "before the loop"
                                        : fmt::format("in iteration {}", GroupDigits(hit.iteration));
  std::string items = hit.map.empty() && hit.items_completed == 0
                          ? ""
                          : fmt::format("; {} completed",
                                        BudgetPlural(hit.items_completed, "Map item", "Map items"));
  return fmt::format("event {} replaces {} {}{}", GroupDigits(limit), where, when, items);
}

std::string EntryText(const asl::EntryFigures& f, int64_t limit) {
  if (!f.known) {
    return f.before_known ? fmt::format("{} before the loop; the iterations depend on the Map "
                                        "items (give --map-items)",
                                        BudgetPlural(f.before, "event", "events"))
                          : "unknown (give --map-items)";
  }
  std::string out = fmt::format("{} before the loop, {} in the first iteration",
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

std::string RouteText(const asl::RouteFigures& f, bool hands_over, int64_t limit, int64_t margin) {
  if (!f.known) return "iterations unknown (give --map-items)";
  std::string out =
      f.max_iterations == 0
          ? "not even one iteration fits"
          : fmt::format("at most {} ({} events)", BudgetPlural(f.max_iterations, "iteration",
                                                         "iterations"),
                        GroupDigits(f.events_at_max));
  if (hands_over) {
    if (f.handover_iteration) {
      int64_t slack = limit - f.events_at_handover;
      out += fmt::format("; hand over after iteration {} at margin {} ({} events; {} of slack "
                         "before the limit, {} retried request-response attempts)",
                         GroupDigits(*f.handover_iteration), GroupDigits(margin),
                         GroupDigits(f.events_at_handover), GroupDigits(slack),
                         GroupDigits(slack / 3));
    } else {
      out += fmt::format("; no iteration fits within margin {}", GroupDigits(margin));
    }
  }
  return out;
}

void PrintBudgetText(const BudgetArgs& args, const asl::BudgetReport& report, bool express) {
  Out("{}: {}; history limit {} (a workflow writes at most {} events of its own; the "
      "limit's ExecutionFailed is event {})\n",
      args.file, BudgetPlural(static_cast<int64_t>(report.loops.size()), "loop", "loops"),
      GroupDigits(args.limit), GroupDigits(args.limit - 1), GroupDigits(args.limit));
  if (express) {
    Out("EXPRESS: AWS keeps no history and enforces no event limit for EXPRESS "
        "executions (their limit is 5 minutes); the figures are what a STANDARD "
        "execution of the definition would write\n");
  }
  int index = 0;
  for (const asl::Loop& loop : report.loops) {
    ++index;
    Out("\nloop {}{}: {} state{}\n", index,
        loop.scope_title.empty() ? "" : " in " + loop.scope_title, loop.states.size(),
        loop.states.size() == 1 ? "" : "s");
    for (size_t i = 0; i < loop.cycles.size(); ++i) {
      const asl::StatePath& cycle = loop.cycles[i];
      Out("  path {}: {} -> {}\n", i + 1, asl::FormatPath(cycle), cycle.front().state->name);
      std::string nominal = loop.nominal_formula[i].ToString();
      std::string retry = loop.every_retry_formula[i].ToString();
      if (nominal == retry) {
        Out("    events per iteration: {} (no Retry adds to it)\n", nominal);
      } else {
        Out("    events per iteration: {} nominal, {} with every retry\n", nominal, retry);
      }
    }
    if (!loop.data_dependent.empty()) {
      std::vector<std::string> parts;
      for (const std::string& d : loop.data_dependent) {
        std::string part = d;
        const std::string prefix = "items of Map \"";
        if (d.rfind(prefix, 0) == 0) {
          std::string map = d.substr(prefix.size(), d.size() - prefix.size() - 1);
          std::string given = args.map_items.empty() ? "" : [&] {
            asl::MapItems items;
            for (const std::string& spec : args.map_items) items.Parse(spec, nullptr);
            return items.Describe(map);
          }();
          if (!given.empty()) part += " (--map-items: " + given + ")";
        }
        parts.push_back(part);
      }
      Out("  depends on the data: {}\n", fmt::join(parts, "; "));
    }
    if (!loop.exits) Out("  no transition leaves it\n");
    Out("  hands over to a new execution: {}\n", loop.hands_over ? "yes" : "no");
    if (loop.truncated) Out("  (more paths than listed)\n");
    std::vector<std::string> failure_exits;
    for (size_t e = 0; e < loop.entries.size(); ++e) {
      const asl::LoopEntry& entry = loop.entries[e];
      Out("  way in {}: {}{}{}\n", e + 1, asl::FormatPath(entry.prefix),
          entry.prefix.empty() ? "starts at " : " => ", entry.iteration.front().state->name);
      Out("    iteration: {}\n", asl::FormatPath(entry.iteration));
      if (SameEntryFigures(entry.nominal, entry.every_retry)) {
        Out("    nominal = every retry: {}\n", EntryText(entry.nominal, args.limit));
      } else {
        Out("    nominal:     {}\n", EntryText(entry.nominal, args.limit));
        Out("    every retry: {}\n", EntryText(entry.every_retry, args.limit));
      }
      for (const asl::LoopRoute& route : loop.routes) {
        if (route.entry != e) continue;
        std::string from = entry.iteration[route.partial - 1].state->name;
        std::string way = fmt::format("{} -> {}", from, asl::FormatPath(route.exit));
        if (route.fails) {
          std::string label = way + (route.partial_exit == asl::StepExit::kCatch ? " (Catch)" : "");
          if (std::find(failure_exits.begin(), failure_exits.end(), label) == failure_exits.end()) {
            failure_exits.push_back(label);
          }
          continue;
        }
        Out("    way out {}{}: {}\n", way, route.hands_over ? " (hands over)" : "",
            route.nominal.after_known
                ? BudgetPlural(route.nominal.after, "event", "events") + " after the loop"
                : std::string("events after the loop unknown (give --map-items)"));
        if (SameRouteFigures(route.nominal, route.every_retry)) {
          Out("      nominal = every retry: {}\n",
              RouteText(route.nominal, route.hands_over, args.limit, args.margin));
        } else {
          Out("      nominal:     {}\n",
              RouteText(route.nominal, route.hands_over, args.limit, args.margin));
          Out("      every retry: {}\n",
              RouteText(route.every_retry, route.hands_over, args.limit, args.margin));
        }
      }
    }
    if (!failure_exits.empty()) {
      Out("  failure ways out (not budgeted): {}\n", fmt::join(failure_exits, ", "));
    }
  }
  if (!report.paths.empty()) {
    Out("\npaths (no loop):\n");
    for (const asl::PlainPath& path : report.paths) {
      std::string line = fmt::format("  {}{}: {}", asl::FormatPath(path.path),
                                     path.fails ? " (fails)" : "", path.nominal.ToString());
      if (path.nominal_total) line += fmt::format(" = {}", GroupDigits(*path.nominal_total));
      if (path.every_retry.ToString() != path.nominal.ToString()) {
        line += fmt::format("; every retry {}", path.every_retry.ToString());
        if (path.every_retry_total) line += fmt::format(" = {}", GroupDigits(*path.every_retry_total));
      }
      Out("{} events\n", line);
    }
    if (report.paths_truncated) Out("  (more paths than listed)\n");
  }
  if (!report.notes.empty()) {
    Out("\nnotes:\n");
    for (const std::string& note : report.notes) Out("  {}\n", note);
  }
}

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
      out += fmt::format(", {} completed", BudgetPlural(hit.items_completed, "Map item", "Map items"));
    }
  }
  return out;
}

// The definition with every Map at MaxConcurrency 1; null when it has no concurrent Map.
std::shared_ptr<const asl::StateMachine> SequentialVariant(const asl::DefinitionFile& file) {
  asl::Json document = file.loaded.definition;
  bool changed = false;
  std::function<void(asl::Json&)> visit = [&](asl::Json& value) {
    if (value.is_object()) {
      if (auto type = value.find("Type"); type != value.end() && *type == "Map") {
        auto mc = value.find("MaxConcurrency");
        if (mc == value.end() || *mc != 1 || value.contains("MaxConcurrencyPath")) {
          value.erase("MaxConcurrencyPath");
          value["MaxConcurrency"] = 1;
          changed = true;
        }
      }
      for (auto it = value.begin(); it != value.end(); ++it) visit(it.value());
    } else if (value.is_array()) {
      for (asl::Json& item : value) visit(item);
    }
  };
  visit(document);
  if (!changed) return nullptr;
  asl::ParseOptions options;
  options.express = file.express;
  asl::ParsedDefinition parsed = asl::ParseDefinition(document, options);
  return std::shared_ptr<const asl::StateMachine>(std::move(parsed.machine));
}

int RunBudget(const BudgetArgs& args) {
  asl::LoadOptions options;
  if (!args.definition.ToLoadOptions(options)) return kExitUsage;
  asl::BudgetOptions budget;
  budget.limit = args.limit;
  budget.margin = args.margin;
  budget.loop_state = args.loop;
  for (const std::string& spec : args.map_items) {
    std::string error;
    if (!budget.map_items.Parse(spec, &error)) {
      Err("sfnsim budget: --map-items {}\n", error);
      return kExitUsage;
    }
  }
  std::vector<int64_t> pages;
  {
    asl::MapItems parsed;
    std::string error;
    if (!parsed.Parse(args.check_pages, &error)) {
      Err("sfnsim budget: --check-pages \"{}\": expected N[,N...] (0: unlimited)\n",
          args.check_pages);
      return kExitUsage;
    }
    for (size_t v = 1; v <= parsed.Visits(""); ++v) pages.push_back(*parsed.Items("", v));
  }
  std::vector<BudgetCheckInput> inputs;
  for (const std::string& path : args.inputs) {
    auto text = asl::ReadTextFile(path);
    if (!text.ok()) {
      Err("sfnsim budget: --input {}: {}\n", path, text.error().items().front().message);
      return kExitUsage;
    }
    // Checked here: a run would start with whatever the text is (the simulator replaces input it
    // cannot parse), so a malformed file would be checked as some other input.
    if (auto parsed = asl::ParseText(text.value(), asl::TextSyntax::kJson); !parsed.ok()) {
      for (const asl::TextError& e : parsed.error()) {
        std::string where = e.line > 0 ? fmt::format("{}:{}:{}", path, e.line, e.column) : path;
        Err("{}: the execution input (--input) must be JSON: {}\n", where, e.message);
      }
      return kExitUsage;
    }
    inputs.push_back({std::filesystem::path(path).filename().string(), std::move(text.value())});
  }
  if (inputs.empty()) inputs.push_back({"{}", "{}"});

  asl::DefinitionFile file = asl::ReadDefinitionFile(args.file, options, args.definition.type);
  for (const std::string& message : file.messages) Err("{}\n", message);
  if (!file.valid()) return DefinitionExitCode(file);
  std::shared_ptr<const asl::StateMachine> machine = std::move(file.parsed.machine);
  asl::StateGraph graph = asl::StateGraph::Build(*machine);
  asl::BudgetReport report = asl::AnalyzeHistoryBudget(*machine, graph, budget);
  if (!args.loop.empty() && report.loops.empty()) {
    Err("sfnsim budget: --loop {}: no loop contains a state of that name\n", args.loop);
    return kExitUsage;
  }

  // Runs refer to the states of the machines they ran: keep both alive until printed.
  std::shared_ptr<const asl::StateMachine> sequential;
  std::vector<BudgetCheckRun> runs;
  if (args.check) {
    sequential = SequentialVariant(file);
    std::string name = std::filesystem::path(args.file).filename().string();
    name = name.substr(0, name.find('.'));
    runs = RunBudgetChecks(machine, sequential, name.empty() ? "StateMachine" : name,
                           file.express, inputs, pages);
  }
  // A run the prediction cannot follow is "not checked": neither a match nor a difference.
  int64_t differ = 0, not_checked = 0;
  for (const BudgetCheckRun& run : runs) {
    if (!run.problem.empty())
      ++not_checked;
    else if (!run.match)
      ++differ;
  }

  if (args.format == "json") {
    asl::Json out = BudgetReportJson(args.file, args.limit, args.margin, report, file.express);
    if (args.check) {
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
                       {"recorded", BudgetTallyJson(run.recorded)},
                       {"predicted", BudgetTallyJson(run.predicted.events)},
                       {"limit_reached", run.predicted.limit_reached},
                       {"sequential", run.sequential},
                       {"compared", run.costliest ? "bounds"
                                    : run.by_type ? "event types"
                                                  : "total"},
                       {"checked", run.problem.empty()},
                       {"match", run.problem.empty() ? asl::Json(run.match) : asl::Json(nullptr)}};
        if (!run.error.empty()) r["error"] = run.error;
        if (!run.problem.empty()) r["problem"] = run.problem;
        if (run.predicted.limit_hit) r["limit_hit"] = HitJson(*run.predicted.limit_hit);
        if (run.costliest) r["predicted_max_events"] = run.costliest->total();
        check.push_back(std::move(r));
      }
      out["check"] = {{"engine_limit", file.express ? 0 : EngineHistoryLimit()},
                      {"runs", std::move(check)},
                      {"differ", differ},
                      {"not_checked", not_checked},
                      {"match", differ == 0}};
    }
    OutJson(out.dump(2));
  } else {
    PrintBudgetText(args, report, file.express);
    if (args.check) {
      Out("\ncheck: {} in the simulator (engine limit {}), scripted task results\n",
          BudgetPlural(static_cast<int64_t>(runs.size()), "run", "runs"),
          file.express ? "none: EXPRESS" : GroupDigits(EngineHistoryLimit()));
      for (const BudgetCheckRun& run : runs) {
        Out("  {}: {}\n", RunLabel(run), RunOutcome(run));
        if (!run.problem.empty()) {
          Out("    NOT CHECKED: {}\n", run.problem);
          continue;
        }
        if (run.costliest) {
          Out("    predicted {} to {} events (Map items or branches with several paths), "
              "recorded {}: {}\n",
              GroupDigits(run.predicted.events.total()), GroupDigits(run.costliest->total()),
              GroupDigits(run.recorded.total()), run.match ? "within" : "OUTSIDE");
          continue;
        }
        Out("    predicted {} events, recorded {}: {}\n", GroupDigits(run.predicted.events.total()),
            GroupDigits(run.recorded.total()),
            !run.match    ? "DIFFERENT"
            : run.by_type ? "same, event type by event type"
                          : "same total and limit event (concurrent Map items were in "
                            "flight at the limit: compared by type below, one item at "
                            "a time)");
        if (!run.match && run.by_type) Out("{}", TallyDiff(run.predicted.events, run.recorded));
      }
      Out("check: {}\n", CheckVerdict(static_cast<int64_t>(runs.size()), differ, not_checked));
    }
  }
  return differ == 0 ? kExitOk : kExitFailed;
}

}  // namespace

void RegisterBudget(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<BudgetArgs>();
  CLI::App* cmd = app.add_subcommand(
      "budget",
      "History budget: events per loop iteration (nominal and with every retry), the\n"
      "iterations that fit under the 25,000-event limit and when to hand over.\n"
      "Exit 0: done (and every run --check could compare was as predicted); 1: an invalid\n"
      "definition or a --check difference; 2: bad usage, or input that cannot be read or\n"
      "parsed.");
  cmd->add_option("DEFINITION", args->file, "ASL JSON/YAML, or a CloudFormation/SAM template")
      ->required();
  args->definition.AddTo(*cmd);
  cmd->add_option("--loop", args->loop, "Only the loop containing this state");
  cmd->add_option("--limit", args->limit, "History event limit (default 25000)")
      ->check(CLI::Range(int64_t{2}, int64_t{1'000'000'000}));
  cmd->add_option("--margin", args->margin,
                  "Events to keep free below the limit when handing over (default 0)")
      ->check(CLI::Range(int64_t{0}, int64_t{1'000'000'000}));
  OneValueEach(cmd->add_option(
      "--map-items", args->map_items,
      "Items of Map states per visit: N[,N...] for every Map or MAP=N[,N...] for one "
      "(the last count repeats; e.g. 999,1000). Repeatable"));
  cmd->add_flag("--check", args->check,
                "Run the definition in the simulator with scripted results (nominal and with "
                "every retry) and compare each history with the prediction");
  OneValueEach(cmd->add_option("--input", args->inputs,
                               "Execution input for --check (repeatable; default {})"));
  cmd->add_option("--check-pages", args->check_pages,
                  "Query result pages the --check runs get, N[,N...] (0: unlimited; default "
                  "1,2,3,0)");
  cmd->add_option("--format", args->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([args, &exit_code] { exit_code = RunBudget(*args); });
}

}  // namespace sfnsim_cli
