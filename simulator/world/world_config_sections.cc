// The sections of a world document (docs/world.md).

#include <fmt/format.h>

#include "asl/load/definition_file.h"
#include "asl/load/definition_text.h"
#include "asl/validate/definition_parser.h"
#include "simulator/data/table_generator.h"
#include "simulator/world/world_config.h"
#include "simulator/world/world_config_paths.h"
#include "simulator/services/config_reader.h"

namespace sim::world_internal {

namespace {

constexpr int64_t kYearMs = 365LL * 24 * 3600 * 1000;

// Calls `each` for every element of an array member, with its pointer.
template <typename F>
void ForEach(Reader& r, const asl::Json& object, const std::string& pointer, const char* key,
             F each) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return;
  std::string p = Member(pointer, key);
  if (!r.Array(*it, p)) return;
  for (size_t i = 0; i < it->size(); ++i) each((*it)[i], asl::PointerJoin(p, i));
}

}  // namespace

void ReadLatency(Reader& r, const asl::Json& value, const std::string& pointer,
                 WorldConfig& out) {
  if (!value.is_object()) {
    r.Error(pointer, "expected an object of \"service:api\" (or \"service\", \"default\") to "
                     "milliseconds", asl::DiagnosticCode::kWrongType);
    return;
  }
  for (auto it = value.begin(); it != value.end(); ++it) {
    std::string p = Member(pointer, it.key().c_str());
    if (auto range = r.MillisRange(*it, p)) {
      auto [lo, hi] = range.value_or({});
      out.latency.Set(it.key(), {lo, hi});
    }
  }
}

void ReadSns(Reader& r, const asl::Json& value, const std::string& pointer, WorldConfig& out) {
  if (!r.Object(value, pointer, {"topics"})) return;
  ForEach(r, value, pointer, "topics", [&](const asl::Json& t, const std::string& p) {
    if (!r.Object(t, p, {"name", "arn", "content_based_deduplication", "subscriptions"})) return;
    SnsTopicSpec spec;
    spec.name = r.String(t, p, "name").value_or("");
    spec.arn = r.String(t, p, "arn").value_or("");
    if (spec.name.empty() && spec.arn.empty()) {
      r.Error(p, "a topic needs a \"name\" or an \"arn\"", asl::DiagnosticCode::kMissingField);
      return;
    }
    spec.content_based_deduplication = r.Bool(t, p, "content_based_deduplication").value_or(false);
    if (spec.content_based_deduplication &&
        !(spec.arn.empty() ? spec.name : spec.arn).ends_with(".fifo")) {
      r.Error(Member(p, "content_based_deduplication"),
              "content-based deduplication needs a FIFO topic (a name ending in .fifo)");
    }
    ForEach(r, t, p, "subscriptions", [&](const asl::Json& s, const std::string& sp) {
      if (!r.Object(s, sp, {"queue", "raw_message_delivery"})) return;
      SnsSubscription sub;
      auto queue = r.String(s, sp, "queue", true);
      if (!queue) return;
      sub.queue = queue.value_or("");
      sub.raw_message_delivery = r.Bool(s, sp, "raw_message_delivery").value_or(false);
      spec.subscriptions.push_back(std::move(sub));
    });
    for (const SnsTopicSpec& other : out.topics) {
      if ((!spec.name.empty() && other.name == spec.name) ||
          (!spec.arn.empty() && other.arn == spec.arn)) {
        r.Error(p, fmt::format("topic \"{}\" is declared twice",
                               spec.name.empty() ? spec.arn : spec.name));
        return;
      }
    }
    out.topics.push_back(std::move(spec));
  });
}

