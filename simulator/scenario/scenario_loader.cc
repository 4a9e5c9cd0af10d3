// Reading scenario files: the world part goes to ParseWorld, the rest is read here with the
// same located diagnostics.

#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "asl/load/source_text.h"
#include "simulator/scenario/scenario.h"
#include "simulator/world/world_config_reader.h"

namespace sim {

namespace {

using world_internal::Member;
using world_internal::Reader;

constexpr const char* kScenarioKeys[] = {"name", "description", "start", "expect", "report"};
constexpr const char* kStatuses[] = {"SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"};

// A count: an integer (exact) or {min, max}.
std::optional<CountBound> ReadCount(Reader& r, const asl::Json& value, const std::string& p) {
  CountBound bound;
  if (value.is_number_integer()) {
    bound.min = bound.max = value.get<int64_t>();
    return bound;
  }
  if (!value.is_object()) {
    r.Error(p, "expected a count (an integer) or {min, max}", asl::DiagnosticCode::kWrongType);
    return std::nullopt;
  }
  if (!r.Object(value, p, {"min", "max"})) return std::nullopt;
  bound.min = r.Integer(value, p, "min", 0, INT64_MAX);
  bound.max = r.Integer(value, p, "max", 0, INT64_MAX);
  if (!bound.min && !bound.max) {
    r.Error(p, "give \"min\", \"max\" or both");
    return std::nullopt;
  }
  if (bound.min && bound.max && *bound.min > *bound.max) {
    r.Error(p, fmt::format("min {} is above max {}", *bound.min, *bound.max));
    return std::nullopt;
  }
  return bound;
}

std::optional<CountBound> ReadDurationBound(Reader& r, const asl::Json& value,
                                            const std::string& p) {
  if (!r.Object(value, p, {"min", "max"})) return std::nullopt;
  CountBound bound;
  for (const char* key : {"min", "max"}) {
    auto it = value.find(key);
    if (it == value.end()) continue;
    std::optional<int64_t> ms = ParseDurationMillis(*it);
    if (!ms) {
      r.Error(Member(p, key), fmt::format("{} is not a duration (e.g. 90s, 15m, 2h30m, 1d)",
                                          it->dump()));
      return std::nullopt;
    }
    (std::string_view(key) == "min" ? bound.min : bound.max) = *ms;
  }
  if (!bound.min && !bound.max) {
    r.Error(p, "give \"min\", \"max\" or both");
    return std::nullopt;
  }
  return bound;
}

void ReadStart(Reader& r, const asl::Json& doc, Scenario& out) {
  auto it = doc.find("start");
  if (it == doc.end()) {
    r.Error("", "missing \"start\": which state machine the run starts, and its input",
            asl::DiagnosticCode::kMissingField);
    return;
  }
  const std::string p = "/start";
  if (!r.Object(*it, p, {"state_machine", "input", "input_file", "name"})) return;
  out.start.state_machine = r.String(*it, p, "state_machine", true).value_or("");
  out.start.execution_name = r.String(*it, p, "name").value_or("");
  if (it->contains("input") && it->contains("input_file")) {
    r.Error(p, "give \"input\" or \"input_file\", not both");
  } else if (auto input = it->find("input"); input != it->end()) {
    out.start.input_text = asl::Dump(*input);
  } else if (auto file = r.String(*it, p, "input_file")) {
    std::string path = r.Path(*file);
    auto text = asl::ReadTextFile(path);
    if (!text.ok()) {
      r.Error(Member(p, "input_file"), fmt::format("cannot read {}", path),
              asl::DiagnosticCode::kUnreadableFile);
    } else if (auto parsed = asl::ParseText(*text, asl::TextSyntax::kJson); !parsed.ok()) {
      const asl::TextError& e = parsed.error().front();
      r.Error(Member(p, "input_file"),
              fmt::format("{}:{}:{}: the input must be JSON: {}", path, e.line, e.column,
                          e.message));
    } else {
      out.start.input_text = std::move(text.value());
    }
  }
  if (out.start.state_machine.empty()) return;
  for (const StateMachineDecl& decl : out.world.state_machines) {
    if (decl.name == out.start.state_machine) return;
  }
  std::vector<std::string> names;
  for (const StateMachineDecl& decl : out.world.state_machines) names.push_back(decl.name);
  r.Error(Member(p, "state_machine"),
          fmt::format("\"{}\" is not a state machine of this scenario (state_machines: {})",
                      out.start.state_machine,
                      names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ", "))));
}

