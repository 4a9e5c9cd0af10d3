#include "simulator/world/world_config.h"

#include <fmt/format.h>

#include <filesystem>

#include "asl/load/definition_text.h"
#include "asl/load/source_text.h"
#include "simulator/engine/simulation.h"
#include "simulator/registry/registry.h"
#include "simulator/services/config_reader.h"

namespace sim {

namespace world_internal {

// Sections (world_config_sections.cc).
void ReadLatency(Reader& r, const asl::Json& value, const std::string& pointer, WorldConfig& out);
void ReadEngineLatency(Reader& r, const asl::Json& value, const std::string& pointer,
                       WorldConfig& out);
void ReadSns(Reader& r, const asl::Json& value, const std::string& pointer, WorldConfig& out);
void ReadSqs(Reader& r, const asl::Json& value, const std::string& pointer, WorldConfig& out);
void ReadLambda(Reader& r, const asl::Json& value, const std::string& pointer, WorldConfig& out);
void ReadStateMachines(Reader& r, const asl::Json& value, const std::string& pointer,
                       WorldConfig& out);
void ReadAthena(Reader& r, const asl::Json& value, const std::string& pointer, WorldConfig& out);
void ReadCallbacks(Reader& r, const asl::Json& value, const std::string& pointer,
                   WorldConfig& out);
void ReadQuotas(Reader& r, const asl::Json& value, const std::string& pointer, WorldConfig& out);
void ReadFaults(Reader& r, const asl::Json& value, const std::string& pointer, WorldConfig& out);

using SectionFn = void (*)(Reader&, const asl::Json&, const std::string&, WorldConfig&);
// One top-level section: read by the world loader (`read`) or by its service (`service`).
struct Section {
  std::string key;
  SectionFn read = nullptr;
  const ServiceDescriptor* service = nullptr;
};
const std::vector<Section>& Sections();

const std::vector<Section>& Sections() {
  // The world's own sections, and the services' in registry order where the latency section
  // ends. The services that predate the registry have their sections read here, into
  // WorldConfig's own fields (ServiceDescriptor::read_section is null for them).
  static const std::vector<Section> kSections = [] {
    const std::map<std::string_view, SectionFn> kWorldReaders = {
        {"sns", ReadSns}, {"sqs", ReadSqs}, {"lambda", ReadLambda},
        {"state_machines", ReadStateMachines}, {"athena", ReadAthena}};
    std::vector<Section> sections = {{"latency", ReadLatency, nullptr},
                                     {"engine_latency", ReadEngineLatency, nullptr}};
    for (const ServiceDescriptor* service : Services()) {
      if (service->section.empty()) continue;
      if (service->read_section) {
        sections.push_back({std::string(service->section), nullptr, service});
      } else if (auto it = kWorldReaders.find(service->section); it != kWorldReaders.end()) {
        sections.push_back({std::string(service->section), it->second, nullptr});
      }
    }
    sections.push_back({"callbacks", ReadCallbacks, nullptr});
    sections.push_back({"quotas", ReadQuotas, nullptr});
    sections.push_back({"faults", ReadFaults, nullptr});
    return sections;
  }();
  return kSections;
}

std::string Member(const std::string& pointer, const char* key) {
  return asl::PointerJoin(pointer, key);
}

void Reader::Error(const std::string& pointer, std::string message, asl::DiagnosticCode code) {
  d_.Add(asl::DiagnosticAt(source_, code, pointer, std::move(message)));
}

bool Reader::Object(const asl::Json& value, const std::string& pointer,
                    std::initializer_list<const char*> allowed) {
  return Object(value, pointer, std::vector<std::string>(allowed.begin(), allowed.end()));
}

bool Reader::Object(const asl::Json& value, const std::string& pointer,
                    const std::vector<std::string>& names) {
  if (!value.is_object()) {
    Error(pointer, fmt::format("expected an object, got {}", asl::TypeWithArticle(value)),
          asl::DiagnosticCode::kWrongType);
    return false;
  }
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (std::find(names.begin(), names.end(), it.key()) != names.end()) continue;
    std::string message = fmt::format("unknown field \"{}\"", it.key());
    if (std::string hint = asl::SpellCheck(it.key(), names); !hint.empty()) {
      message += fmt::format(" (did you mean \"{}\"?)", hint);
    } else {
      message += fmt::format(" (expected one of: {})", fmt::join(names, ", "));
    }
    Error(Member(pointer, it.key().c_str()), std::move(message),
          asl::DiagnosticCode::kUnknownField);
  }
  return true;
}

bool Reader::Array(const asl::Json& value, const std::string& pointer) {
  if (value.is_array()) return true;
  Error(pointer, fmt::format("expected an array, got {}", asl::TypeWithArticle(value)),
        asl::DiagnosticCode::kWrongType);
  return false;
}

Field<std::string> Reader::String(const asl::Json& object, const std::string& pointer,
                                          const char* key, bool required) {
  auto it = object.find(key);
  if (required && it != object.end() && it->is_null()) {
    // Written but empty (`definition_file: null`, or `name:` with no value): point at it.
    Error(Member(pointer, key), "expected a string, got null", asl::DiagnosticCode::kWrongType);
    return {};
  }
  if (it == object.end() || it->is_null()) {
    if (required) {
      Error(pointer, fmt::format("required field \"{}\" is missing", key),
            asl::DiagnosticCode::kMissingField);
    }
    return {};
  }
  if (!it->is_string()) {
    Error(Member(pointer, key), fmt::format("expected a string, got {}", asl::TypeWithArticle(*it)),
          asl::DiagnosticCode::kWrongType);
    return {};
  }
  return Field<std::string>(it->get<std::string>());
}

Field<int64_t> Reader::Integer(const asl::Json& object, const std::string& pointer,
                                       const char* key, int64_t min, int64_t max, bool required) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) {
      Error(pointer, fmt::format("required field \"{}\" is missing", key),
            asl::DiagnosticCode::kMissingField);
    }
    return {};
  }
  if (!it->is_number_integer()) {
    Error(Member(pointer, key),
          fmt::format("expected an integer, got {}", it->is_number() ? asl::Dump(*it)
                                                                      : asl::TypeWithArticle(*it)),
          asl::DiagnosticCode::kWrongType);
    return {};
  }
  int64_t v = it->get<int64_t>();
  if (v < min || v > max) {
    Error(Member(pointer, key), fmt::format("{} is out of range [{}, {}]", v, min, max),
          asl::DiagnosticCode::kOutOfRange);
    return {};
  }
  return Field<int64_t>(v);
}

