#include "deploy/verification_record.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>
#include <tuple>

#include "asl/analysis/definition_digest.h"
#include "asl/base/diagnostic.h"
#include "asl/load/source_text.h"

namespace deploy {

namespace {

namespace fs = std::filesystem;

// Reads a record member by member; the first problem stops it, named with its pointer.
class RecordReader {
 public:
  explicit RecordReader(std::string file) : file_(std::move(file)) {}

  bool Fail(const std::string& pointer, const std::string& what) {
    if (error_.empty()) error_ = fmt::format("{}: {}: {}", file_, pointer.empty() ? "/" : pointer, what);
    return false;
  }
  const std::string& error() const { return error_; }

  bool String(const asl::Json& object, const std::string& pointer, const char* key,
              std::string* out, bool required = true) {
    auto it = object.find(key);
    if (it == object.end()) {
      return required ? Fail(pointer, fmt::format("expected a member \"{}\"", key)) : true;
    }
    if (!it->is_string()) return Fail(asl::PointerJoin(pointer, key), "expected a string");
    *out = it->get<std::string>();
    return true;
  }

  bool StringMap(const asl::Json& object, const std::string& pointer, const char* key,
                 std::map<std::string, std::string>* out) {
    auto it = object.find(key);
    if (it == object.end()) return true;
    std::string p = asl::PointerJoin(pointer, key);
    if (!it->is_object()) return Fail(p, "expected an object of name: string");
    for (const auto& [name, value] : it->items()) {
      if (!value.is_string()) return Fail(asl::PointerJoin(p, name), "expected a string");
      (*out)[name] = value.get<std::string>();
    }
    return true;
  }

  bool Runs(const asl::Json& object, const std::string& pointer, std::vector<VerifiedRun>* out) {
    auto it = object.find("verified_by");
    std::string p = asl::PointerJoin(pointer, "verified_by");
    if (it == object.end() || !it->is_array() || it->empty()) {
      return Fail(p, "expected a non-empty array of {scenario, seed, sfnsim}");
    }
    for (size_t i = 0; i < it->size(); ++i) {
      const asl::Json& run = (*it)[i];
      std::string rp = asl::PointerJoin(p, i);
      if (!run.is_object()) return Fail(rp, "expected an object {scenario, seed, sfnsim}");
      VerifiedRun r;
      if (!String(run, rp, "scenario", &r.scenario) || !String(run, rp, "sfnsim", &r.sfnsim_version)) {
        return false;
      }
      auto seed = run.find("seed");
      if (seed == run.end() || !seed->is_number_unsigned()) {
        return Fail(asl::PointerJoin(rp, "seed"), "expected a non-negative integer");
      }
      r.seed = seed->get<uint64_t>();
      out->push_back(std::move(r));
    }
    return true;
  }

 private:
  std::string file_;
  std::string error_;
};

auto DefinitionKey(const VerifiedDefinition& d) {
  return std::tie(d.source, d.logical_id, d.sha256);
}

void SortRecord(VerificationRecord* record) {
  for (VerifiedDefinition& d : record->definitions) {
    std::sort(d.verified_by.begin(), d.verified_by.end(),
              [](const VerifiedRun& a, const VerifiedRun& b) {
                return std::tie(a.scenario, a.seed) < std::tie(b.scenario, b.seed);
              });
  }
  std::sort(record->definitions.begin(), record->definitions.end(),
            [](const VerifiedDefinition& a, const VerifiedDefinition& b) {
              return DefinitionKey(a) < DefinitionKey(b);
            });
}

}  // namespace

std::string VerifiedDefinition::Describe() const {
  return logical_id.empty() ? source : fmt::format("{} ({})", source, logical_id);
}

std::string VerifiedDefinition::DescribeRuns() const {
  std::string out;
  for (const VerifiedRun& run : verified_by) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} (seed {})", run.scenario, run.seed);
  }
  return out;
}

