#include "simulator/services/athena/athena_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "asl/base/random.h"
#include "simulator/services/athena/athena_functions.h"
#include "simulator/services/athena/csv_loader.h"
#include "simulator/services/athena/lower_case.h"
#include "simulator/services/athena/query_cost.h"
#include "simulator/services/athena/query_engine.h"
#include "simulator/services/athena/query_execution.h"
#include "simulator/services/athena/request_fields.h"
#include "simulator/services/athena/sql_authorizer.h"
#include "simulator/services/athena/sql_text.h"
#include "simulator/services/athena/sqlite_database.h"
#include "simulator/services/athena/table_store.h"
#include "simulator/services/athena/virtual_clock_vfs.h"

namespace sim {

using athena::InvalidRequest;
using athena::IsS3Path;
using athena::MatchesWorkGroupPattern;
using athena::ReadQueryExecutionId;
using athena::Lower;
using athena::QueryExecution;
using athena::QueryState;

namespace {

// https://docs.aws.amazon.com/athena/latest/APIReference/API_StartQueryExecution.html
constexpr int64_t kMaxQueryStringLength = 262144;
constexpr int64_t kMinClientRequestTokenLength = 32;
constexpr int64_t kMaxClientRequestTokenLength = 128;
constexpr int64_t kMaxDatabaseLength = 255;
constexpr int64_t kMaxCatalogLength = 256;
constexpr int64_t kMaxExecutionParameterLength = 1024;
// https://docs.aws.amazon.com/athena/latest/APIReference/API_GetQueryResults.html
constexpr int64_t kMaxResultsLimit = 1000;
constexpr int64_t kMaxNextTokenLength = 1024;
constexpr const char* kWorkGroupPattern = "[a-zA-Z0-9._-]{1,128}";

// The TooManyRequestsException text Athena returns for the active-query quota.
constexpr const char* kTooManyQueries =
    "You have exceeded the limit for the number of queries you can run concurrently. Please "
    "reduce the number of concurrent queries submitted by this account. Contact customer "
    "support to request a concurrent query limit increase.";
constexpr const char* kNoOutputLocation =
    "No output location provided. An output location is required either through the Workgroup "
    "result configuration setting or as an API input.";


std::string ResultFileLocation(const std::string& location, const std::string& id) {
  return location + (location.back() == '/' ? "" : "/") + id + ".csv";
}

// A version-4 UUID from the model's generator: QueryExecutionIds look like Athena's.
std::string NewUuid(asl::Random& random) {
  uint64_t high = (random.Next() & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;
  uint64_t low = (random.Next() & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", high >> 32, (high >> 16) & 0xFFFF,
                     high & 0xFFFF, low >> 48, low & 0xFFFFFFFFFFFFull);
}

AwsError NotFound(const std::string& id) {
  return InvalidRequest(fmt::format("QueryExecution {} was not found", id));
}

}  // namespace

struct AthenaModel::Impl {
  explicit Impl(uint64_t seed) : random(seed) {}

  athena::VirtualClockVfs vfs;  // outlives the connection
  athena::SqliteDatabase db;
  std::unique_ptr<athena::TableStore> store;
  std::unique_ptr<athena::QueryEngine> engine;
  std::string init_error;
  asl::Random random;
  std::vector<std::unique_ptr<QueryExecution>> queries;  // in submission order
  std::unordered_map<std::string, QueryExecution*> by_id;
  std::unordered_map<std::string, QueryExecution*> by_token;

  // Resets every replayed result's statement: the schema is about to change under them.
  void ParkReplays() {
    for (const auto& q : queries) {
      if (q->replayed) q->replayed->Park();
    }
  }

  QueryExecution* Find(const std::string& id) const {
    auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : it->second;
  }

