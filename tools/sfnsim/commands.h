#pragma once
// The sfnsim subcommands. Each Register* adds its subcommand to the app; the callback stores the
// exit code in `exit_code`. Library code stays in asl/ and simulator/.

#include <CLI/CLI.hpp>

namespace sfnsim_cli {

// Exit codes shared by every subcommand (documented in `sfnsim --help` and the README's table).
inline constexpr int kExitOk = 0;
// The input was read and the verdict is negative: a definition that parses but is invalid, an
// execution that did not succeed, an unmet expectation, an error-level lint finding, a diverged
// replay, a refused or failed deploy.
inline constexpr int kExitFailed = 1;
// Bad usage, or input sfnsim cannot read or output it cannot write: unknown flags, bad flag
// values, unreadable, non-regular or oversized files, malformed JSON/YAML, a template that
// cannot be parsed, an invalid scenario/world/mock-config/history file, a failed write.
inline constexpr int kExitUsage = 2;

void RegisterValidate(CLI::App& app, int& exit_code);
void RegisterGraph(CLI::App& app, int& exit_code);
void RegisterExecute(CLI::App& app, int& exit_code);
void RegisterRun(CLI::App& app, int& exit_code);
void RegisterMerge(CLI::App& app, int& exit_code);
void RegisterBudget(CLI::App& app, int& exit_code);
void RegisterLint(CLI::App& app, int& exit_code);
void RegisterBalance(CLI::App& app, int& exit_code);
void RegisterDeploy(CLI::App& app, int& exit_code);
void RegisterExport(CLI::App& app, int& exit_code);
void RegisterReplay(CLI::App& app, int& exit_code);
void RegisterCalibrate(CLI::App& app, int& exit_code);
void RegisterJsonata(CLI::App& app, int& exit_code);
void RegisterServe(CLI::App& app, int& exit_code);

}  // namespace sfnsim_cli
