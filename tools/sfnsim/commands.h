#pragma once
// The sfnsim subcommands. Each Register* adds its subcommand to the app; the callback stores the
// exit code in `exit_code`. Library code stays in asl/ and simulator/.

#include <CLI/CLI.hpp>

namespace sfnsim_cli {

// Exit codes shared by every subcommand (documented in `sfnsim --help` and the README).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // invalid definition, failed execution, unmet expectation
inline constexpr int kExitUsage = 2;   // bad usage or unreadable input

void RegisterValidate(CLI::App& app, int& exit_code);
void RegisterGraph(CLI::App& app, int& exit_code);
void RegisterExecute(CLI::App& app, int& exit_code);
void RegisterRun(CLI::App& app, int& exit_code);
void RegisterBudget(CLI::App& app, int& exit_code);
void RegisterLint(CLI::App& app, int& exit_code);
void RegisterBalance(CLI::App& app, int& exit_code);
void RegisterDeploy(CLI::App& app, int& exit_code);
void RegisterExport(CLI::App& app, int& exit_code);
void RegisterReplay(CLI::App& app, int& exit_code);
void RegisterCalibrate(CLI::App& app, int& exit_code);

}  // namespace sfnsim_cli