  // When a query ready at `ready` gets an engine slot: with `slots` slots assigned first come
  // first served, the slots free up at the `slots` latest final times of the queries that hold
  // or held one. `skip` (not yet scheduled) are left out.
  SimTime SlotStart(SimTime ready, int64_t slots, const QueryExecution* skip_from) const {
    std::vector<int64_t> finals;
    for (const auto& q : queries) {
      if (q.get() == skip_from) break;
      if (q->statement.statement_type == "DML" && q->HeldSlot()) {
        finals.push_back(q->FinalTime().ms);
      }
    }
    if (static_cast<int64_t>(finals.size()) < slots || slots <= 0) return ready;
    auto kth = finals.end() - slots;
    std::nth_element(finals.begin(), kth, finals.end());
    return SimTime{std::max(ready.ms, *kth)};
  }
};

AthenaModel::AthenaModel(AthenaConfig config)
    : config_(std::move(config)), impl_(std::make_unique<Impl>(config_.seed)) {
  auto opened = athena::SqliteDatabase::OpenInMemory(impl_->vfs.name());
  if (!opened.ok()) {
    impl_->init_error = "cannot open the SQLite database: " + opened.error().message;
    return;
  }
  impl_->db = std::move(opened).value();
  sqlite3* handle = impl_->db.handle();
  // Double quotes are identifiers only, as in Trino (no "string literal" fallback).
  sqlite3_db_config(handle, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
  sqlite3_db_config(handle, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
  auto pragmas = impl_->db.Execute(
      "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY; "
      "PRAGMA case_sensitive_like=ON;");
  if (!pragmas.ok()) impl_->init_error = "cannot configure SQLite: " + pragmas.error().message;
  if (athena::RegisterAthenaFunctions(handle) != SQLITE_OK) {
    impl_->init_error = "cannot register the Athena functions";
  }
  impl_->store = std::make_unique<athena::TableStore>(&impl_->db);
  impl_->engine = std::make_unique<athena::QueryEngine>(&impl_->db, impl_->store.get());
  for (const std::string& database : config_.databases) {
    auto added = impl_->store->AddDatabase(database);
    if (!added.ok() && impl_->init_error.empty()) impl_->init_error = added.error();
  }
}

AthenaModel::~AthenaModel() = default;

asl::Result<void, std::string> AthenaModel::AddTable(const AthenaTableSource& source) {
  if (!impl_->init_error.empty()) return asl::Fail(impl_->init_error);
  impl_->ParkReplays();
  std::string qualified = Lower(source.database) + "." + Lower(source.name);
  if (!impl_->store->HasDatabase(source.database)) {
    return asl::Fail(fmt::format("table {}: unknown database '{}' (not in AthenaConfig::databases)",
                                 qualified, source.database));
  }
  bool from_csv = !source.csv_path.empty();
  if (source.virtual_table && !source.indexed_columns.empty()) {
    return asl::Fail(fmt::format("table {}: a virtual table cannot be indexed", qualified));
  }
  if (from_csv == static_cast<bool>(source.generator)) {
    return asl::Fail(fmt::format("table {}: give either a CSV file or a generator", qualified));
  }
  std::vector<athena::TableColumn> columns;
  for (const std::string& text : source.columns) {
    auto declared = athena::ParseColumnDeclaration(text);
    if (!declared.ok()) return asl::Fail(fmt::format("table {}: {}", qualified, declared.error()));
    columns.push_back({declared->name, declared->type, 0});
  }
  if (!from_csv) {
    if (columns.empty()) return asl::Fail(fmt::format("table {}: no columns declared", qualified));
    if (source.generated_rows < 0) {
      return asl::Fail(fmt::format("table {}: generated_rows is negative", qualified));
    }
    size_t width = columns.size();
    // The generator must outlive this call: the virtual table calls it on every scan.
    auto generator = source.generator;
    athena::RowSource scan = [generator, width](int64_t row, std::vector<std::string>& values,
                                                std::vector<bool>&) {
      generator(row, values);
      if (values.size() != width) values.resize(width);
    };
    if (source.virtual_table) {
      return impl_->store->CreateVirtualTable(source.database, source.name, std::move(columns),
                                              source.generated_rows, std::move(scan));
    }
    auto describe = [&](int64_t row) { return fmt::format("table {} row {}", qualified, row); };
    return impl_->store->AddGeneratedTable(source.database, source.name, std::move(columns),
                                           source.generated_rows, std::move(scan), describe,
                                           source.indexed_columns);
  }
  auto file = athena::ReadCsvFile(source.csv_path);
  if (!file.ok()) return asl::Fail(file.error());
  const athena::CsvFile& csv = file.value();
  if (columns.empty()) {
    for (size_t i = 0; i < csv.header.size(); ++i) {
      columns.push_back({csv.header[i], athena::InferColumnType(csv, i), 0});
    }
  } else {
    if (columns.size() != csv.header.size()) {
      return asl::Fail(fmt::format("{}:1: the header has {} columns, {} are declared", csv.name,
                                   csv.header.size(), columns.size()));
    }
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i].name != csv.header[i]) {
        return asl::Fail(fmt::format("{}:1: header column {} is '{}', declared '{}'", csv.name,
                                     i + 1, csv.header[i], columns[i].name));
      }
    }
  }
  athena::RowSource rows = [&](int64_t row, std::vector<std::string>& values,
                               std::vector<bool>& is_null) {
    const athena::CsvRecord& record = csv.records[static_cast<size_t>(row)];
    for (size_t i = 0; i < record.fields.size(); ++i) {
      values[i] = record.fields[i].text;
      is_null[i] = record.fields[i].is_null;
    }
  };
  auto describe = [&](int64_t row) {
    return fmt::format("{}:{}", csv.name, csv.records[static_cast<size_t>(row)].line);
  };
  TRY_STATUS(impl_->store->LoadTable(source.database, source.name, std::move(columns),
                                     static_cast<int64_t>(csv.records.size()), rows, describe));
  return IndexColumns(source);
}

asl::Result<void, std::string> AthenaModel::IndexColumns(const AthenaTableSource& source) {
  for (const std::string& column : source.indexed_columns) {
    TRY_STATUS(impl_->store->CreateIndex(source.database, source.name, column));
  }
  return {};
}

asl::Result<asl::Json, AwsError> AthenaModel::StartQueryExecution(const asl::Json& request,
                                                                  SimTime now) {
  if (auto bad = athena::CheckRequestObject(request)) return asl::Fail(*bad);
  athena::RequestReader reader;
  std::optional<std::string> query = reader.String(request, "QueryString");
  std::optional<std::string> token = reader.String(request, "ClientRequestToken");
  std::optional<std::string> database, catalog, output;
  if (const asl::Json* context = reader.Structure(request, "QueryExecutionContext")) {
    database = reader.String(*context, "Database");
    catalog = reader.String(*context, "Catalog");
  }
  if (const asl::Json* result = reader.Structure(request, "ResultConfiguration")) {
    output = reader.String(*result, "OutputLocation");
  }
  std::optional<std::string> workgroup_name = reader.String(request, "WorkGroup");
  std::optional<std::vector<std::string>> parameters =
      reader.StringList(request, "ExecutionParameters");
  if (reader.error()) return asl::Fail(*reader.error());

  athena::ValidationErrors errors;
  if (!query) {
    errors.NotNull("queryString");
  } else if (athena::ConstraintLength(*query) < 1) {
    errors.MinLength("queryString", 1);
  } else if (athena::ConstraintLength(*query) > kMaxQueryStringLength) {
    errors.MaxLength("queryString", kMaxQueryStringLength);
  }
  if (token && athena::ConstraintLength(*token) < kMinClientRequestTokenLength) {
    errors.MinLength("clientRequestToken", kMinClientRequestTokenLength);
  } else if (token && athena::ConstraintLength(*token) > kMaxClientRequestTokenLength) {
    errors.MaxLength("clientRequestToken", kMaxClientRequestTokenLength);
  }
  if (database && athena::ConstraintLength(*database) < 1) {
    errors.MinLength("queryExecutionContext.database", 1);
  } else if (database && athena::ConstraintLength(*database) > kMaxDatabaseLength) {
    errors.MaxLength("queryExecutionContext.database", kMaxDatabaseLength);
  }
  if (catalog && athena::ConstraintLength(*catalog) < 1) {
    errors.MinLength("queryExecutionContext.catalog", 1);
  } else if (catalog && athena::ConstraintLength(*catalog) > kMaxCatalogLength) {
    errors.MaxLength("queryExecutionContext.catalog", kMaxCatalogLength);
  }
  if (workgroup_name && !MatchesWorkGroupPattern(*workgroup_name)) {
    errors.Pattern("workGroup", kWorkGroupPattern);
  }
  if (parameters && parameters->empty()) errors.MinLength("executionParameters", 1);
  for (size_t i = 0; parameters && i < parameters->size(); ++i) {
    std::string path = fmt::format("executionParameters.{}.member", i + 1);
    int64_t length = athena::ConstraintLength((*parameters)[i]);
    if (length < 1) errors.MinLength(path.c_str(), 1);
    if (length > kMaxExecutionParameterLength) {
      errors.MaxLength(path.c_str(), kMaxExecutionParameterLength);
    }
  }
  if (auto error = errors.ToError()) return asl::Fail(*error);
  // Measured: a token of at most 128 characters but more than 128 UTF-8 bytes.
  if (token && token->size() > static_cast<size_t>(kMaxClientRequestTokenLength)) {
    return asl::Fail(InvalidRequest("clientRequestToken exceeds maximum allowed length 128"));
  }

  const AthenaWorkGroup* workgroup = nullptr;
  std::string wanted = workgroup_name.value_or("primary");
  for (const AthenaWorkGroup& w : config_.workgroups) {
    if (w.name == wanted) workgroup = &w;
  }
  if (workgroup == nullptr) return asl::Fail(InvalidRequest("WorkGroup is not found."));

  std::string location;
  if (workgroup->enforce_configuration && !workgroup->output_location.empty()) {
    location = workgroup->output_location;  // the workgroup's setting overrides the request's
  } else if (output) {
    if (!IsS3Path(*output)) {
      return asl::Fail(InvalidRequest("outputLocation is not a valid S3 path."));
    }
    location = *output;
  } else if (!workgroup->output_location.empty()) {
    location = workgroup->output_location;
  } else {
    return asl::Fail(InvalidRequest(kNoOutputLocation));
  }
  if (result_sink_) {
    auto bucket = athena::SplitS3Url(location);
    if (bucket && !result_sink_.bucket_exists(bucket->first)) {
      // Athena checks the bucket before it accepts the query (PyAthena issue 67 quotes it).
      return asl::Fail(
          InvalidRequest(fmt::format("Unable to verify/create output bucket {}", bucket->first)));
    }
  }
  if (!impl_->init_error.empty()) {
    return asl::Fail(AwsError{"InternalServerException", impl_->init_error, 500, false});
  }

  // Parse (and analyse) now: a syntax error rejects the call, as Athena engine version 3 does
  // (InvalidRequestException, AthenaErrorCode MALFORMED_QUERY).
  athena::StatementClass statement = athena::ClassifyStatement(*query);
  if (!statement.syntax_error.empty()) return asl::Fail(InvalidRequest(statement.syntax_error));
  athena::PrepareOutcome prepared;
  std::string context_database = database.value_or("default");
  bool known_catalog = !catalog || Lower(*catalog) == "awsdatacatalog";
  // ExecutionParameters take the place of the query's `?`s, in order.
  // NONSTANDARD: positions in error messages then count in the substituted text.
  size_t expected_parameters = athena::CountParameters(*query);
  size_t given_parameters = parameters ? parameters->size() : 0;
  bool parameters_match = expected_parameters == given_parameters;
  if (statement.is_select && known_catalog && parameters_match) {
    impl_->vfs.set_now(now);
    std::string sql = parameters ? athena::SubstituteParameters(*query, *parameters) : *query;
    if (!impl_->store->IsCurrent(context_database)) impl_->ParkReplays();
    prepared = impl_->engine->Prepare(sql, context_database);
    if (prepared.syntax_error) return asl::Fail(InvalidRequest(*prepared.syntax_error));
  }

  if (token) {
    auto it = impl_->by_token.find(*token);
    if (it != impl_->by_token.end()) {
      const QueryExecution& first = *it->second;
      if (first.query != *query || first.catalog != catalog || first.database != database ||
          first.request_output_location != output) {
        return asl::Fail(InvalidRequest("Idempotent parameters do not match"));
      }
      asl::Json response = asl::Json::object();
      response["QueryExecutionId"] = first.id;
      return response;
    }
  }

  bool is_dml = statement.statement_type == "DML";
  if (is_dml && !config_.queue_when_busy && ActiveQueries(now) >= config_.max_active_queries) {
    return asl::Fail(athena::TooManyRequests(kTooManyQueries));
  }

  auto execution = std::make_unique<QueryExecution>();
  QueryExecution& q = *execution;
  q.id = NewUuid(impl_->random);
  q.page_token_key = impl_->random.Next();
  q.query = *query;
  q.catalog = catalog;
  q.database = database;
  q.request_output_location = output;
  q.client_request_token = token;
  q.workgroup = workgroup->name;
  q.output_location = ResultFileLocation(location, q.id);
  q.statement = statement;
  q.execution_parameters = parameters;
  q.submitted = now;

  athena::ScanStats scan;
  int64_t result_rows = 0;
  if (!known_catalog) {
    q.failure = athena::UserError(
        fmt::format("CATALOG_NOT_FOUND: Catalog '{}' does not exist", Lower(*catalog)));
    q.failed_in_analysis = true;
  } else if (!parameters_match) {
    q.failure = athena::UserError(fmt::format(
        "INVALID_PARAMETER_USAGE: line 1:1: Incorrect number of parameters: expected {} but "
        "found {}", expected_parameters, given_parameters));
    q.failed_in_analysis = true;
  } else if (!statement.is_select) {
    // NONSTANDARD: the model runs queries only; DDL, DML writes and utility statements fail.
    q.failure = athena::UserError(
        fmt::format("NOT_SUPPORTED: sfnsim's Athena model runs SELECT queries only, not {}",
                    statement.substatement_type.empty() ? std::string("this statement")
                                                        : statement.substatement_type));
    q.failed_in_analysis = true;
  } else if (prepared.failure) {
    q.failure = std::move(prepared.failure);
    q.failed_in_analysis = true;
  } else {
    scan = prepared.prepared->scan;
    auto ran = impl_->engine->Run(*prepared.prepared, config_.kept_result_bytes);
    if (ran.ok()) {
      athena::RunOutput run = std::move(ran).value();
      result_rows = static_cast<int64_t>(run.rows);
      if (run.complete) {
        q.result = std::move(run.table);
      } else {
        q.replayed.emplace(std::move(prepared.prepared->statement), run.table.columns(),
                           std::move(run.formats), run.rows);
        q.context_database = context_database;
      }
    } else {
      q.failure = std::move(ran).error();
    }
  }
  q.durations = athena::ModelDurations(config_, scan, result_rows, q.failed_in_analysis);
  q.data_scanned_bytes = q.failed_in_analysis ? 0 : scan.bytes_scanned;
  SimTime ready = now + config_.queue_time;
  q.started = is_dml ? impl_->SlotStart(ready, config_.max_active_queries, nullptr) : ready;
  q.completed = q.started + Duration{q.durations.engine_ms + q.durations.service_ms};

  if (result_sink_ && !q.failure) {
    if (auto written = athena::WriteResultFiles(q, result_sink_); !written.ok()) {
      q.failure = athena::UserError("GENERIC_INTERNAL_ERROR: " + written.error());
    }
  }

  if (token) impl_->by_token.emplace(*token, &q);
  impl_->by_id.emplace(q.id, &q);
  impl_->queries.push_back(std::move(execution));
  asl::Json response = asl::Json::object();
  response["QueryExecutionId"] = q.id;
  return response;
}

asl::Result<asl::Json, AwsError> AthenaModel::GetQueryExecution(const asl::Json& request,
                                                                SimTime now) {
  if (auto bad = athena::CheckRequestObject(request)) return asl::Fail(*bad);
  athena::RequestReader reader;
  athena::ValidationErrors errors;
  std::string id = TRY(ReadQueryExecutionId(request, reader, errors));
  if (auto error = errors.ToError()) return asl::Fail(*error);
  const QueryExecution* q = impl_->Find(id);
  if (q == nullptr) return asl::Fail(NotFound(id));
  return q->ToJson(now);
}

asl::Result<asl::Json, AwsError> AthenaModel::GetQueryResults(const asl::Json& request,
                                                              SimTime now) {
  if (auto bad = athena::CheckRequestObject(request)) return asl::Fail(*bad);
  athena::RequestReader reader;
  athena::ValidationErrors errors;
  std::optional<int64_t> max_results = reader.Integer(request, "MaxResults");
  std::optional<std::string> next_token = reader.String(request, "NextToken");
  std::string id = TRY(ReadQueryExecutionId(request, reader, errors));
  if (reader.error()) return asl::Fail(*reader.error());
  // Measured order: framework constraints, the id, MaxResults' upper bound, the query's
  // state, then the token.
  if (next_token && athena::ConstraintLength(*next_token) < 1) {
    errors.MinLength("nextToken", 1);
  } else if (next_token && athena::ConstraintLength(*next_token) > kMaxNextTokenLength) {
    errors.MaxLength("nextToken", kMaxNextTokenLength);
  }
  if (max_results && *max_results < 1) errors.MinValue("maxResults", 1);
  if (auto error = errors.ToError()) return asl::Fail(*error);
  QueryExecution* q = impl_->Find(id);
  if (q == nullptr) return asl::Fail(NotFound(id));
  if (max_results && *max_results > kMaxResultsLimit) {
    return asl::Fail(InvalidRequest("MaxResults is more than maximum allowed length 1000"));
  }
  QueryState state = q->StateAt(now);
  switch (state) {
    case QueryState::kQueued:
    case QueryState::kRunning:
      return asl::Fail(InvalidRequest(fmt::format("Query has not yet finished. Current state: {}",
                                                  athena::QueryStateName(state))));
    case QueryState::kFailed:
      return asl::Fail(
          InvalidRequest("Query did not finish successfully. Final query state: FAILED"));
    case QueryState::kCancelled: return asl::Fail(InvalidRequest("Could not find results"));
    case QueryState::kSucceeded: break;
  }
  // A SELECT's first row is the header row (the column names); it counts toward MaxResults.
  size_t total = q->ResultRows() + 1;
  uint64_t offset = 0;
  if (next_token) {
    std::optional<uint64_t> decoded = athena::DecodePageToken(q->page_token_key, *next_token);
    if (!decoded || *decoded > total) {
      return asl::Fail(InvalidRequest("Malformed nextPageToken " + *next_token));
    }
    offset = *decoded;
  }
  size_t limit = static_cast<size_t>(max_results.value_or(kMaxResultsLimit));
  size_t end = std::min(total, static_cast<size_t>(offset) + limit);
  // Measured: a full page carries a NextToken even when no row is left; the next call then
  // returns no rows and no token.
  std::optional<std::string> token;
  if (end - offset == limit) token = athena::EncodePageToken(q->page_token_key, end);
  if (q->result) {
    return athena::ResultPage(*q->result, 0, total - 1, /*with_header_row=*/true,
                              static_cast<size_t>(offset), limit, token);
  }
  // Read again: in the query's database, at the query's virtual time.
  if (!impl_->store->IsCurrent(q->context_database)) impl_->ParkReplays();
  if (auto used = impl_->store->UseDatabase(q->context_database); !used.ok()) {
    return asl::Fail(AwsError{"InternalServerException", used.error(), 500, false});
  }
  SimTime clock = impl_->vfs.now();
  impl_->vfs.set_now(q->submitted);
  size_t first_row = offset == 0 ? 0 : static_cast<size_t>(offset) - 1;
  size_t rows = end - 1 - std::min(end - 1, first_row);
  auto read = q->replayed->Read(first_row, rows);
  impl_->vfs.set_now(clock);
  if (!read.ok()) return asl::Fail(AwsError{"InternalServerException", read.error(), 500, false});
  return athena::ResultPage(*read.value(), first_row, total - 1, /*with_header_row=*/true,
                            static_cast<size_t>(offset), limit, token);
}

asl::Result<asl::Json, AwsError> AthenaModel::StopQueryExecution(const asl::Json& request,
                                                                 SimTime now) {
  if (auto bad = athena::CheckRequestObject(request)) return asl::Fail(*bad);
  athena::RequestReader reader;
  athena::ValidationErrors errors;
  std::string id = TRY(ReadQueryExecutionId(request, reader, errors));
  if (auto error = errors.ToError()) return asl::Fail(*error);
  QueryExecution* q = impl_->Find(id);
  if (q == nullptr) return asl::Fail(NotFound(id));
  // Stopping a finished query succeeds and changes nothing.
  if (!q->IsFinal(now)) {
    q->cancelled_at = now;
    // The slot it held (or would have taken) frees now: queries still queued behind it are
    // scheduled again, first come first served.
    for (const auto& other : impl_->queries) {
      QueryExecution& p = *other;
      if (p.statement.statement_type != "DML" || p.started <= now || p.IsFinal(now)) continue;
      SimTime ready = std::max(p.submitted + config_.queue_time, now);
      p.started = impl_->SlotStart(ready, config_.max_active_queries, &p);
      p.completed = p.started + Duration{p.durations.engine_ms + p.durations.service_ms};
    }
  }
  return asl::Json::object();
}

std::optional<SimTime> AthenaModel::CompletionTime(const std::string& query_execution_id) const {
  const QueryExecution* q = impl_->Find(query_execution_id);
  if (q == nullptr) return std::nullopt;
  return q->FinalTime();
}

std::optional<std::string> AthenaModel::State(const std::string& query_execution_id,
                                              SimTime now) const {
  const QueryExecution* q = impl_->Find(query_execution_id);
  if (q == nullptr) return std::nullopt;
  return std::string(athena::QueryStateName(q->StateAt(now)));
}

int64_t AthenaModel::ActiveQueries(SimTime now) const {
  int64_t active = 0;
  for (const auto& q : impl_->queries) {
    if (q->statement.statement_type == "DML" && !q->IsFinal(now)) ++active;
  }
  return active;
}

std::optional<AthenaBilling> AthenaModel::Billing(const std::string& query_execution_id,
                                                  SimTime now) const {
  const QueryExecution* q = impl_->Find(query_execution_id);
  if (q == nullptr) return std::nullopt;
  AthenaBilling billing;
  billing.data_scanned_bytes = q->DataScannedAt(now);
  // Failed queries are free; a cancelled one is billed for what it scanned.
  if (q->StateAt(now) != QueryState::kFailed) {
    billing.billed_bytes = BilledBytes(billing.data_scanned_bytes);
    billing.cost_usd = athena::CostUsd(billing.billed_bytes, config_.usd_per_tb_scanned);
  }
  return billing;
}

AthenaBilling AthenaModel::TotalBilling(SimTime now) const {
  AthenaBilling total;
  for (const auto& q : impl_->queries) {
    AthenaBilling one = *Billing(q->id, now);
    total.data_scanned_bytes += one.data_scanned_bytes;
    total.billed_bytes += one.billed_bytes;
    total.cost_usd += one.cost_usd;
  }
  return total;
}

int64_t AthenaModel::BilledBytes(int64_t data_scanned_bytes) {
  return athena::BilledBytesFor(data_scanned_bytes);
}

asl::Result<std::vector<std::string>, std::string> AthenaModel::SelectColumn(
    const std::string& sql) const {
  // The scenario file's SQL, prepared as Athena's queries are (sql_authorizer.h): a check
  // cannot ATTACH (create) a file, VACUUM INTO one, set a PRAGMA or change the tables.
  athena::ReadRecorder read_only;  // no store: nothing recorded, only reading allowed
  std::string_view tail;
  auto statement = athena::PrepareReadOnly(impl_->db, sql, &read_only, &tail);
  if (!statement.ok()) {
    if (statement.error().message == "not authorized") {
      return asl::Fail(std::string("not authorized: only a query that reads the tables (SELECT) "
                                   "may run here"));
    }
    return asl::Fail(statement.error().message);
  }
  if (tail.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
    return asl::Fail(std::string("expected one statement; text follows the first one"));
  }
  std::vector<std::string> values;
  for (;;) {
    int rc = statement->Step();
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return asl::Fail(impl_->db.LastError().message);
    values.emplace_back(statement->ColumnText(0));
  }
  return values;
}

}  // namespace sim
