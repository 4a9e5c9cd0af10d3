#pragma once
// The members of world and scenario documents that reach outside the file: paths it reads and
// commands it runs, checked against the load policy (load_policy.h) before anything is read or
// run (private to the world and scenario loaders).

#include <initializer_list>
#include <string>

#include "asl/base/json.h"
#include "simulator/services/lambda/lambda_model.h"
#include "simulator/services/config_reader.h"

namespace sim::world_internal {

// Checks the string members `keys` of `object` (paths relative to the file) against the
// policy, each refusal an error at its member; true when every one may be read. Members that
// are absent or not strings are left to the code that reads them.
bool CheckPathMembers(Reader& r, const asl::Json& object, const std::string& pointer,
                      std::initializer_list<const char*> keys);

// A Lambda function's `command` and `working_directory` into `spec`: the command is a string
// (run with /bin/sh -c) or an argument vector [program, arg...] (run as it is: no shell
// expansion of any element); refused, with an error naming --allow-commands, unless the policy
// allows commands; the working directory (default: the file's folder) must be a path the
// policy allows.
void ReadCommand(Reader& r, const asl::Json& function, const std::string& pointer,
                 LambdaFunctionSpec& spec);

// `argv` as one /bin/sh command line that runs exactly that vector: `exec` and every element
// in single quotes, so the shell expands nothing (a quote inside an element is written '\'').
std::string ShellCommandForArgv(const std::vector<std::string>& argv);

}  // namespace sim::world_internal
