// sfnsim: the command line. A thin layer over the asl and simulator libraries: each subcommand
// lives in its own cmd_*.cc and registers itself here.

#include <CLI/CLI.hpp>

#include "tools/sfnsim/commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "sfnsim " SFNSIM_VERSION " - local simulator and test harness for AWS Step Functions\n\n"
      "Exit codes: 0 success; 1 invalid definition, failed execution or unmet expectation;\n"
      "2 bad usage or unreadable input."};
  app.require_subcommand(1);
  app.set_version_flag("--version", SFNSIM_VERSION);
  int exit_code = sfnsim_cli::kExitOk;
  sfnsim_cli::RegisterValidate(app, exit_code);
  sfnsim_cli::RegisterGraph(app, exit_code);
  sfnsim_cli::RegisterExecute(app, exit_code);
  sfnsim_cli::RegisterRun(app, exit_code);
  sfnsim_cli::RegisterBudget(app, exit_code);
  sfnsim_cli::RegisterLint(app, exit_code);
  sfnsim_cli::RegisterBalance(app, exit_code);
  sfnsim_cli::RegisterDeploy(app, exit_code);
  sfnsim_cli::RegisterExport(app, exit_code);
  sfnsim_cli::RegisterReplay(app, exit_code);
  sfnsim_cli::RegisterCalibrate(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? sfnsim_cli::kExitOk : sfnsim_cli::kExitUsage;
  }
  return exit_code;
}