void ReadSqs(Reader& r, const asl::Json& value, const std::string& pointer, WorldConfig& out) {
  if (!r.Object(value, pointer, {"queues"})) return;
  ForEach(r, value, pointer, "queues", [&](const asl::Json& q, const std::string& p) {
    if (!r.Object(q, p, {"name", "url", "content_based_deduplication", "max_message_bytes"})) {
      return;
    }
    SqsQueueSpec spec;
    auto name = r.String(q, p, "name", true);
    if (!name) return;
    spec.name = name.value_or("");
    spec.url = r.String(q, p, "url").value_or("");
    spec.content_based_deduplication = r.Bool(q, p, "content_based_deduplication").value_or(false);
    if (spec.content_based_deduplication && !spec.name.ends_with(".fifo")) {
      r.Error(Member(p, "content_based_deduplication"),
              "content-based deduplication needs a FIFO queue (a name ending in .fifo)");
    }
    spec.max_message_bytes =
        r.Integer(q, p, "max_message_bytes", 1024, 1048576).value_or(kSqsMaxMessageBytes);
    for (const SqsQueueSpec& other : out.queues) {
      if (other.name == spec.name) {
        r.Error(p, fmt::format("queue \"{}\" is declared twice", spec.name));
        return;
      }
    }
    out.queues.push_back(std::move(spec));
  });
}

namespace {

std::optional<LambdaScriptedResponse> ReadResponse(Reader& r, const asl::Json& v,
                                                   const std::string& p) {
  if (!r.Object(v, p, {"payload", "payload_text", "function_error", "service_error",
                       "duration_ms"})) {
    return std::nullopt;
  }
  LambdaScriptedResponse response;
  int kinds = v.contains("payload") + v.contains("payload_text") + v.contains("service_error");
  if (kinds != 1) {
    r.Error(p, "a scripted response needs exactly one of \"payload\", \"payload_text\" and "
               "\"service_error\"");
    return std::nullopt;
  }
  if (v.contains("payload")) response.payload = asl::Dump(v["payload"]);
  response.payload = r.String(v, p, "payload_text").value_or(response.payload);
  response.function_error = r.Bool(v, p, "function_error").value_or(false);
  if (v.contains("service_error")) {
    response.service_error = r.AwsErrorSpec(v["service_error"], Member(p, "service_error"));
    if (!response.service_error) return std::nullopt;
  }
  if (auto d = r.Integer(v, p, "duration_ms", 0, kYearMs)) response.duration = Duration{d.value_or(0)};
  return response;
}

}  // namespace

void ReadLambda(Reader& r, const asl::Json& value, const std::string& pointer,
                WorldConfig& out) {
  if (!r.Object(value, pointer, {"functions"})) return;
  ForEach(r, value, pointer, "functions", [&](const asl::Json& f, const std::string& p) {
    if (!r.Object(f, p, {"name", "echo", "command", "working_directory", "responses",
                         "duration_ms", "timeout_seconds"})) {
      return;
    }
    LambdaFunctionSpec spec;
    auto name = r.String(f, p, "name", true);
    if (!name) return;
    spec.name = name.value_or("");
    int handlers = (f.contains("echo") ? 1 : 0) + (f.contains("command") ? 1 : 0) +
                   (f.contains("responses") ? 1 : 0);
    if (handlers > 1) {
      r.Error(p, "a function is served by one of \"echo\", \"command\" and \"responses\"",
              asl::DiagnosticCode::kMutuallyExclusive);
      return;
    }
    if (f.contains("command")) {
      spec.handler = LambdaHandler::kCommand;
      ReadCommand(r, f, p, spec);  // world_config_paths.h: the load policy's checks
    } else if (f.contains("responses")) {
      spec.handler = LambdaHandler::kScripted;
      ForEach(r, f, p, "responses", [&](const asl::Json& v, const std::string& rp) {
        if (auto response = ReadResponse(r, v, rp)) spec.responses.push_back(std::move(*response));
      });
      if (spec.responses.empty() && f["responses"].is_array()) {
        r.Error(Member(p, "responses"), "expected at least one response");
      }
    } else {
      if (!r.Bool(f, p, "echo").value_or(true)) {
        r.Error(Member(p, "echo"), "a function needs a handler: \"echo\": true, a \"command\" or "
                                   "\"responses\"");
      }
      spec.handler = LambdaHandler::kEcho;
    }
    if (auto it = f.find("duration_ms"); it != f.end()) {
      if (auto range = r.MillisRange(*it, Member(p, "duration_ms"))) {
        auto [lo, hi] = range.value_or({});
        spec.min_duration = Duration{lo};
        spec.max_duration = Duration{hi};
      }
    }
    // Lambda's Timeout setting: 1 to 900 seconds, 3 by default (CreateFunction).
    spec.timeout = Duration{r.Integer(f, p, "timeout_seconds", 1, 900).value_or(3) * 1000};
    for (const LambdaFunctionSpec& other : out.functions) {
      if (other.name == spec.name) {
        r.Error(p, fmt::format("function \"{}\" is declared twice", spec.name));
        return;
      }
    }
    out.functions.push_back(std::move(spec));
  });
}