std::string RelativeTo(const std::string& path, const std::string& dir) {
  std::error_code ec;
  fs::path absolute = fs::weakly_canonical(fs::absolute(path), ec);
  if (ec) absolute = fs::absolute(path).lexically_normal();
  fs::path base = fs::weakly_canonical(fs::absolute(dir.empty() ? "." : dir), ec);
  if (ec) base = fs::absolute(dir.empty() ? "." : dir).lexically_normal();
  fs::path relative = absolute.lexically_relative(base);
  if (relative.empty()) relative = absolute;
  return relative.generic_string();
}

asl::Result<VerificationRecord, std::string> ReadVerificationRecord(const std::string& path) {
  VerificationRecord record;
  std::error_code ec;
  if (!fs::exists(path, ec)) return record;
  auto document = asl::ReadDocumentFile(path);
  if (!document.ok()) {
    const asl::Diagnostic& first = document.error().items().front();
    return asl::Fail(asl::FormatDiagnostic(first, asl::SourceMap{path, "", false, {}}));
  }
  const asl::Json& doc = document->value;
  RecordReader r(path);
  std::string format;
  if (!doc.is_object()) {
    r.Fail("", "expected an object {format, definitions}");
    return asl::Fail(r.error());
  }
  if (!r.String(doc, "", "format", &format)) return asl::Fail(r.error());
  if (format != kVerificationRecordFormat) {
    r.Fail("/format", fmt::format("expected \"{}\", found \"{}\"", kVerificationRecordFormat, format));
    return asl::Fail(r.error());
  }
  auto definitions = doc.find("definitions");
  if (definitions == doc.end() || !definitions->is_array()) {
    r.Fail("/definitions", "expected an array of verified definitions");
    return asl::Fail(r.error());
  }
  for (size_t i = 0; i < definitions->size(); ++i) {
    const asl::Json& entry = (*definitions)[i];
    std::string p = asl::PointerJoin("/definitions", i);
    VerifiedDefinition d;
    if (!entry.is_object()) {
      r.Fail(p, "expected an object {source, sha256, verified_by, ...}");
      return asl::Fail(r.error());
    }
    if (!r.String(entry, p, "source", &d.source) ||
        !r.String(entry, p, "logical_id", &d.logical_id, false) ||
        !r.String(entry, p, "sha256", &d.sha256) ||
        !r.StringMap(entry, p, "substitutions", &d.substitutions) ||
        !r.Runs(entry, p, &d.verified_by) || !r.StringMap(entry, p, "parts", &d.parts)) {
      return asl::Fail(r.error());
    }
    if (d.sha256.size() != 64 ||
        d.sha256.find_first_not_of("0123456789abcdef") != std::string::npos) {
      r.Fail(asl::PointerJoin(p, "sha256"), "expected 64 lowercase hexadecimal digits");
      return asl::Fail(r.error());
    }
    record.definitions.push_back(std::move(d));
  }
  SortRecord(&record);
  return record;
}

std::string FormatVerificationRecord(const VerificationRecord& record) {
  asl::Json doc = asl::Json::object();
  doc["format"] = kVerificationRecordFormat;
  asl::Json definitions = asl::Json::array();
  for (const VerifiedDefinition& d : record.definitions) {
    asl::Json entry = asl::Json::object();
    entry["source"] = d.source;
    if (!d.logical_id.empty()) entry["logical_id"] = d.logical_id;
    entry["sha256"] = d.sha256;
    entry["substitutions"] = asl::Json::object();
    for (const auto& [name, value] : d.substitutions) entry["substitutions"][name] = value;
    asl::Json runs = asl::Json::array();
    for (const VerifiedRun& run : d.verified_by) {
      runs.push_back({{"scenario", run.scenario}, {"seed", run.seed}, {"sfnsim", run.sfnsim_version}});
    }
    entry["verified_by"] = std::move(runs);
    entry["parts"] = asl::Json::object();
    for (const auto& [pointer, hash] : d.parts) entry["parts"][pointer] = hash;
    definitions.push_back(std::move(entry));
  }
  doc["definitions"] = std::move(definitions);
  return doc.dump(2, ' ', false, asl::Json::error_handler_t::replace) + "\n";
}