Field<double> Reader::Number(const asl::Json& object, const std::string& pointer,
                                     const char* key, double min, double max) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_number()) {
    Error(Member(pointer, key), fmt::format("expected a number, got {}", asl::TypeWithArticle(*it)),
          asl::DiagnosticCode::kWrongType);
    return {};
  }
  double v = it->get<double>();
  if (v < min || v > max) {
    Error(Member(pointer, key), fmt::format("{} is out of range [{}, {}]", asl::Dump(*it), min, max),
          asl::DiagnosticCode::kOutOfRange);
    return {};
  }
  return Field<double>(v);
}

Field<bool> Reader::Bool(const asl::Json& object, const std::string& pointer,
                                 const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_boolean()) {
    Error(Member(pointer, key), fmt::format("expected true or false, got {}",
                                            asl::TypeWithArticle(*it)),
          asl::DiagnosticCode::kWrongType);
    return {};
  }
  return Field<bool>(it->get<bool>());
}

Field<std::pair<int64_t, int64_t>> Reader::MillisRange(const asl::Json& value,
                                                               const std::string& pointer) {
  constexpr int64_t kMax = 365LL * 24 * 3600 * 1000;
  int64_t lo = 0, hi = 0;
  if (value.is_number_integer()) {
    lo = hi = value.get<int64_t>();
  } else if (value.is_array() && value.size() == 2 && value[0].is_number_integer() &&
             value[1].is_number_integer()) {
    lo = value[0].get<int64_t>();
    hi = value[1].get<int64_t>();
  } else if (value.is_object()) {
    if (!Object(value, pointer, {"min_ms", "max_ms"})) return {};
    auto min = Integer(value, pointer, "min_ms", 0, kMax, true);
    auto max = Integer(value, pointer, "max_ms", 0, kMax, true);
    if (!min || !max) return {};
    lo = min.value_or(0);
    hi = max.value_or(0);
  } else {
    Error(pointer, "expected milliseconds: a number, [min, max] or {\"min_ms\", \"max_ms\"}",
          asl::DiagnosticCode::kWrongType);
    return {};
  }
  if (lo < 0 || hi < lo || hi > kMax) {
    Error(pointer, fmt::format("[{}, {}] is not a range of milliseconds (0 <= min <= max)", lo, hi),
          asl::DiagnosticCode::kOutOfRange);
    return {};
  }
  return Field<std::pair<int64_t, int64_t>>({lo, hi});
}

Field<AwsError> Reader::AwsErrorSpec(const asl::Json& value, const std::string& pointer) {
  if (!Object(value, pointer, {"code", "message", "status"})) return {};
  auto code = String(value, pointer, "code", true);
  auto message = String(value, pointer, "message");
  auto status = Integer(value, pointer, "status", 0, 599);
  if (!code) return {};
  AwsError e;
  e.code = code.value_or("");
  e.message = message.value_or("");
  e.http_status = static_cast<int>(status.value_or(400));
  e.sender_fault = e.http_status < 500;
  return Field<AwsError>(std::move(e));
}