void ReadStateMachines(Reader& r, const asl::Json& value, const std::string& pointer,
                       WorldConfig& out) {
  if (!r.Array(value, pointer)) return;
  for (size_t i = 0; i < value.size(); ++i) {
    const asl::Json& m = value[i];
    std::string p = asl::PointerJoin(pointer, i);
    if (!r.Object(m, p, {"name", "definition", "definition_file", "type", "logical_id",
                         "substitutions"})) {
      continue;
    }
    auto name = r.String(m, p, "name", true);
    std::string type = r.String(m, p, "type").value_or("STANDARD");
    if (type != "STANDARD" && type != "EXPRESS") {
      r.Error(Member(p, "type"), fmt::format("\"{}\" is not a state machine type (STANDARD or "
                                             "EXPRESS)", type));
      continue;
    }
    if (m.contains("definition") == m.contains("definition_file")) {
      r.Error(p, "a state machine needs exactly one of \"definition\" and \"definition_file\"");
      continue;
    }
    if (!name) continue;
    // Substitutions give values to a definition_file's placeholders; beside an inline definition
    // they would be silently unused.
    if (auto subs = m.find("substitutions"); subs != m.end() && m.contains("definition")) {
      r.Error(Member(p, "substitutions"),
              subs->is_object()
                  ? std::string("substitutions apply to a \"definition_file\" (its ${Name} "
                                "placeholders); an inline \"definition\" has none to fill")
                  : fmt::format("expected an object of name: value, got {}",
                                asl::TypeWithArticle(*subs)),
              asl::DiagnosticCode::kWrongType);
      continue;
    }
    StateMachineDecl decl;
    decl.name = name.value_or("");
    decl.express = type == "EXPRESS";
    if (m.contains("definition")) {
      std::string dp = Member(p, "definition");
      asl::ParseOptions options;
      options.express = decl.express;
      asl::ParsedDefinition parsed = asl::ParseDefinition(m["definition"], options);
      // The definition's diagnostics, located inside this file. OPTIMIZATION: by prefixing the
      // pointer, not by a copy of the file's SourceMap with the prefix set: that copy holds the
      // line of every pointer of the file, so copying it per state machine made a world of
      // 4,000 inline state machines quadratic (44 s).
      for (const asl::Diagnostic& diagnostic : parsed.diagnostics.items()) {
        if (diagnostic.severity != asl::Severity::kError) continue;
        r.Error(dp + diagnostic.pointer, diagnostic.message, diagnostic.code);
      }
      if (!parsed.machine) continue;
      decl.machine = std::shared_ptr<const asl::StateMachine>(std::move(parsed.machine));
      decl.definition_file = r.source().file;
      decl.definition_pointer = dp;
      decl.definition = m["definition"];
    } else {
      auto file_name = r.String(m, p, "definition_file", true);
      if (!file_name) continue;  // not a string: reported
      std::string file = r.Path(file_name.value_or(""));
      // A template's state machine by logical id, with DefinitionSubstitutions values.
      asl::LoadOptions load;
      if (!r.Allowed(file, Member(p, "definition_file"))) continue;
      load.check_path = r.PathCheck();  // the template's DefinitionUri, under the same policy
      load.logical_id = r.String(m, p, "logical_id").value_or("");
      if (auto subs = m.find("substitutions"); subs != m.end()) {
        std::string sp = Member(p, "substitutions");
        if (!subs->is_object()) {
          r.Error(sp,
                  fmt::format("expected an object of name: value, got {}",
                              asl::TypeWithArticle(*subs)),
                  asl::DiagnosticCode::kWrongType);
        } else {
          for (auto it = subs->begin(); it != subs->end(); ++it) {
            if (it->is_string()) load.substitutions[it.key()] = it->get<std::string>();
            else if (it->is_number() || it->is_boolean()) load.substitutions[it.key()] = it->dump();
            else r.Error(Member(sp, it.key().c_str()), "expected a string, number or boolean");
          }
        }
      }
      asl::DefinitionFile loaded = asl::ReadDefinitionFile(file, load, type);
      if (!loaded.valid()) {
        // The file's own diagnostics name their file and line; attach them to this entry.
        for (const std::string& message : loaded.messages) {
          r.Error(Member(p, "definition_file"), message);
        }
        if (loaded.messages.empty()) {
          r.Error(Member(p, "definition_file"), fmt::format("cannot load {}", file),
                  asl::DiagnosticCode::kUnreadableFile);
        }
        continue;
      }
      decl.machine = std::shared_ptr<const asl::StateMachine>(std::move(loaded.parsed.machine));
      decl.definition_file = file;
      decl.logical_id = loaded.loaded.logical_id;
      decl.definition = std::move(loaded.loaded.definition);
      decl.substitutions = std::move(loaded.loaded.substitutions_used);
    }
    for (const StateMachineDecl& other : out.state_machines) {
      if (other.name == decl.name) {
        r.Error(p, fmt::format("state machine \"{}\" is declared twice", decl.name));
        decl.machine.reset();
        break;
      }
    }
    if (decl.machine) out.state_machines.push_back(std::move(decl));
  }
}

