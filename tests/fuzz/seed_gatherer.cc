// sfnsim_fuzz_seeds OUT_DIR ROOT...: the fuzz targets' seed corpora, gathered from the files the
// repository already has (tests/data, fixtures, scenarios) rather than copied into tests/fuzz.
//
// Every .json/.yaml/.yml/.csv file under each ROOT is sorted by what it is (a definition, a
// template, a conformance record, a history, a scenario, a world, a mock config, a CSV table) and
// written to OUT_DIR/<target>/ for the targets that read that kind. The expressions inside the
// definitions found become seeds of the expression targets: paths (json_path), ResultPaths
// (reference_path), intrinsic calls (intrinsic), Parameters-like objects (payload_template) and
// Choice rules (choice_rule), each with the execution input the record ran with when there is
// one. The JSONata reference suite's cases seed the jsonata target. Seeds are named by a hash of their bytes, so rerunning adds nothing twice.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/json.h"
#include "asl/load/source_text.h"

namespace {

namespace fs = std::filesystem;

// Above libFuzzer's default -max_len (4,096) a seed is truncated anyway; files much larger than
// that are data (a 100,000-row table), not useful seeds.
constexpr uintmax_t kMaxSourceBytes = 256 * 1024;
constexpr size_t kMaxCsvBytes = 4096;

class SeedWriter {
 public:
  explicit SeedWriter(fs::path root) : root_(std::move(root)) {}

  void Add(const std::string& target, std::string_view bytes) {
    if (bytes.empty()) return;
    uint64_t hash = 1469598103934665603ull;  // FNV-1a
    for (char c : bytes) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    char name[17];
    std::snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(hash));
    if (!written_[target].insert(name).second) return;
    fs::create_directories(root_ / target);
    std::ofstream(root_ / target / name, std::ios::binary) << bytes;
  }

  void Report() const {
    for (const auto& [target, names] : written_) {
      std::printf("%-22s %zu seeds\n", target.c_str(), names.size());
    }
  }

 private:
  fs::path root_;
  std::map<std::string, std::set<std::string>> written_;
};

