#pragma once
// What `sfnsim execute` runs in: the environment options built from its flags (a world file, a
// seed, a start time, a MockConfigFile test case), and what it reports about the run when it
// did not end normally, or how long it took. The command only reads flags and prints.

#include <cstdint>
#include <optional>
#include <string>

#include "asl/base/diagnostic.h"
#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/harness/environment.h"
#include "simulator/world/load_policy.h"

namespace sim {

struct ExecuteSettings {
  std::string world_path;           // "" : no world
  LoadPolicy policy;                // what the world file may read and run
  std::optional<uint64_t> seed;     // the command line's: wins over the world's
  std::string start_time;           // RFC 3339, "" : the default start
  uint64_t max_state_entries = 0;
  std::string mock_config;          // a MockConfigFile, with
  std::string test_case;            // the test case to use
  std::string state_machine_name;   // picks the mock file's machine ("" : any with the case)
};

// Why the options could not be built: a file's diagnostics, or a message about `file` (or, with
// no file, about a flag); a message ending in a newline is whole lines, to print as they are.
struct ExecuteSetupError {
  std::string file;
  std::optional<asl::DiagnosticList> diagnostics;
  std::string message;
};

asl::Result<EnvironmentOptions, ExecuteSetupError> BuildExecuteOptions(
    const ExecuteSettings& settings);

// The execution input as text ("" : "{}", "-" : stdin), checked to be JSON as StartExecution
// requires. Not JSON: the message holds a line per error, "NAME:LINE:COLUMN: …".
asl::Result<std::string, ExecuteSetupError> ReadExecutionInput(const std::string& path);

// The name executions and mock test cases know the machine by: the flag, the template's
// StateMachineName, else the definition file's name without its extensions.
std::string ExecutionMachineName(const std::string& flag, const std::string& from_template,
                                 const std::string& definition_path);

// Why an execution that did not end stopped, for the user ("" when it ended): a guard that
// halted the run, or nothing left to happen.
std::string UnfinishedReason(const Execution& execution, const Simulation& simulation);

// CPU seconds (user + system) this process has used so far.
double ProcessCpuSeconds();
// --timing: the execution's real (not virtual) cost as one JSON object: wall and CPU seconds,
// history events, states entered, events per second.
asl::Json TimingJson(const Execution& execution, double wall_s, double cpu_s);

}  // namespace sim