void ReadAthena(Reader& r, const asl::Json& value, const std::string& pointer,
                WorldConfig& out) {
  if (!r.Object(value, pointer, {"databases", "workgroups", "max_active_queries", "queue_when_busy",
                                 "queue_time_ms", "planning_time_ms", "base_run_time_ms",
                                 "micros_per_row_scanned", "micros_per_result_row",
                                 "service_processing_time_ms", "usd_per_tb_scanned", "tables"})) {
    return;
  }
  AthenaConfig config;
  if (auto it = value.find("databases"); it != value.end()) {
    std::string p = Member(pointer, "databases");
    if (r.Array(*it, p)) {
      config.databases.clear();
      for (size_t i = 0; i < it->size(); ++i) {
        if ((*it)[i].is_string()) config.databases.push_back((*it)[i].get<std::string>());
        else r.Error(asl::PointerJoin(p, i), "expected a string", asl::DiagnosticCode::kWrongType);
      }
    }
  }
  if (auto it = value.find("workgroups"); it != value.end()) {
    std::string p = Member(pointer, "workgroups");
    if (r.Array(*it, p)) {
      config.workgroups.clear();
      for (size_t i = 0; i < it->size(); ++i) {
        const asl::Json& w = (*it)[i];
        std::string wp = asl::PointerJoin(p, i);
        if (w.is_string()) {
          config.workgroups.emplace_back(w.get<std::string>());
          continue;
        }
        if (!r.Object(w, wp, {"name", "output_location", "enforce_configuration"})) continue;
        auto name = r.String(w, wp, "name", true);
        if (!name) continue;
        AthenaWorkGroup group(name.value_or(""));
        group.output_location = r.String(w, wp, "output_location").value_or("");
        group.enforce_configuration = r.Bool(w, wp, "enforce_configuration").value_or(false);
        config.workgroups.push_back(std::move(group));
      }
    }
  }
  config.max_active_queries =
      r.Integer(value, pointer, "max_active_queries", 1, 100000).value_or(config.max_active_queries);
  config.queue_when_busy = r.Bool(value, pointer, "queue_when_busy").value_or(false);
  auto millis = [&](const char* key, Duration& into) {
    into = Duration{r.Integer(value, pointer, key, 0, kYearMs).value_or(into.ms)};
  };
  millis("queue_time_ms", config.queue_time);
  millis("planning_time_ms", config.planning_time);
  millis("base_run_time_ms", config.base_run_time);
  millis("service_processing_time_ms", config.service_processing_time);
  config.micros_per_row_scanned = r.Number(value, pointer, "micros_per_row_scanned", 0, 1e9)
                                      .value_or(config.micros_per_row_scanned);
  config.micros_per_result_row = r.Number(value, pointer, "micros_per_result_row", 0, 1e9)
                                     .value_or(config.micros_per_result_row);
  config.usd_per_tb_scanned =
      r.Number(value, pointer, "usd_per_tb_scanned", 0, 1e9).value_or(config.usd_per_tb_scanned);
  ForEach(r, value, pointer, "tables", [&](const asl::Json& t, const std::string& p) {
    // The generators' own members (simulator/data/table_generator.h) are in this list too.
    if (!r.Object(t, p, {"database", "name", "csv", "columns", "indexed_columns", "generator",
                         "rows", "seed", "first_year", "last_year", "yearly_growth", "virtual",
                         "start", "step", "column", "min", "max", "values", "s", "file"})) {
      return;
    }
    AthenaTableDecl table;
    table.source.database = r.String(t, p, "database").value_or("default");
    auto strings = [&](const char* key, std::vector<std::string>& into) {
      auto it = t.find(key);
      if (it == t.end()) return;
      std::string sp = Member(p, key);
      if (!r.Array(*it, sp)) return;
      for (size_t i = 0; i < it->size(); ++i) {
        if ((*it)[i].is_string()) into.push_back((*it)[i].get<std::string>());
        else r.Error(asl::PointerJoin(sp, i), "expected a string", asl::DiagnosticCode::kWrongType);
      }
    };
    strings("columns", table.source.columns);
    strings("indexed_columns", table.source.indexed_columns);
    if (t.contains("csv") == t.contains("generator")) {
      r.Error(p, "a table needs exactly one of \"csv\" and \"generator\"");
      return;
    }
    if (t.contains("csv")) {
      auto name = r.String(t, p, "name", true);
      auto csv = r.String(t, p, "csv");
      if (!name || !csv) return;
      table.source.name = name.value_or("");
      table.source.csv_path = r.Path(csv.value_or(""));
    } else {
      // A generator registered by name (simulator/data/table_generator.h).
      std::string generator = r.String(t, p, "generator").value_or("customers");
      const TableGeneratorEntry* entry = FindTableGenerator(generator);
      if (entry == nullptr) {
        r.Error(Member(p, "generator"), fmt::format("\"{}\" is not a table generator ({})",
                                                    generator, TableGeneratorNames()));
        return;
      }
      table.generator = generator;
      if (generator != "customers") {
        for (std::string_view key : entry->members) {
          if (auto it = t.find(key); it != t.end()) table.generator_params.members[key] = *it;
        }
        if (auto it = t.find("file"); it != t.end() && it->is_string()) {
          table.generator_params.members["file"] = r.Path(it->get<std::string>());
        }
        for (const GeneratorProblem& problem : entry->check(table.generator_params)) {
          r.Error(problem.member.empty() ? p : Member(p, problem.member.c_str()), problem.message);
        }
        table.source.name = r.String(t, p, "name", true).value_or("");
        table.customers.seed =
            static_cast<uint64_t>(r.Integer(t, p, "seed", 0, INT64_MAX).value_or(1));
        table.source.virtual_table = r.Bool(t, p, "virtual").value_or(false);
        if (!CheckPathMembers(r, t, p, {"file"})) return;
        out.athena_tables.push_back(std::move(table));
        return;
      }
      table.source.name = r.String(t, p, "name").value_or("customers");
      table.customers.rows = r.Integer(t, p, "rows", 0, CustomerGenerator::kMaxRows, true).value_or(0);
      table.customers.seed = static_cast<uint64_t>(r.Integer(t, p, "seed", 0, INT64_MAX).value_or(1));
      table.customers.first_year =
          static_cast<int>(r.Integer(t, p, "first_year", 1900, 2100).value_or(2004));
      table.customers.last_year =
          static_cast<int>(r.Integer(t, p, "last_year", 1900, 2100).value_or(2024));
      table.customers.yearly_growth = r.Number(t, p, "yearly_growth", 0.01, 100).value_or(1.2);
      table.source.virtual_table = r.Bool(t, p, "virtual").value_or(false);
    }
    if (!CheckPathMembers(r, t, p, {"csv"})) return;
    out.athena_tables.push_back(std::move(table));
  });
  out.athena = std::move(config);
}

