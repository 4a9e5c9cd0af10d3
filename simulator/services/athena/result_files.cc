#include "simulator/services/athena/result_files.h"

#include "simulator/services/athena/query_execution.h"

namespace sim::athena {

namespace {

// Whole runs between quotes at once: most values have none.
void AppendQuoted(std::string_view text, std::string& out) {
  out += '"';
  for (size_t quote = text.find('"'); quote != std::string_view::npos; quote = text.find('"')) {
    out.append(text.substr(0, quote + 1));
    out += '"';
    text.remove_prefix(quote + 1);
  }
  out.append(text);
  out += '"';
}

// Rows read back from a replayed result per step: bounded memory for any result size.
constexpr size_t kReplayChunk = 10000;

}  // namespace

std::optional<std::pair<std::string, std::string>> SplitS3Url(std::string_view url) {
  constexpr std::string_view kScheme = "s3://";
  if (url.substr(0, kScheme.size()) != kScheme) return std::nullopt;
  std::string_view rest = url.substr(kScheme.size());
  size_t slash = rest.find('/');
  std::string bucket(rest.substr(0, slash));
  if (bucket.empty()) return std::nullopt;
  std::string key = slash == std::string_view::npos ? "" : std::string(rest.substr(slash + 1));
  return std::make_pair(std::move(bucket), std::move(key));
}

void AppendCsvHeader(const std::vector<ResultColumn>& columns, std::string& out) {
  for (size_t c = 0; c < columns.size(); ++c) {
    if (c > 0) out += ',';
    AppendQuoted(columns[c].name, out);
  }
  out += '\n';
}

void AppendCsvRows(const ResultTable& rows, std::string& out) {
  size_t columns = rows.columns().size();
  for (size_t r = 0; r < rows.row_count(); ++r) {
    for (size_t c = 0; c < columns; ++c) {
      if (c > 0) out += ',';
      if (!rows.IsNull(r, c)) AppendQuoted(rows.Cell(r, c), out);
    }
    out += '\n';
  }
}

asl::Status<std::string> WriteResultFiles(QueryExecution& q, const AthenaResultSink& sink) {
  auto location = SplitS3Url(q.output_location);
  if (!location) return asl::Fail("not an S3 location: " + q.output_location);
  const std::vector<ResultColumn>* columns = nullptr;
  std::string csv;
  if (q.result) {
    columns = &q.result->columns();
    csv.reserve(q.result->text_bytes() + q.result->row_count() * (columns->size() * 3 + 1) + 64);
    AppendCsvHeader(*columns, csv);
    AppendCsvRows(*q.result, csv);
  } else if (q.replayed) {
    columns = &q.replayed->columns();
    AppendCsvHeader(*columns, csv);
    for (size_t first = 0; first < q.replayed->row_count(); first += kReplayChunk) {
      auto rows = q.replayed->Read(first, kReplayChunk);
      if (!rows.ok()) return asl::Fail(rows.error());
      AppendCsvRows(**rows, csv);
    }
    q.replayed->Park();
  } else {
    return asl::Fail(std::string("the query has no result"));
  }
  // NONSTANDARD: Athena's .metadata file is a binary (protobuf) description of the columns;
  // sfnsim writes the same facts as JSON (docs/world.md, "S3").
  asl::Json metadata = asl::Json::object();
  metadata["ColumnInfo"] = ColumnInfoJson(*columns);
  metadata["Rows"] = q.ResultRows();
  sink.write(location->first, location->second, std::move(csv), q.completed, "text/csv");
  sink.write(location->first, location->second + ".metadata", asl::Dump(metadata), q.completed,
             "application/octet-stream");
  return {};
}

}  // namespace sim::athena
