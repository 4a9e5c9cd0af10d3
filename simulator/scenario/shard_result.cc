#include "simulator/scenario/shard_result.h"

#include <fmt/format.h>

#include "asl/base/diagnostic.h"
#include "asl/load/source_text.h"
#include "simulator/scenario/summary_json.h"

namespace sim {

namespace {

const char* VerdictName(BatchVerdict verdict) {
  switch (verdict) {
    case BatchVerdict::kPassed: return "passed";
    case BatchVerdict::kFailed: return "failed";
    case BatchVerdict::kNotRun: return "not_run";
  }
  return "passed";
}

// Reads the members of a result, stopping at the first problem: "FILE: POINTER: what".
class ShardResultReader {
 public:
  explicit ShardResultReader(std::string file) : file_(std::move(file)) {}

  bool Fail(const std::string& pointer, const std::string& what) {
    if (error_.empty()) {
      error_ = fmt::format("{}: {}: {}", file_, pointer.empty() ? "/" : pointer, what);
    }
    return false;
  }
  const std::string& error() const { return error_; }

  // The member `key` of `object` (an object), or nullptr after Fail when it is absent.
  const asl::Json* Member(const asl::Json& object, const std::string& pointer, const char* key,
                          const char* expected) {
    auto it = object.find(key);
    if (it == object.end()) {
      Fail(pointer, fmt::format("expected a member \"{}\" ({})", key, expected));
      return nullptr;
    }
    return &*it;
  }
  const asl::Json* Object(const asl::Json& object, const std::string& pointer, const char* key,
                          const char* expected) {
    const asl::Json* value = Member(object, pointer, key, expected);
    if (value != nullptr && !value->is_object()) {
      Fail(asl::PointerJoin(pointer, key), fmt::format("expected an object {}", expected));
      return nullptr;
    }
    return value;
  }
  const asl::Json* Array(const asl::Json& object, const std::string& pointer, const char* key,
                         const char* expected) {
    const asl::Json* value = Member(object, pointer, key, expected);
    if (value != nullptr && !value->is_array()) {
      Fail(asl::PointerJoin(pointer, key), fmt::format("expected an array {}", expected));
      return nullptr;
    }
    return value;
  }
  bool String(const asl::Json& object, const std::string& pointer, const char* key,
              std::string* out) {
    const asl::Json* value = Member(object, pointer, key, "a string");
    if (value == nullptr) return false;
    if (!value->is_string()) return Fail(asl::PointerJoin(pointer, key), "expected a string");
    *out = value->get<std::string>();
    return true;
  }
  bool Bool(const asl::Json& object, const std::string& pointer, const char* key, bool* out) {
    const asl::Json* value = Member(object, pointer, key, "true or false");
    if (value == nullptr) return false;
    if (!value->is_boolean()) return Fail(asl::PointerJoin(pointer, key), "expected true or false");
    *out = value->get<bool>();
    return true;
  }
  // A whole number from 0 to `max`.
  bool Unsigned(const asl::Json& value, const std::string& pointer, uint64_t max, uint64_t* out) {
    bool whole = value.is_number_unsigned() ||
                 (value.is_number_integer() && value.get<int64_t>() >= 0);
    if (!whole || value.get<uint64_t>() > max) {
      return Fail(pointer, fmt::format("expected a whole number from 0 to {}", max));
    }
    *out = value.get<uint64_t>();
    return true;
  }
  bool Unsigned(const asl::Json& object, const std::string& pointer, const char* key,
                uint64_t max, uint64_t* out) {
    const asl::Json* value = Member(object, pointer, key, "a whole number");
    return value != nullptr && Unsigned(*value, asl::PointerJoin(pointer, key), max, out);
  }
  template <typename T>
  bool Count(const asl::Json& object, const std::string& pointer, const char* key, T* out) {
    uint64_t value = 0;
    if (!Unsigned(object, pointer, key, static_cast<uint64_t>(INT64_MAX), &value)) return false;
    *out = static_cast<T>(value);
    return true;
  }

  bool Sweep(const asl::Json& doc, SweepIdentity* out);
  bool Shard(const asl::Json& doc, ShardSpec* out);
  bool Run(const asl::Json& entry, const std::string& pointer, ShardRun* out);