void ReadCallbacks(Reader& r, const asl::Json& value, const std::string& pointer,
                   WorldConfig& out) {
  if (!r.Array(value, pointer)) return;
  for (size_t i = 0; i < value.size(); ++i) {
    const asl::Json& c = value[i];
    std::string p = asl::PointerJoin(pointer, i);
    if (!r.Object(c, p, {"state", "resource", "after_ms", "succeed", "fail", "none",
                         "heartbeat_every_ms", "heartbeat_until_ms"})) {
      continue;
    }
    CallbackRule rule;
    rule.state = r.String(c, p, "state").value_or("");
    rule.resource = r.String(c, p, "resource").value_or("");
    rule.after_ms = r.Integer(c, p, "after_ms", 0, kYearMs).value_or(0);
    rule.heartbeat_every_ms = r.Integer(c, p, "heartbeat_every_ms", 1, kYearMs).value_or(0);
    rule.heartbeat_until_ms = r.Integer(c, p, "heartbeat_until_ms", 0, kYearMs).value_or(0);
    int actions = c.contains("succeed") + c.contains("fail") + c.contains("none");
    if (actions != 1) {
      r.Error(p, "a callback needs exactly one of \"succeed\", \"fail\" and \"none\"");
      continue;
    }
    if (c.contains("succeed")) {
      std::string sp = Member(p, "succeed");
      if (!r.Object(c["succeed"], sp, {"output"})) continue;
      rule.action = CallbackRule::Action::kSucceed;
      rule.output = c["succeed"].value("output", asl::Json::object());
    } else if (c.contains("fail")) {
      std::string fp = Member(p, "fail");
      if (!r.Object(c["fail"], fp, {"error", "cause"})) continue;
      rule.action = CallbackRule::Action::kFail;
      rule.error = r.String(c["fail"], fp, "error");
      rule.cause = r.String(c["fail"], fp, "cause");
    } else {
      rule.action = CallbackRule::Action::kNone;
      if (rule.heartbeat_every_ms > 0 && rule.heartbeat_until_ms == 0) {
        r.Error(p, "heartbeats without a callback need \"heartbeat_until_ms\" (else they would "
                   "never stop)", asl::DiagnosticCode::kMissingField);
        continue;
      }
    }
    out.callbacks.push_back(std::move(rule));
  }
}