bool WriteVerificationRecord(const std::string& path, const VerificationRecord& record,
                             std::string* error) {
  std::string text = FormatVerificationRecord(record);
  std::string temporary = path + ".tmp";
  std::FILE* f = std::fopen(temporary.c_str(), "w");
  if (f == nullptr) {
    *error = fmt::format("{}: {}", temporary, std::strerror(errno));
    return false;
  }
  int failure = 0;  // the errno of the first step that failed
  if (std::fwrite(text.data(), 1, text.size(), f) != text.size()) failure = errno;
  if (std::fflush(f) != 0 && failure == 0) failure = errno;
  if (std::fclose(f) != 0 && failure == 0) failure = errno;
  std::error_code ec;
  if (failure == 0) fs::rename(temporary, path, ec);
  if (failure != 0 || ec) {
    std::string why = failure != 0 ? std::strerror(failure) : ec.message();
    fs::remove(temporary, ec);
    *error = fmt::format("{}: {}", failure != 0 ? temporary : path, why);
    return false;
  }
  return true;
}

std::vector<VerifiedDefinition> VerifiedDefinitionsOf(const PassingRun& run,
                                                      const std::string& record_dir,
                                                      const std::string& sfnsim_version) {
  std::vector<VerifiedDefinition> out;
  VerifiedRun verified_run{RelativeTo(run.scenario_file, record_dir), run.seed, sfnsim_version};
  for (const RunDefinition& definition : run.definitions) {
    VerifiedDefinition d;
    d.source = RelativeTo(definition.definition_file, record_dir);
    if (!definition.definition_pointer.empty()) d.source += "#" + definition.definition_pointer;
    d.logical_id = definition.logical_id;
    asl::DefinitionDigest digest = asl::DigestDefinition(definition.definition);
    d.sha256 = digest.sha256;
    d.parts = std::move(digest.parts);
    d.substitutions = definition.substitutions;
    d.verified_by.push_back(verified_run);
    out.push_back(std::move(d));
  }
  return out;
}

void MergeVerified(VerificationRecord* record, std::vector<VerifiedDefinition> verified) {
  // The same scenario on another version of a definition it verified now: no longer what it
  // verifies. (Several fresh versions of one definition, e.g. with different substitutions, all
  // stay.)
  for (VerifiedDefinition& old : record->definitions) {
    for (const VerifiedDefinition& fresh : verified) {
      if (old.source != fresh.source || old.logical_id != fresh.logical_id) continue;
      bool fresh_version = std::any_of(verified.begin(), verified.end(), [&](const auto& f) {
        return DefinitionKey(f) == DefinitionKey(old);
      });
      if (fresh_version) continue;
      std::erase_if(old.verified_by, [&](const VerifiedRun& run) {
        return std::any_of(fresh.verified_by.begin(), fresh.verified_by.end(),
                           [&](const VerifiedRun& f) { return f.scenario == run.scenario; });
      });
    }
  }
  std::erase_if(record->definitions,
                [](const VerifiedDefinition& d) { return d.verified_by.empty(); });
  for (VerifiedDefinition& fresh : verified) {
    auto same = std::find_if(record->definitions.begin(), record->definitions.end(),
                             [&](const VerifiedDefinition& d) {
                               return DefinitionKey(d) == DefinitionKey(fresh);
                             });
    if (same == record->definitions.end()) {
      record->definitions.push_back(std::move(fresh));
      continue;
    }
    for (VerifiedRun& run : fresh.verified_by) {
      auto it = std::find_if(same->verified_by.begin(), same->verified_by.end(),
                             [&](const VerifiedRun& r) {
                               return r.scenario == run.scenario && r.seed == run.seed;
                             });
      if (it != same->verified_by.end()) *it = std::move(run);
      else same->verified_by.push_back(std::move(run));
    }
    same->substitutions = std::move(fresh.substitutions);
    same->parts = std::move(fresh.parts);
  }
  SortRecord(record);
}

}  // namespace deploy
