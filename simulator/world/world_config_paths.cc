#include "simulator/world/world_config_paths.h"

#include <fmt/format.h>

#include <optional>

#include "asl/load/source_text.h"
#include "simulator/world/load_policy.h"

namespace sim::world_internal {

bool Reader::Allowed(const std::string& path, const std::string& pointer) {
  if (policy_ == nullptr) return true;
  std::string refused = policy_->CheckPath(path, base_);
  if (refused.empty()) return true;
  Error(pointer, refused);
  return false;
}

std::function<std::string(const std::string&)> Reader::PathCheck() const {
  if (policy_ == nullptr || !policy_->confined()) return nullptr;
  return [policy = policy_, base = base_](const std::string& path) {
    return policy->CheckPath(path, base);
  };
}

bool CheckPathMembers(Reader& r, const asl::Json& object, const std::string& pointer,
                      std::initializer_list<const char*> keys) {
  bool allowed = true;
  for (const char* key : keys) {
    auto it = object.find(key);
    if (it == object.end() || !it->is_string()) continue;
    allowed &= r.Allowed(r.Path(it->get<std::string>()), Member(pointer, key));
  }
  return allowed;
}

std::string ShellCommandForArgv(const std::vector<std::string>& argv) {
  std::string out = "exec";
  for (const std::string& arg : argv) {
    out += " '";
    for (char c : arg) {
      if (c == '\'') out += "'\\''";
      else out += c;
    }
    out += '\'';
  }
  return out;
}

void ReadCommand(Reader& r, const asl::Json& function, const std::string& pointer,
                 LambdaFunctionSpec& spec) {
  const std::string p = Member(pointer, "command");
  const asl::Json& command = function["command"];
  std::string shown;  // the command as the refusal quotes it
  if (command.is_string()) {
    spec.command = command.get<std::string>();
    shown = spec.command;
    if (spec.command.empty()) r.Error(p, "expected a command, got an empty string");
  } else if (command.is_array()) {
    std::vector<std::string> argv;
    for (size_t i = 0; i < command.size(); ++i) {
      if (!command[i].is_string()) {
        r.Error(asl::PointerJoin(p, i),
                fmt::format("expected a string (one argument), got {}",
                            asl::TypeWithArticle(command[i])),
                asl::DiagnosticCode::kWrongType);
        return;
      }
      argv.push_back(command[i].get<std::string>());
    }
    if (argv.empty() || argv[0].empty()) {
      r.Error(p, "expected [program, argument...]: the program is missing");
      return;
    }
    // Run through /bin/sh only as `exec 'program' 'arg' …`: every element is one literal word.
    spec.command = ShellCommandForArgv(argv);
    shown = asl::Dump(command);
  } else {
    r.Error(p,
            fmt::format("expected a command: a string (run with /bin/sh -c) or an array "
                        "[program, argument...], got {}",
                        asl::TypeWithArticle(command)),
            asl::DiagnosticCode::kWrongType);
    return;
  }
  if (r.policy() != nullptr && !r.policy()->allow_commands()) {
    r.Error(p, LoadPolicy::CommandRefusal(shown));
  }
  std::string directory = ".";
  if (auto it = function.find("working_directory"); it != function.end() && !it->is_null()) {
    if (!it->is_string()) {
      r.Error(Member(pointer, "working_directory"),
              fmt::format("expected a string, got {}", asl::TypeWithArticle(*it)),
              asl::DiagnosticCode::kWrongType);
      return;
    }
    directory = it->get<std::string>();
  }
  spec.working_directory = r.Path(directory);
  r.Allowed(spec.working_directory, Member(pointer, "working_directory"));
}

}  // namespace sim::world_internal
