// sfnsim: the command line. A thin layer over the asl and simulator libraries: each subcommand
// lives in its own cmd_*.cc and registers itself here.

#include <CLI/CLI.hpp>

#include <sstream>
#include <string>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "tools/sfnsim/commands.h"
#include "tools/sfnsim/output.h"

namespace {

// glibc's allocator, tuned for a simulation that builds and frees millions of small JSON nodes
// beside a few large buffers (Athena results, history text): a fixed mmap threshold keeps those
// buffers out of the heap (glibc otherwise raises the threshold after each is freed, and the
// heap fragments), and without fastbins there is no malloc_consolidate sweep on every larger
// request. Measured: the 1,000,000-customer backfill 119 s -> 100 s CPU (docs/performance.md).
void TuneAllocator() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
  mallopt(M_MXFAST, 0);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  TuneAllocator();
  CLI::App app{
      "sfnsim " SFNSIM_VERSION
      " - local simulator and test harness for AWS Step Functions\n\n"
      "Exit codes: 0 success; 1 the input was read and the verdict is negative (an invalid\n"
      "definition, a failed execution, an unmet expectation, an error-level lint finding, a\n"
      "diverged replay, a refused or failed deploy); 2 bad usage, input that cannot be read\n"
      "(missing, malformed, an invalid scenario) or output that cannot be written."};
  app.require_subcommand(1);
  app.set_version_flag("--version", SFNSIM_VERSION);
  int exit_code = sfnsim_cli::kExitOk;
  sfnsim_cli::RegisterValidate(app, exit_code);
  sfnsim_cli::RegisterGraph(app, exit_code);
  sfnsim_cli::RegisterExecute(app, exit_code);
  sfnsim_cli::RegisterRun(app, exit_code);
  sfnsim_cli::RegisterMerge(app, exit_code);
  sfnsim_cli::RegisterBudget(app, exit_code);
  sfnsim_cli::RegisterLint(app, exit_code);
  sfnsim_cli::RegisterBalance(app, exit_code);
  sfnsim_cli::RegisterDeploy(app, exit_code);
  sfnsim_cli::RegisterExport(app, exit_code);
  sfnsim_cli::RegisterReplay(app, exit_code);
  sfnsim_cli::RegisterCalibrate(app, exit_code);
  sfnsim_cli::RegisterJsonata(app, exit_code);
  sfnsim_cli::RegisterServe(app, exit_code);
  // CLI11 would report an unknown first word as "A subcommand is required": name it instead.
  if (argc > 1 && argv[1][0] != '-') {
    std::string word = argv[1];
    std::string names;
    bool known = false;
    for (const CLI::App* command : app.get_subcommands([](CLI::App*) { return true; })) {
      known = known || command->get_name() == word;
      names += (names.empty() ? "" : ", ") + command->get_name();
    }
    if (!known) {
      sfnsim_cli::Err("sfnsim: unknown command \"{}\"; expected one of: {} (see sfnsim --help)\n",
                      word, names);
      return sfnsim_cli::kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" that exit 0. CLI11's text goes through our writers,
    // so that a failed write of the help is noticed like any other.
    std::ostringstream out, err;
    int code = app.exit(e, out, err);
    sfnsim_cli::WriteStdout(out.str());
    sfnsim_cli::WriteStderr(err.str());
    if (!sfnsim_cli::FinishStandardOutput()) return sfnsim_cli::kExitUsage;
    return code == 0 ? sfnsim_cli::kExitOk : sfnsim_cli::kExitUsage;
  }
  // Whatever the command decided, output that did not reach stdout (a full disk, a closed pipe
  // end, > /dev/full) makes the run a failure to write.
  if (!sfnsim_cli::FinishStandardOutput()) return sfnsim_cli::kExitUsage;
  return exit_code;
}