 private:
  std::string file_;
  std::string error_;
};

bool ShardResultReader::Sweep(const asl::Json& doc, SweepIdentity* out) {
  const asl::Json* sweep = Object(doc, "", "sweep", "{scenarios, seeds, max_steps, runs}");
  if (sweep == nullptr) return false;
  const std::string p = "/sweep";
  const asl::Json* scenarios = Array(*sweep, p, "scenarios", "of {file, name, sha256}");
  if (scenarios == nullptr) return false;
  for (size_t i = 0; i < scenarios->size(); ++i) {
    const asl::Json& entry = (*scenarios)[i];
    const std::string at = asl::PointerJoin(asl::PointerJoin(p, "scenarios"), i);
    if (!entry.is_object()) return Fail(at, "expected an object {file, name, sha256}");
    SweepScenario s;
    if (!String(entry, at, "file", &s.file) || !Bool(entry, at, "loaded", &s.loaded)) return false;
    if (s.loaded && (!String(entry, at, "name", &s.name) || !String(entry, at, "sha256", &s.sha256))) {
      return false;
    }
    out->scenarios.push_back(std::move(s));
  }
  const asl::Json* seeds = Member(*sweep, p, "seeds", "null or an array of seeds");
  if (seeds == nullptr) return false;
  out->seeds.clear();
  if (seeds->is_null()) {
    out->seeds.push_back(std::nullopt);
  } else if (seeds->is_array() && !seeds->empty()) {
    for (size_t i = 0; i < seeds->size(); ++i) {
      uint64_t seed = 0;
      if (!Unsigned((*seeds)[i], asl::PointerJoin("/sweep/seeds", i), UINT64_MAX, &seed)) {
        return false;
      }
      out->seeds.push_back(seed);
    }
  } else {
    return Fail("/sweep/seeds", "expected null (each scenario's own seed) or an array of seeds");
  }
  return Unsigned(*sweep, p, "max_steps", UINT64_MAX, &out->max_steps) &&
         Count(*sweep, p, "runs", &out->runs);
}

bool ShardResultReader::Shard(const asl::Json& doc, ShardSpec* out) {
  const asl::Json* shard = Object(doc, "", "shard", "{index, count}");
  if (shard == nullptr) return false;
  uint64_t count = 0, index = 0;
  if (!Unsigned(*shard, "/shard", "count", kMaxShards, &count)) return false;
  if (count == 0) return Fail("/shard/count", "expected 1 or more shards");
  if (!Unsigned(*shard, "/shard", "index", count - 1, &index)) return false;
  *out = {static_cast<size_t>(index), static_cast<size_t>(count)};
  return true;
}

bool ShardResultReader::Run(const asl::Json& entry, const std::string& pointer, ShardRun* out) {
  if (!entry.is_object()) {
    return Fail(pointer, "expected an object {index, key, verdict, summary, junit, json}");
  }
  std::string verdict;
  if (!Count(entry, pointer, "index", &out->index) || !String(entry, pointer, "key", &out->key) ||
      !String(entry, pointer, "verdict", &verdict)) {
    return false;
  }
  if (verdict == "passed") {
    out->verdict = BatchVerdict::kPassed;
  } else if (verdict == "failed") {
    out->verdict = BatchVerdict::kFailed;
  } else if (verdict == "not_run") {
    out->verdict = BatchVerdict::kNotRun;
  } else {
    return Fail(asl::PointerJoin(pointer, "verdict"),
                fmt::format("expected \"passed\", \"failed\" or \"not_run\", found {}",
                            asl::Quoted(verdict)));
  }
  if (!String(entry, pointer, "summary", &out->summary)) return false;
  const asl::Json* junit = Object(entry, pointer, "junit", "{tests, failures, xml}");
  const std::string junit_at = asl::PointerJoin(pointer, "junit");
  if (junit == nullptr || !Count(*junit, junit_at, "tests", &out->junit.tests) ||
      !Count(*junit, junit_at, "failures", &out->junit.failures) ||
      !String(*junit, junit_at, "xml", &out->junit.xml)) {
    return false;
  }
  const asl::Json* json = Object(entry, pointer, "json", "(the run in --json's shape)");
  if (json == nullptr) return false;
  out->json = *json;
  if (entry.contains("output_error") && !String(entry, pointer, "output_error", &out->output_error)) {
    return false;
  }
  return true;
}

// The first pointer under `pointer` where `a` and `b` differ.
std::optional<std::string> FirstDifferenceIn(const asl::Json& a, const asl::Json& b,
                                             const std::string& pointer) {
  if (a.type() != b.type()) return pointer;
  if (a.is_object()) {
    for (const auto& [key, value] : a.items()) {
      auto other = b.find(key);
      if (other == b.end()) return asl::PointerJoin(pointer, key);
      if (auto d = FirstDifferenceIn(value, *other, asl::PointerJoin(pointer, key))) return d;
    }
    if (a.size() != b.size()) return pointer;
    return std::nullopt;
  }
  if (a.is_array()) {
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
      if (auto d = FirstDifferenceIn(a[i], b[i], asl::PointerJoin(pointer, i))) return d;
    }
    if (a.size() != b.size()) return pointer;
    return std::nullopt;
  }
  if (a != b) return pointer;
  return std::nullopt;
}

}  // namespace

ShardRun ShardRunOf(const BatchRun& run, const ScenarioReport& report) {
  ShardRun out;
  out.index = run.index;
  out.key = run.key;
  out.verdict = RunVerdictOf(report);
  out.summary = FormatSummary(report);
  out.junit = JUnitSuiteOf(report);
  out.json = RunSummaryJson(report);
  out.output_error = report.output_error;
  return out;
}