void ReadQuotas(Reader& r, const asl::Json& value, const std::string& pointer,
                WorldConfig& out) {
  if (!r.Object(value, pointer, {"start_execution", "state_transitions", "sns_publish",
                                 "athena_start_query", "athena_get_query", "lambda_concurrency",
                                 "max_open_executions"})) {
    return;
  }
  for (const char* name : {"start_execution", "state_transitions", "sns_publish",
                           "athena_start_query", "athena_get_query"}) {
    auto it = value.find(name);
    if (it == value.end() || it->is_null()) continue;
    std::string p = Member(pointer, name);
    QuotaOverride o;
    if (it->is_boolean()) {
      o.enabled = it->get<bool>();
    } else if (r.Object(*it, p, {"enabled", "capacity", "refill_per_second", "error"})) {
      o.enabled = r.Bool(*it, p, "enabled");
      o.capacity = r.Integer(*it, p, "capacity", 1, int64_t{1} << 40);
      o.refill_per_second = r.Number(*it, p, "refill_per_second", 0.001, 1e12);
      if (it->contains("error")) o.error = r.AwsErrorSpec((*it)["error"], Member(p, "error"));
    } else {
      continue;
    }
    out.quotas[name] = o;
  }
  if (auto it = value.find("lambda_concurrency"); it != value.end() && !it->is_null()) {
    std::string p = Member(pointer, "lambda_concurrency");
    if (it->is_boolean()) {
      out.lambda_concurrency_enabled = it->get<bool>();
    } else if (it->is_number_integer() && it->get<int64_t>() >= 1) {
      out.lambda_concurrency = it->get<int64_t>();
    } else if (r.Object(*it, p, {"enabled", "limit", "error"})) {
      out.lambda_concurrency_enabled = r.Bool(*it, p, "enabled");
      out.lambda_concurrency = r.Integer(*it, p, "limit", 1, int64_t{1} << 40);
      if (it->contains("error")) {
        out.lambda_concurrency_error = r.AwsErrorSpec((*it)["error"], Member(p, "error"));
      }
    }
  }
  out.max_open_executions = r.Integer(value, pointer, "max_open_executions", 0, int64_t{1} << 40);
}