bool IsDefinition(const asl::Json& doc) {
  return doc.is_object() && doc.contains("StartAt") && doc.contains("States");
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The expressions of a definition, each paired with `input` (the state input to evaluate on).
void AddExpressions(const asl::Json& node, const std::string& key, const std::string& input,
                    SeedWriter& seeds) {
  if (node.is_string()) {
    const std::string& text = node.get_ref<const std::string&>();
    bool path_field = EndsWith(key, ".$") || EndsWith(key, "Path") || key == "Variable";
    if (!path_field) return;
    if (text.rfind("States.", 0) == 0) {
      seeds.Add("intrinsic", text + "\n" + input);
    } else if (!text.empty() && text[0] == '$') {
      seeds.Add(key == "ResultPath" ? "reference_path" : "json_path", text + "\n" + input);
    }
    return;
  }
  if (node.is_array()) {
    for (const asl::Json& item : node) {
      if (key == "Choices" && item.is_object()) {
        seeds.Add("choice_rule", "[" + item.dump() + ", " + input + "]");
      }
      AddExpressions(item, "", input, seeds);
    }
    return;
  }
  if (!node.is_object()) return;
  for (const auto& [member, value] : node.items()) {
    if (member == "Parameters" || member == "ResultSelector" || member == "ItemSelector") {
      seeds.Add("payload_template", "[" + value.dump() + ", " + input + "]");
    }
    AddExpressions(value, member, input, seeds);
  }
}

void AddDefinition(const asl::Json& definition, const std::string& input, SeedWriter& seeds) {
  std::string text = definition.dump(1);
  seeds.Add("definition_json", text);
  seeds.Add("definition_analysis", text);
  AddExpressions(definition, "", input, seeds);
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool IsJsonataCase(const asl::Json& doc) {
  return doc.is_object() && doc.contains("expr") && doc["expr"].is_string();
}

// A case of the JSONata reference suite (tests/data/conformance/jsonata/groups/<group>/*.json)
// as a seed of the jsonata target: the expression on one line (JSONata reads a newline as any
// other white space), then the input document -- inline, or the suite's dataset it names.
void AddJsonataCase(const asl::Json& item, const fs::path& case_file, SeedWriter& seeds) {
  std::string expression = item["expr"].get<std::string>();
  std::replace(expression.begin(), expression.end(), '\n', ' ');
  std::string document;
  if (item.contains("data")) {
    document = item["data"].dump();
  } else if (item.contains("dataset") && item["dataset"].is_string()) {
    fs::path dataset = case_file.parent_path().parent_path().parent_path() / "datasets" /
                       (item["dataset"].get<std::string>() + ".json");
    std::error_code ec;
    if (fs::file_size(dataset, ec) > kMaxSourceBytes || ec) return;
    document = ReadFile(dataset);
  }
  seeds.Add("jsonata", document.empty() ? expression : expression + "\n" + document);
}

void AddFile(const fs::path& path, SeedWriter& seeds) {
  std::string ext = path.extension().string();
  if (ext != ".json" && ext != ".yaml" && ext != ".yml" && ext != ".csv") return;
  std::error_code ec;
  if (fs::file_size(path, ec) > kMaxSourceBytes || ec) return;
  std::string text = ReadFile(path);
  if (ext == ".csv") {
    seeds.Add("csv", std::string_view(text).substr(0, kMaxCsvBytes));
    return;
  }
  asl::TextSyntax syntax = asl::GuessSyntax(text, path.filename().string());
  auto parsed = asl::ParseText(text, syntax);
  if (!parsed.ok()) return;
  const asl::Json& doc = parsed->value;
  bool yaml = syntax == asl::TextSyntax::kYaml;
  if (IsJsonataCase(doc) || (doc.is_array() && !doc.empty() && IsJsonataCase(doc[0]))) {
    if (doc.is_object()) AddJsonataCase(doc, path, seeds);
    for (const asl::Json& item : doc.is_array() ? doc : asl::Json::array()) {
      if (IsJsonataCase(item)) AddJsonataCase(item, path, seeds);
    }
    return;
  }
  if (IsDefinition(doc)) {
    seeds.Add(yaml ? "definition_yaml" : "definition_json", text);
    seeds.Add("definition_analysis", text);
    AddExpressions(doc, "", "{}", seeds);
    return;
  }
  if (!doc.is_object()) {
    seeds.Add("json_path", "$\n" + text);  // an execution input: a document to evaluate on
    return;
  }
  if (doc.contains("Resources")) {
    seeds.Add("template", text);
    for (const auto& [id, resource] : doc["Resources"].items()) {
      if (!resource.is_object() || !resource.contains("Properties")) continue;
      const asl::Json& properties = resource["Properties"];
      if (!properties.is_object()) continue;
      if (properties.contains("Definition") && IsDefinition(properties["Definition"])) {
        AddDefinition(properties["Definition"], "{}", seeds);
      }
      if (properties.contains("DefinitionSubstitutions")) {
        seeds.Add("substitutions", properties["DefinitionSubstitutions"].dump(1));
      }
    }
    return;
  }
  if (doc.contains("definition") && IsDefinition(doc["definition"])) {  // a conformance record
    std::string input = doc.contains("input") ? doc["input"].dump() : "{}";
    AddDefinition(doc["definition"], input, seeds);
    if (doc.contains("events")) seeds.Add("history", text);
    return;
  }
  if (doc.contains("events")) {
    seeds.Add("history", text);
    return;
  }
  if (doc.contains("StateMachines") || doc.contains("MockedResponses")) {
    seeds.Add("mock_config", text);
    return;
  }
  if (doc.contains("start") || doc.contains("expect")) seeds.Add("scenario", text);
  // A world is a scenario without its own keys; a world file is one already.
  asl::Json world = doc;
  for (const char* key : {"name", "description", "start", "expect", "report"}) world.erase(key);
  seeds.Add("world", world.dump(1));
  if (doc.contains("state_machines")) {
    for (const asl::Json& machine : doc["state_machines"]) {
      if (machine.is_object() && machine.contains("definition") &&
          IsDefinition(machine["definition"])) {
        AddDefinition(machine["definition"], "{}", seeds);
      }
    }
  }
  if (doc.contains("start") && doc["start"].is_object() && doc["start"].contains("input")) {
    seeds.Add("json_path", "$\n" + doc["start"]["input"].dump());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s OUT_DIR ROOT...\n", argv[0]);
    return 2;
  }
  SeedWriter seeds(argv[1]);
  for (int i = 2; i < argc; ++i) {
    fs::path root = argv[i];
    std::vector<fs::path> files;
    if (fs::is_regular_file(root)) {
      files.push_back(root);
    } else if (fs::is_directory(root)) {
      for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
    } else {
      std::fprintf(stderr, "%s: not a file or directory\n", root.c_str());
      return 2;
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) AddFile(file, seeds);
  }
  seeds.Report();
  return 0;
}