void ReadExpect(Reader& r, const asl::Json& doc, Scenario& out) {
  auto it = doc.find("expect");
  if (it == doc.end() || it->is_null()) return;
  const std::string p = "/expect";
  const asl::Json& e = *it;
  if (!r.Object(e, p, {"status", "error", "all_executions_succeeded", "executions", "messages",
                       "published_once", "max_history_events", "min_history_margin",
                       "duration", "max_unhandled_faults"})) {
    return;
  }
  Expectations& x = out.expect;
  for (auto member = e.begin(); member != e.end(); ++member) {
    x.lines[member.key()] = r.source().LineOf(Member(p, member.key().c_str()));
  }
  x.status = r.String(e, p, "status");
  if (x.status && std::find(std::begin(kStatuses), std::end(kStatuses), *x.status) ==
                      std::end(kStatuses)) {
    r.Error(Member(p, "status"), fmt::format("\"{}\" is not an execution status (SUCCEEDED, "
                                             "FAILED, TIMED_OUT, ABORTED)", *x.status));
  }
  x.error = r.String(e, p, "error");
  x.all_succeeded = r.Bool(e, p, "all_executions_succeeded");
  if (auto v = e.find("executions"); v != e.end()) {
    x.executions = ReadCount(r, *v, Member(p, "executions"));
  }
  if (auto v = e.find("messages"); v != e.end()) {
    std::string mp = Member(p, "messages");
    if (!v->is_object()) {
      r.Error(mp, "expected an object of topic: count", asl::DiagnosticCode::kWrongType);
    } else {
      for (auto t = v->begin(); t != v->end(); ++t) {
        if (auto bound = ReadCount(r, *t, Member(mp, t.key().c_str()))) x.messages[t.key()] = *bound;
      }
    }
  }
  if (auto v = e.find("published_once"); v != e.end()) {
    std::string pp = Member(p, "published_once");
    if (r.Object(*v, pp, {"topic", "key", "query"})) {
      PublishedOnceCheck check;
      check.topic = r.String(*v, pp, "topic", true).value_or("");
      check.key = r.String(*v, pp, "key", true).value_or("");
      check.sql = r.String(*v, pp, "query", true).value_or("");
      if (!check.topic.empty() && !check.key.empty() && !check.sql.empty()) {
        x.published_once = std::move(check);
      }
    }
  }
  x.max_history_events = r.Integer(e, p, "max_history_events", 1, INT64_MAX);
  x.min_history_margin = r.Integer(e, p, "min_history_margin", 0, INT64_MAX);
  if (auto v = e.find("duration"); v != e.end()) {
    x.duration_ms = ReadDurationBound(r, *v, Member(p, "duration"));
  }
  x.max_unhandled_faults = r.Integer(e, p, "max_unhandled_faults", 0, INT64_MAX);
}

void ReadReport(Reader& r, const asl::Json& doc, Scenario& out) {
  auto it = doc.find("report");
  if (it == doc.end() || it->is_null()) return;
  if (!r.Object(*it, "/report", {"bucket"})) return;
  out.report.bucket_pointer = r.String(*it, "/report", "bucket").value_or("");
  if (!out.report.bucket_pointer.empty() && out.report.bucket_pointer[0] != '/') {
    r.Error("/report/bucket", fmt::format("\"{}\" is not a JSON pointer (e.g. /bucketId)",
                                          out.report.bucket_pointer));
  }
}

}  // namespace

std::string CountBound::ToString() const {
  if (min && max && *min == *max) return std::to_string(*min);
  if (min && max) return fmt::format("between {} and {}", *min, *max);
  if (min) return fmt::format(">= {}", *min);
  return fmt::format("<= {}", max.value_or(0));
}

asl::Result<Scenario, asl::DiagnosticList> ParseScenario(const asl::Json& document,
                                                         const asl::SourceMap& source,
                                                         const std::string& base_directory) {
  asl::DiagnosticList d;
  Reader r(source, d, base_directory);
  if (!document.is_object()) {
    r.Error("", fmt::format("a scenario is an object, not {}", asl::TypeWithArticle(document)),
            asl::DiagnosticCode::kWrongType);
    return asl::Fail(std::move(d));
  }
  Scenario out;
  out.file = source.file;
  asl::Json world = document;
  for (const char* key : kScenarioKeys) world.erase(key);
  auto parsed_world = ParseWorld(world, source, base_directory);
  if (parsed_world.ok()) {
    out.world = std::move(parsed_world.value());
  } else {
    for (const asl::Diagnostic& diagnostic : parsed_world.error().items()) d.Add(diagnostic);
  }
  out.name = r.String(document, "", "name").value_or(
      std::filesystem::path(source.file).stem().string());
  out.description = r.String(document, "", "description").value_or("");
  ReadStart(r, document, out);
  ReadExpect(r, document, out);
  ReadReport(r, document, out);
  if (d.HasErrors()) return asl::Fail(std::move(d));
  return out;
}

asl::Result<Scenario, asl::DiagnosticList> LoadScenario(const std::string& path) {
  auto document = asl::ReadDocumentFile(path);
  if (!document.ok()) return asl::Fail(std::move(document.error()));
  return ParseScenario(document->value, document->source,
                       std::filesystem::path(path).parent_path().string());
}

std::optional<int64_t> ParseDurationMillis(const asl::Json& value) {
  if (value.is_number_integer()) {
    int64_t ms = value.get<int64_t>();
    return ms >= 0 ? std::optional<int64_t>(ms) : std::nullopt;
  }
  if (!value.is_string()) return std::nullopt;
  const std::string& text = value.get_ref<const std::string&>();
  if (text.empty()) return std::nullopt;
  int64_t total = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == start || i - start > 12) return std::nullopt;
    int64_t n = std::stoll(text.substr(start, i - start));
    size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    std::string unit = text.substr(unit_start, i - unit_start);
    int64_t scale;
    if (unit == "ms") scale = 1;
    else if (unit == "s") scale = 1000;
    else if (unit == "m") scale = 60'000;
    else if (unit == "h") scale = 3'600'000;
    else if (unit == "d") scale = 86'400'000;
    else return std::nullopt;
    total += n * scale;
  }
  return total;
}

std::string FormatDuration(int64_t ms) {
  if (ms < 1000) return fmt::format("{}ms", ms);
  int64_t s = ms / 1000, rest = ms % 1000;
  std::string out;
  if (s >= 86400) out += fmt::format("{}d ", s / 86400);
  if (s >= 3600) out += fmt::format("{}h ", s / 3600 % 24);
  if (s >= 60) out += fmt::format("{}m ", s / 60 % 60);
  out += rest ? fmt::format("{}.{:03}s", s % 60, rest) : fmt::format("{}s", s % 60);
  return out;
}

}  // namespace sim
