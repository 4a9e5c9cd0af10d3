#include "deploy/aws_cli.h"

#include <fmt/format.h>

#include <algorithm>

namespace deploy {

std::string OptionValue(const std::string& option, const std::string& value) {
  return option + "=" + value;
}

platform::ProcessResult RunTool(const std::vector<std::string>& argv, int timeout_seconds,
                                bool stream, bool capture) {
  platform::ProcessSpec spec;
  spec.argv = argv;
  spec.timeout_ms = int64_t{timeout_seconds} * 1000;
  spec.term_grace_ms = 2000;
  spec.stream = stream;
  spec.capture = capture;
  return platform::RunProcess(spec);
}

std::vector<std::string> AwsCli::Command(const std::vector<std::string>& args) const {
  // Values ride in --name=value form: one the user gave (a region, a URL) can never be taken
  // for an option of the AWS CLI, even when it starts with "-".
  std::vector<std::string> argv = {"aws"};
  if (!endpoint_url_.empty()) argv.push_back(OptionValue("--endpoint-url", endpoint_url_));
  if (!region_.empty()) argv.push_back(OptionValue("--region", region_));
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

platform::ProcessResult AwsCli::Run(const std::vector<std::string>& args, bool stream) const {
  return RunTool(Command(args), timeout_seconds_, stream, true);
}

std::optional<asl::Json> AwsCli::Json(const std::vector<std::string>& args,
                                      std::string* error) const {
  std::vector<std::string> full = args;
  full.push_back("--output=json");
  platform::ProcessResult outcome = Run(full, false);
  std::string command = platform::CommandLine(Command(full));
  if (!outcome.started) {
    *error = fmt::format("{}: {}", command, outcome.error);
    return std::nullopt;
  }
  if (outcome.timed_out) {
    *error = fmt::format("{}: no answer within {} s (killed)", command, timeout_seconds_);
    return std::nullopt;
  }
  if (outcome.ExitCode() != 0) {
    std::string err = outcome.err;
    while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) err.pop_back();
    *error = fmt::format("{}: exit {}: {}", command, outcome.ExitCode(), err);
    return std::nullopt;
  }
  try {
    return asl::Json::parse(outcome.out);
  } catch (const std::exception& e) {
    *error = fmt::format("{}: the output is not JSON: {}", command, e.what());
    return std::nullopt;
  }
}

std::optional<std::map<std::string, std::string>> AwsCli::StackResources(
    const std::string& stack, std::string* error) const {
  auto answer = Json(
      {"cloudformation", "describe-stack-resources", OptionValue("--stack-name", stack)}, error);
  if (!answer) return std::nullopt;
  std::map<std::string, std::string> out;
  auto resources = answer->find("StackResources");
  if (resources == answer->end() || !resources->is_array()) {
    *error = "describe-stack-resources: the answer has no StackResources array";
    return std::nullopt;
  }
  for (const asl::Json& resource : *resources) {
    if (resource.contains("LogicalResourceId") && resource["LogicalResourceId"].is_string() &&
        resource.contains("PhysicalResourceId") && resource["PhysicalResourceId"].is_string()) {
      out[resource["LogicalResourceId"].get<std::string>()] =
          resource["PhysicalResourceId"].get<std::string>();
    }
  }
  return out;
}

std::string ChangeSetArnIn(const std::string& deploy_output) {
  const std::string marker = "--change-set-name ";
  size_t at = deploy_output.find(marker);
  if (at == std::string::npos) return "";
  at += marker.size();
  size_t end = deploy_output.find_first_of(" \r\n", at);
  return deploy_output.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

std::string FormatChangeSet(const asl::Json& change_set) {
  auto text = [](const asl::Json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  std::vector<std::vector<std::string>> rows;
  auto changes = change_set.find("Changes");
  if (changes != change_set.end() && changes->is_array()) {
    for (const asl::Json& change : *changes) {
      auto detail = change.find("ResourceChange");
      if (detail == change.end() || !detail->is_object()) continue;
      std::string replacement = text(*detail, "Replacement");
      rows.push_back({text(*detail, "Action"), text(*detail, "LogicalResourceId"),
                      text(*detail, "ResourceType"),
                      replacement.empty() ? "" : fmt::format("(replacement: {})", replacement)});
    }
  }
  if (rows.empty()) return "  (no changes)\n";
  size_t widths[3] = {0, 0, 0};
  for (const auto& row : rows) {
    for (size_t i = 0; i < 3; ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line = fmt::format("  {:<{}}  {:<{}}  {:<{}}  {}", row[0], widths[0], row[1],
                                   widths[1], row[2], widths[2], row[3]);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

}  // namespace deploy