std::string Reader::Path(const std::string& path) const {
  std::filesystem::path p(path);
  if (p.is_absolute() || base_.empty()) return path;
  std::string out = (std::filesystem::path(base_) / p).lexically_normal().string();
  if (out.size() > 1 && out.back() == '/') out.pop_back();  // "dir/." is "dir"
  return out;
}

}  // namespace world_internal

void WorldConfig::ApplyTo(SimulationConfig& config) const {
  if (seed) config.seed = *seed;
  if (partition) config.partition = *partition;
  if (region) config.region = *region;
  if (account) config.account = *account;
  config.engine_latency = engine_latency;
}

void WorldConfig::OverrideSeed(uint64_t new_seed) {
  seed = new_seed;
  for (AthenaTableDecl& table : athena_tables) {
    if (!table.generator.empty()) table.customers.seed = new_seed;
  }
}

QuotaConfig WorldConfig::Quotas(std::string_view region_name) const {
  QuotaConfig q = QuotaConfig::Defaults(region_name);
  auto apply = [&](const char* name, BucketQuota& quota) {
    auto it = quotas.find(name);
    if (it == quotas.end()) return;
    const QuotaOverride& o = it->second;
    if (o.enabled) quota.enabled = *o.enabled;
    if (o.capacity) quota.capacity = *o.capacity;
    if (o.refill_per_second) quota.refill_per_second = *o.refill_per_second;
    if (o.error) quota.error = *o.error;
  };
  apply("start_execution", q.start_execution);
  apply("state_transitions", q.state_transitions);
  apply("sns_publish", q.sns_publish);
  apply("athena_start_query", q.athena_start_query);
  apply("athena_get_query", q.athena_get_query);
  if (lambda_concurrency_enabled) q.lambda_concurrency_enabled = *lambda_concurrency_enabled;
  if (lambda_concurrency) q.lambda_concurrency = *lambda_concurrency;
  if (lambda_concurrency_error) q.lambda_error = *lambda_concurrency_error;
  if (max_open_executions) q.max_open_executions = *max_open_executions;
  return q;
}

const std::vector<std::string>& WorldKeys() {
  static const std::vector<std::string> kKeys = [] {
    std::vector<std::string> keys = {"seed", "partition", "region", "account"};
    for (const world_internal::Section& section : world_internal::Sections()) {
      keys.push_back(section.key);
    }
    return keys;
  }();
  return kKeys;
}

asl::Result<WorldConfig, asl::DiagnosticList> ParseWorld(const asl::Json& doc,
                                                         const asl::SourceMap& source,
                                                         const std::string& base_directory,
                                                         const LoadPolicy& policy) {
  using world_internal::Member;
  asl::DiagnosticList d;
  world_internal::Reader r(source, d, base_directory, &policy);
  WorldConfig out;
  out.file = source.file;
  if (!r.Object(doc, "", WorldKeys())) return asl::Fail(std::move(d));
  if (auto seed = doc.find("seed"); seed != doc.end()) {
    if (seed->is_number_unsigned()) out.seed = seed->get<uint64_t>();
    else if (seed->is_number_integer() && seed->get<int64_t>() >= 0) out.seed = seed->get<uint64_t>();
    else {
      r.Error("/seed", "expected a non-negative integer", asl::DiagnosticCode::kWrongType);
    }
  }
  out.partition = r.String(doc, "", "partition");
  out.region = r.String(doc, "", "region");
  out.account = r.String(doc, "", "account");
  if (out.account && (out.account->size() != 12 ||
                      out.account->find_first_not_of("0123456789") != std::string::npos)) {
    r.Error("/account", fmt::format("\"{}\" is not an AWS account id (12 digits)", *out.account));
  }
  for (const world_internal::Section& section : world_internal::Sections()) {
    auto it = doc.find(section.key);
    if (it == doc.end() || it->is_null()) continue;
    std::string pointer = Member("", section.key.c_str());
    if (section.service) section.service->read_section(r, *it, pointer, out.services);
    else section.read(r, *it, pointer, out);
  }
  if (d.HasErrors()) return asl::Fail(std::move(d));
  return out;
}

asl::Result<WorldConfig, asl::DiagnosticList> LoadWorld(const std::string& path,
                                                        const LoadPolicy& policy) {
  auto document = asl::ReadDocumentFile(path);
  if (!document.ok()) return asl::Fail(std::move(document.error()));
  std::string base = std::filesystem::path(path).parent_path().string();
  return ParseWorld(document->value, document->source, base, policy);
}

}  // namespace sim
