// sfnsim budget DEFINITION: the history events a definition writes, per loop and per way
// through it, the iterations that fit under the 25,000-event limit and the iteration at which
// to hand over to a new execution; --check compares the prediction with simulated runs.

#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <optional>

#include "asl/analysis/budget_json.h"
#include "asl/analysis/budget_report.h"
#include "asl/analysis/child_budget.h"
#include "asl/analysis/history_budget.h"
#include "asl/analysis/sequential_maps.h"
#include "asl/analysis/state_graph.h"
#include "asl/base/json.h"
#include "asl/load/definition_file.h"
#include "simulator/analysis/budget_check.h"
#include "simulator/analysis/budget_check_input.h"
#include "simulator/analysis/budget_check_report.h"
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
  std::optional<std::vector<int64_t>> pages = sim::ParseCheckPages(args.check_pages);
  if (!pages) {
    Err("sfnsim budget: --check-pages \"{}\": expected N[,N...] (0: unlimited)\n",
        args.check_pages);
    return kExitUsage;
  }
  auto inputs = sim::ReadBudgetCheckInputs(args.inputs);
  if (!inputs.ok()) {
    Err("{}", inputs.error());
    return kExitUsage;
  }

  asl::DefinitionFile file = asl::ReadDefinitionFile(args.file, options, args.definition.type);
  for (const std::string& message : file.messages) Err("{}\n", message);
  if (!file.valid()) return DefinitionExitCode(file);
  std::shared_ptr<const asl::StateMachine> machine = std::move(file.parsed.machine);
  asl::StateGraph graph = asl::StateGraph::Build(*machine);
  asl::BudgetReport report = asl::AnalyzeHistoryBudget(*machine, graph, budget);
  if (!args.loop.empty() && !asl::HasAnyLoop(report)) {
    Err("sfnsim budget: --loop {}: no loop contains a state of that name\n", args.loop);
    return kExitUsage;
  }

  // Runs refer to the states of the machines they ran: keep both alive until printed.
  std::shared_ptr<const asl::StateMachine> sequential;
  std::vector<sim::BudgetCheckRun> runs;
  if (args.check) {
    sequential = asl::SequentialMapsVariant(file.loaded.definition, file.express);
    std::string name = std::filesystem::path(args.file).filename().string();
    name = name.substr(0, name.find('.'));
    runs = sim::RunBudgetChecks(machine, sequential, name.empty() ? "StateMachine" : name,
                           file.express, *inputs, *pages);
  }

  if (args.format == "json") {
    asl::Json out =
        asl::BudgetReportJson(args.file, args.limit, args.margin, report, file.express);
    if (args.check) out["check"] = sim::BudgetCheckJson(runs, file.express);
    OutJson(out.dump(2));
  } else {
    Out("{}", asl::FormatBudgetText({args.file, args.limit, args.margin, args.map_items,
                                     file.express},
                                    report));
    if (args.check) Out("{}", sim::FormatBudgetCheckText(runs, file.express));
  }
  return sim::SummarizeBudgetChecks(runs).differ == 0 ? kExitOk : kExitFailed;
}

}  // namespace

void RegisterBudget(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<BudgetArgs>();
  CLI::App* cmd = app.add_subcommand(
      "budget",
      "History budget: events per loop iteration (nominal and with every retry), the\n"
      "iterations that fit under the 25,000-event limit and when to hand over; for each\n"
      "Distributed Map, one child execution's own history.\n"
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
