// Reading scenario files: the world part goes to ParseWorld, the rest is read here with the
// same located diagnostics.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <functional>

#include "asl/load/source_text.h"
#include "simulator/scenario/scenario.h"
#include "simulator/services/states/sfn_service.h"
#include "simulator/world/world_config_paths.h"
#include "simulator/world/world_config_reader.h"

namespace sim {

namespace {

using world_internal::CheckPathMembers;
using world_internal::Member;
using world_internal::Reader;

constexpr std::initializer_list<const char*> kScenarioKeys = {"name", "description", "start",
                                                              "expect", "report"};
// The scenario's keys and then the world's (WorldKeys: the world's own and the services').
const std::vector<std::string>& TopLevelKeys() {
  static const std::vector<std::string> kKeys = [] {
    std::vector<std::string> keys(kScenarioKeys.begin(), kScenarioKeys.end());
    keys.insert(keys.end(), WorldKeys().begin(), WorldKeys().end());
    return keys;
  }();
  return kKeys;
}

bool OneOf(const std::string& key, std::initializer_list<const char*> names) {
  return std::find_if(names.begin(), names.end(), [&](const char* n) { return key == n; }) !=
         names.end();
}

// A count: an integer (exact) or {min, max}.
std::optional<CountBound> ReadCount(Reader& r, const asl::Json& value, const std::string& p) {
  CountBound bound;
  if (value.is_number_integer()) {
    if (value.get<int64_t>() < 0) {
      r.Error(p, fmt::format("{} is not a count (0 or more)", asl::Dump(value)),
              asl::DiagnosticCode::kOutOfRange);
      return std::nullopt;
    }
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
  if (!value.contains("min") && !value.contains("max")) {
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
  if (bound.min && bound.max && *bound.min > *bound.max) {
    r.Error(p, fmt::format("min {} is above max {}", FormatDuration(*bound.min),
                           FormatDuration(*bound.max)));
    return std::nullopt;
  }
  return bound;
}

// `world_ok`: the state machines were read, so the start can be checked against them.
void ReadStart(Reader& r, const asl::Json& doc, bool world_ok, Scenario& out) {
  auto it = doc.find("start");
  if (it == doc.end()) {
    r.Error("", "missing \"start\": which state machine the run starts, and its input",
            asl::DiagnosticCode::kMissingField);
    return;
  }
  const std::string p = "/start";
  if (!r.Object(*it, p, {"state_machine", "input", "input_file", "name", "replay"})) return;
  if (!CheckPathMembers(r, *it, p, {"input_file", "replay"})) return;  // before reading them
  out.start.state_machine = r.String(*it, p, "state_machine", true).value_or("");
  out.start.execution_name = r.String(*it, p, "name").value_or("");
  if (auto replay = r.String(*it, p, "replay")) {
    out.start.replay_history = r.Path(replay.value_or(""));
  }
  if (it->contains("input") && it->contains("input_file")) {
    r.Error(p, "give \"input\" or \"input_file\", not both");
  } else if (auto input = it->find("input"); input != it->end()) {
    out.start.input_text = asl::Dump(*input);
  } else if (auto file = r.String(*it, p, "input_file")) {
    std::string path = r.Path(file.value_or(""));
    auto text = asl::ReadTextFile(path);
    if (!text.ok()) {
      r.Error(Member(p, "input_file"), asl::ReadErrorText(text.error()),
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
  // What StartExecution itself would refuse (sfn_service.h), located at the field.
  auto refused = [&](const std::string& pointer, const std::optional<AwsError>& error) {
    if (error) {
      r.Error(pointer, fmt::format("StartExecution refuses it: {}: {}", error->code,
                                   error->message));
    }
  };
  refused(Member(p, "name"), CheckStartExecution(out.start.execution_name, "{}"));
  refused(Member(p, it->contains("input_file") ? "input_file" : "input"),
          CheckStartExecution("", out.start.input_text));
  if (out.start.state_machine.empty() || !world_ok) return;
  for (const StateMachineDecl& decl : out.world.state_machines) {
    if (decl.name == out.start.state_machine) return;
  }
  std::vector<std::string> names;
  for (const StateMachineDecl& decl : out.world.state_machines) names.push_back(decl.name);
  r.Error(Member(p, "state_machine"),
          fmt::format("\"{}\" is not a state machine of this scenario (state_machines: {})",
                      out.start.state_machine,
                      names.empty() ? std::string("none")
                                    : fmt::format("{}", fmt::join(names, ", "))));
}

bool IsStatus(const std::string& status) {
  return std::find_if(std::begin(kExecutionStatuses), std::end(kExecutionStatuses),
                      [&](const char* s) { return status == s; }) != std::end(kExecutionStatuses);
}

// {name: count, …}; `invalid` says why a name is wrong ("" when it is not). Each entry's line
// is kept as "<key>.<name>" for the JUnit report.
std::map<std::string, CountBound> ReadCountMap(
    Reader& r, const asl::Json& e, const char* key,
    const std::function<std::string(const std::string&)>& invalid, Expectations& x) {
  std::map<std::string, CountBound> out;
  auto v = e.find(key);
  if (v == e.end()) return out;
  const std::string p = Member("/expect", key);
  if (!v->is_object() || v->empty()) {
    r.Error(p, "expected an object of name: count (an integer or {min, max})",
            asl::DiagnosticCode::kWrongType);
    return out;
  }
  for (auto member = v->begin(); member != v->end(); ++member) {
    const std::string mp = Member(p, member.key().c_str());
    if (std::string why = invalid(member.key()); !why.empty()) {
      r.Error(mp, why);
      continue;
    }
    x.lines[std::string(key) + "." + member.key()] = r.source().LineOf(mp);
    if (auto bound = ReadCount(r, *member, mp)) out[member.key()] = *bound;
  }
  return out;
}

// published_once: {topic, key, query}; rows: the same plus bounds on the counts.
std::optional<RowsExpectation> ReadRows(Reader& r, const asl::Json& e, Expectations& x) {
  const bool once = e.contains("published_once"), bounded = e.contains("rows");
  if (!once && !bounded) return std::nullopt;
  if (once && bounded) {
    r.Error("/expect/rows", "give \"published_once\" or \"rows\", not both (both check the same "
                            "query)");
    return std::nullopt;
  }
  const char* key = once ? "published_once" : "rows";
  const std::string p = Member("/expect", key);
  const asl::Json& v = e.at(key);
  if (once ? !r.Object(v, p, {"topic", "key", "query"})
           : !r.Object(v, p, {"topic", "key", "query", "once", "duplicated", "lost",
                              "unexpected"})) {
    return std::nullopt;
  }
  RowsExpectation rows;
  rows.exactly_once = once;
  rows.topic = r.String(v, p, "topic", true).value_or("");
  rows.key = r.String(v, p, "key", true).value_or("");
  rows.sql = r.String(v, p, "query", true).value_or("");
  if (!once) {
    std::pair<const char*, std::optional<CountBound>*> bounds[] = {
        {"once", &rows.once}, {"duplicated", &rows.duplicated}, {"lost", &rows.lost},
        {"unexpected", &rows.unexpected}};
    for (auto& [name, bound] : bounds) {
      auto b = v.find(name);
      if (b == v.end()) continue;
      *bound = ReadCount(r, *b, Member(p, name));
      x.lines[std::string("rows.") + name] = r.source().LineOf(Member(p, name));
    }
    if (!v.contains("once") && !v.contains("duplicated") && !v.contains("lost") &&
        !v.contains("unexpected")) {
      r.Error(p, "give a bound on at least one of \"once\", \"duplicated\", \"lost\", "
                 "\"unexpected\" (or use published_once)");
    }
  }
  if (rows.topic.empty() || rows.key.empty() || rows.sql.empty()) return std::nullopt;
  return rows;
}

void ReadExpect(Reader& r, const asl::Json& doc, Scenario& out) {
  auto it = doc.find("expect");
  if (it == doc.end() || it->is_null()) return;
  const std::string p = "/expect";
  const asl::Json& e = *it;
  if (!r.Object(e, p, {"status", "error", "cause", "all_executions_succeeded", "executions",
                       "executions_by_status", "messages", "published_once", "rows",
                       "max_history_events", "min_history_margin", "duration",
                       "max_unhandled_faults", "faults", "max_bucket_imbalance"})) {
    return;
  }
  Expectations& x = out.expect;
  for (auto member = e.begin(); member != e.end(); ++member) {
    x.lines[member.key()] = r.source().LineOf(Member(p, member.key().c_str()));
  }
  x.status = r.String(e, p, "status");
  if (x.status && !IsStatus(*x.status)) {
    r.Error(Member(p, "status"), fmt::format("\"{}\" is not an execution status (SUCCEEDED, "
                                             "FAILED, TIMED_OUT, ABORTED)", *x.status));
  }
  x.error = r.String(e, p, "error");
  x.cause = r.String(e, p, "cause");
  x.all_succeeded = r.Bool(e, p, "all_executions_succeeded");
  if (auto v = e.find("executions"); v != e.end()) {
    x.executions = ReadCount(r, *v, Member(p, "executions"));
  }
  x.executions_by_status = ReadCountMap(
      r, e, "executions_by_status",
      [](const std::string& status) {
        return IsStatus(status) ? std::string()
                                : fmt::format("\"{}\" is not an execution status (SUCCEEDED, "
                                              "FAILED, TIMED_OUT, ABORTED)", status);
      },
      x);
  x.messages = ReadCountMap(
      r, e, "messages", [](const std::string&) { return std::string(); }, x);
  x.rows = ReadRows(r, e, x);
  x.max_history_events = r.Integer(e, p, "max_history_events", 1, INT64_MAX);
  x.min_history_margin = r.Integer(e, p, "min_history_margin", 0, INT64_MAX);
  if (auto v = e.find("duration"); v != e.end()) {
    x.duration_ms = ReadDurationBound(r, *v, Member(p, "duration"));
  }
  x.max_unhandled_faults = r.Integer(e, p, "max_unhandled_faults", 0, INT64_MAX);
  x.max_bucket_imbalance = r.Number(e, p, "max_bucket_imbalance", 1.0, 1e9);
  x.faults = ReadCountMap(
      r, e, "faults",
      [](const std::string& what) {
        for (const char* known : kFaultCounts) {
          if (what == known) return std::string();
        }
        return fmt::format("\"{}\" is not a fault count (injected, retried, caught, unhandled)",
                           what);
      },
      x);
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
                                                         const std::string& base_directory,
                                                         const LoadPolicy& policy) {
  asl::DiagnosticList d;
  Reader r(source, d, base_directory, &policy);
  if (!document.is_object()) {
    r.Error("", fmt::format("a scenario is an object, not {}", asl::TypeWithArticle(document)),
            asl::DiagnosticCode::kWrongType);
    return asl::Fail(std::move(d));
  }
  Scenario out;
  out.file = source.file;
  // Unknown top-level keys are reported here, against the scenario's keys and the world's
  // (ParseWorld's list, world_config.cc), so "expcet" suggests "expect"; ParseWorld never sees
  // them, so one typo does not throw the whole world (and its state machines) away.
  r.Object(document, "", TopLevelKeys());
  asl::Json world = asl::Json::object();
  for (auto it = document.begin(); it != document.end(); ++it) {
    const std::vector<std::string>& world_keys = WorldKeys();
    if (std::find(world_keys.begin(), world_keys.end(), it.key()) != world_keys.end() &&
        !OneOf(it.key(), kScenarioKeys)) {
      world[it.key()] = it.value();
    }
  }
  auto parsed_world = ParseWorld(world, source, base_directory, policy);
  if (parsed_world.ok()) {
    out.world = std::move(parsed_world.value());
  } else {
    for (const asl::Diagnostic& diagnostic : parsed_world.error().items()) d.Add(diagnostic);
  }
  out.name = r.String(document, "", "name").value_or(
      std::filesystem::path(source.file).stem().string());
  out.description = r.String(document, "", "description").value_or("");
  ReadStart(r, document, parsed_world.ok(), out);
  ReadExpect(r, document, out);
  ReadReport(r, document, out);
  if (out.expect.max_bucket_imbalance && out.report.bucket_pointer.empty()) {
    r.Error("/expect/max_bucket_imbalance",
            "needs report.bucket (the JSON pointer where an executor's input names its bucket)");
  }
  if (d.HasErrors()) return asl::Fail(std::move(d));
  return out;
}

asl::Result<Scenario, asl::DiagnosticList> LoadScenario(const std::string& path,
                                                        const LoadPolicy& policy) {
  auto document = asl::ReadDocumentFile(path);
  if (!document.ok()) return asl::Fail(std::move(document.error()));
  return ParseScenario(document->value, document->source,
                       std::filesystem::path(path).parent_path().string(), policy);
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
    if (n > (INT64_MAX - total) / scale) return std::nullopt;  // would overflow
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