asl::Json SweepIdentityJson(const SweepIdentity& sweep) {
  asl::Json scenarios = asl::Json::array();
  for (const SweepScenario& s : sweep.scenarios) {
    asl::Json entry = {{"file", s.file}, {"loaded", s.loaded}};
    if (s.loaded) {
      entry["name"] = s.name;
      entry["sha256"] = s.sha256;
    }
    scenarios.push_back(std::move(entry));
  }
  asl::Json seeds = nullptr;
  if (!(sweep.seeds.size() == 1 && !sweep.seeds.front())) {
    seeds = asl::Json::array();
    for (const auto& seed : sweep.seeds) {
      if (seed) seeds.push_back(*seed);
    }
  }
  return {{"scenarios", std::move(scenarios)},
          {"seeds", std::move(seeds)},
          {"max_steps", sweep.max_steps},
          {"runs", sweep.runs}};
}

std::optional<std::string> FirstDifference(const SweepIdentity& a, const SweepIdentity& b) {
  return FirstDifferenceIn(SweepIdentityJson(a), SweepIdentityJson(b), "/sweep");
}

std::string FormatShardResult(const ShardResult& result) {
  asl::Json runs = asl::Json::array();
  for (const ShardRun& run : result.runs) {
    asl::Json entry = {{"index", run.index},
                       {"key", run.key},
                       {"verdict", VerdictName(run.verdict)},
                       {"summary", run.summary},
                       {"junit",
                        {{"tests", run.junit.tests},
                         {"failures", run.junit.failures},
                         {"xml", run.junit.xml}}},
                       {"json", run.json}};
    if (!run.output_error.empty()) entry["output_error"] = run.output_error;
    runs.push_back(std::move(entry));
  }
  asl::Json doc = {{"format", kShardResultFormat},
                   {"sfnsim_version", result.sfnsim_version},
                   {"sweep", SweepIdentityJson(result.sweep)},
                   {"shard", {{"index", result.shard.index}, {"count", result.shard.count}}},
                   {"runs", std::move(runs)}};
  // Invalid UTF-8 (a file name from the command line) is replaced rather than thrown on.
  return doc.dump(1, ' ', false, asl::Json::error_handler_t::replace) + "\n";
}

asl::Result<ShardResult, std::string> ParseShardResult(std::string_view text,
                                                       const std::string& file) {
  auto parsed = asl::ParseText(text, asl::TextSyntax::kJson);
  if (!parsed.ok()) {
    const asl::TextError& e = parsed.error().front();
    std::string where = e.line > 0 ? fmt::format("{}:{}:{}", file, e.line, e.column) : file;
    return asl::Fail(fmt::format("{}: {} (not an sfnsim shard result; was it cut short?)", where,
                                 e.message));
  }
  const asl::Json& doc = parsed->value;
  ShardResultReader r(file);
  if (!doc.is_object()) {
    r.Fail("", "expected an object {format, sfnsim_version, sweep, shard, runs}: a file "
               "written by sfnsim run --shard-result");
    return asl::Fail(r.error());
  }
  std::string format;
  if (!r.String(doc, "", "format", &format)) return asl::Fail(r.error());
  if (format != kShardResultFormat) {
    r.Fail("/format", fmt::format("expected \"{}\", found {}", kShardResultFormat,
                                  asl::Quoted(format)));
    return asl::Fail(r.error());
  }
  ShardResult result;
  if (!r.String(doc, "", "sfnsim_version", &result.sfnsim_version) ||
      !r.Sweep(doc, &result.sweep) || !r.Shard(doc, &result.shard)) {
    return asl::Fail(r.error());
  }
  const asl::Json* runs = r.Array(doc, "", "runs", "of this shard's runs");
  if (runs == nullptr) return asl::Fail(r.error());
  // Exactly the shard's share of the plan, in order: a run missing, repeated or from another
  // shard would make the merged outputs differ from the unsharded run's.
  const size_t expected = RunsInShard(result.sweep.runs, result.shard);
  if (runs->size() != expected) {
    r.Fail("/runs", fmt::format("{} runs, but shard {} of {} of a {}-run sweep has {}",
                                runs->size(), result.shard.index, result.shard.count,
                                result.sweep.runs, expected));
    return asl::Fail(r.error());
  }
  result.runs.reserve(expected);
  for (size_t i = 0; i < runs->size(); ++i) {
    const std::string at = asl::PointerJoin("/runs", i);
    ShardRun run;
    if (!r.Run((*runs)[i], at, &run)) return asl::Fail(r.error());
    const size_t want = result.shard.index + i * result.shard.count;
    if (run.index != want) {
      r.Fail(asl::PointerJoin(at, "index"),
             fmt::format("run {} of the plan, but the shard's run {} is run {} (index mod {})",
                         run.index, i, want, result.shard.count));
      return asl::Fail(r.error());
    }
    result.runs.push_back(std::move(run));
  }
  return result;
}

asl::Result<ShardResult, std::string> ReadShardResult(const std::string& path) {
  auto text = asl::ReadTextFile(path, kMaxShardResultBytes);
  if (!text.ok()) return asl::Fail(asl::ReadErrorText(text.error()));
  return ParseShardResult(*text, path);
}

}  // namespace sim