void ReadFaults(Reader& r, const asl::Json& value, const std::string& pointer,
                WorldConfig& out) {
  if (!r.Array(value, pointer)) return;
  for (size_t i = 0; i < value.size(); ++i) {
    const asl::Json& f = value[i];
    std::string p = asl::PointerJoin(pointer, i);
    if (!r.Object(f, p, {"name", "service", "api", "state", "resource", "rate", "calls", "window",
                         "mode", "error", "delay_ms"})) {
      continue;
    }
    FaultRule rule;
    rule.name = r.String(f, p, "name").value_or("");
    rule.service = r.String(f, p, "service").value_or("");
    rule.api = r.String(f, p, "api").value_or("");
    rule.state = r.String(f, p, "state").value_or("");
    rule.resource = r.String(f, p, "resource").value_or("");
    rule.rate = r.Number(f, p, "rate", 0.0, 1.0).value_or(0.0);
    rule.delay_ms = r.Integer(f, p, "delay_ms", 0, kYearMs).value_or(0);
    if (auto calls = f.find("calls"); calls != f.end()) {
      std::string cp = Member(p, "calls");
      if (r.Array(*calls, cp)) {
        for (size_t k = 0; k < calls->size(); ++k) {
          const asl::Json& n = (*calls)[k];
          if (n.is_number_integer() && n.get<int64_t>() >= 1) rule.calls.insert(n.get<int64_t>());
          else r.Error(asl::PointerJoin(cp, k), "expected a call number (1, 2, …)");
        }
      }
    }
    if (auto window = f.find("window"); window != f.end()) {
      std::string wp = Member(p, "window");
      if (r.Object(*window, wp, {"from_ms", "to_ms"})) {
        auto from = r.Integer(*window, wp, "from_ms", 0, kYearMs);
        auto to = r.Integer(*window, wp, "to_ms", 0, kYearMs);
        if (from) rule.window_start = SimTime{from.value_or(0)};
        if (to) rule.window_end = SimTime{to.value_or(0)};
        if (from && to && to.value_or(0) <= from.value_or(0)) {
          r.Error(wp, "the window ends before it starts");
        }
        if (!from && !to) r.Error(wp, "a window needs \"from_ms\" and/or \"to_ms\"");
      }
    }
    std::string mode = r.String(f, p, "mode").value_or("fail");
    if (mode == "fail") rule.mode = FaultRule::Mode::kFail;
    else if (mode == "after") rule.mode = FaultRule::Mode::kAfter;
    else if (mode == "hang") rule.mode = FaultRule::Mode::kHang;
    else if (mode == "delay") rule.mode = FaultRule::Mode::kDelay;
    else {
      r.Error(Member(p, "mode"), fmt::format("\"{}\" is not a fault mode (fail, after, hang, "
                                             "delay)", mode));
    }
    if (auto error = f.find("error"); error != f.end()) {
      std::string ep = Member(p, "error");
      if (error->is_object() && error->contains("name")) {
        if (r.Object(*error, ep, {"name", "cause"})) {
          asl::Error literal(r.String(*error, ep, "name").value_or(""), "");
          auto cause = r.String(*error, ep, "cause");
          literal.cause = cause.value_or("");
          literal.has_cause = cause.has_value();
          rule.literal_error = std::move(literal);
        }
      } else {
        rule.aws_error = r.AwsErrorSpec(*error, ep);
      }
    }
    if (!f.contains("rate") && !f.contains("calls") && !f.contains("window")) {
      r.Error(p, "a fault needs \"rate\", \"calls\" or \"window\" to say when it fires",
              asl::DiagnosticCode::kMissingField);
      continue;
    }
    if (rule.mode == FaultRule::Mode::kDelay && rule.delay_ms == 0) {
      r.Error(p, "a delay fault needs \"delay_ms\"", asl::DiagnosticCode::kMissingField);
      continue;
    }
    out.faults.push_back(std::move(rule));
  }
}

}  // namespace sim::world_internal
