#include "simulator/replay/test_case_writer.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

namespace sim {

namespace {

namespace fs = std::filesystem;

bool WriteSavedTestFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  return static_cast<bool>(out);
}

// Relative paths in a world document are relative to its file: make them relative to `to`.
void RebaseWorldPaths(asl::Json& value, const fs::path& from, const fs::path& to) {
  if (value.is_array()) {
    for (asl::Json& item : value) RebaseWorldPaths(item, from, to);
    return;
  }
  if (!value.is_object()) return;
  for (auto& [key, item] : value.items()) {
    bool is_path = key == "definition_file" || key == "csv" || key == "working_directory" ||
                   key == "input_file" || key == "substitutions_file";
    if (is_path && item.is_string() && !fs::path(item.get<std::string>()).is_absolute()) {
      fs::path absolute = fs::weakly_canonical(from / item.get<std::string>());
      item = fs::relative(absolute, to).generic_string();
    } else {
      RebaseWorldPaths(item, from, to);
    }
  }
}

// A JSON value as one YAML flow line (JSON is YAML).
std::string YamlFlow(const asl::Json& v) { return asl::Dump(v); }

std::string EventsDocument(const asl::Json& events) {
  std::string out = "{\"events\": [\n";
  for (size_t i = 0; i < events.size(); ++i) {
    out += asl::Dump(events[i]);
    out += i + 1 < events.size() ? ",\n" : "\n";
  }
  out += "]}\n";
  return out;
}

}  // namespace

asl::Result<std::vector<std::string>, std::string> SaveReplayTest(
    const std::string& directory, const SavedTestSource& source,
    const RecordedExecution& recorded, const ReplayReport& report) {
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec) return asl::Fail(fmt::format("--save-test {}: {}", directory, ec.message()));
  const fs::path dir = fs::weakly_canonical(fs::path(directory));
  const std::string stem = source.name;
  std::vector<std::string> written;
  fs::create_directories(dir / "replay", ec);
  if (ec) return asl::Fail(fmt::format("--save-test {}/replay: {}", directory, ec.message()));
  auto write = [&](const std::string& file, const std::string& text) -> bool {
    fs::path path = dir / file;
    if (!WriteSavedTestFile(path, text)) return false;
    written.push_back((fs::path(directory) / file).string());
    return true;
  };
  if (!write("replay/" + stem + ".recorded.json", EventsDocument(recorded.events))) {
    return asl::Fail(fmt::format("--save-test: cannot write {}", (dir / "replay" / (stem + ".recorded.json")).string()));
  }
  if (!write("replay/" + stem + ".input.json", recorded.input_text)) {
    return asl::Fail(fmt::format("--save-test: cannot write {}", (dir / "replay" / (stem + ".input.json")).string()));
  }
  if (!write("replay/" + stem + ".expected.json", EventsDocument(report.events))) {
    return asl::Fail(fmt::format("--save-test: cannot write {}", (dir / "replay" / (stem + ".expected.json")).string()));
  }

  std::string yaml;
  yaml += fmt::format("# Saved by `sfnsim replay --save-test` from {}, replayed against {}.\n",
                      fmt::join(source.history_files, " "), source.definition_path);
  for (const std::string& line : source.summary) yaml += fmt::format("#   {}\n", line);
  yaml += fmt::format("# replay/{0}.recorded.json: the recorded history, whose task outcomes the run "
                      "gets (start.replay);\n# replay/{0}.expected.json: the history the replay produced. "
                      "Calls the recording does not\n# have are served by the world below.\n",
                      stem);
  yaml += fmt::format("name: {}\n", YamlFlow(stem));
  yaml += fmt::format("description: {}\n",
                      YamlFlow(fmt::format("replay of a recorded {} execution ({}), expected to end "
                                           "{}", recorded.status.empty() ? "unfinished" : recorded.status,
                                           source.history_files.empty() ? "" : fs::path(source.history_files.front()).filename().string(),
                                           report.status)));
  asl::Json world = source.world ? *source.world : asl::Json::object();
  // The recorded account, region and partition, so that ARNs come out as recorded.
  if (!recorded.corpus) {
    if (!recorded.partition.empty() && !world.contains("partition")) world["partition"] = recorded.partition;
    if (!recorded.region.empty() && !world.contains("region")) world["region"] = recorded.region;
    if (!recorded.account.empty() && !world.contains("account")) world["account"] = recorded.account;
  }
  RebaseWorldPaths(world, fs::weakly_canonical(fs::path(source.world_directory.empty() ? "." : source.world_directory)), dir);
  asl::Json machines = world.contains("state_machines") ? world["state_machines"] : asl::Json::array();
  asl::Json kept = asl::Json::array();
  for (const asl::Json& m : machines) {
    if (!m.is_object() || m.value("name", "") != source.state_machine_name) kept.push_back(m);
  }
  asl::Json ours = asl::Json::object();
  ours["name"] = source.state_machine_name;
  ours["definition_file"] =
      fs::relative(fs::weakly_canonical(fs::path(source.definition_path)), dir).generic_string();
  if (source.express) ours["type"] = "EXPRESS";
  kept.push_back(ours);
  world["state_machines"] = kept;
  for (auto it = world.begin(); it != world.end(); ++it) {
    if (it.key() == "state_machines") {
      yaml += "state_machines:\n";
      for (const asl::Json& m : *it) yaml += fmt::format("  - {}\n", YamlFlow(m));
    } else {
      yaml += fmt::format("{}: {}\n", it.key(), YamlFlow(*it));
    }
  }
  yaml += "start:\n";
  yaml += fmt::format("  state_machine: {}\n", YamlFlow(source.state_machine_name));
  yaml += fmt::format("  input_file: {}\n", YamlFlow("replay/" + stem + ".input.json"));
  if (!recorded.execution_name.empty()) {
    yaml += fmt::format("  name: {}\n", YamlFlow(recorded.execution_name));
  }
  yaml += fmt::format("  replay: {}\n", YamlFlow("replay/" + stem + ".recorded.json"));
  yaml += "expect:\n";
  yaml += fmt::format("  status: {}\n", YamlFlow(report.status));
  if (report.description.is_object() && report.description.contains("error")) {
    yaml += fmt::format("  error: {}\n", YamlFlow(report.description["error"]));
    if (report.description.contains("cause")) {
      yaml += fmt::format("  cause: {}\n", YamlFlow(report.description["cause"]));
    }
  }
  if (!write(stem + ".yaml", yaml)) {
    return asl::Fail(fmt::format("--save-test: cannot write {}", (dir / (stem + ".yaml")).string()));
  }
  return written;
}

}  // namespace sim
