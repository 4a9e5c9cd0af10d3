// The Distributed Map's dataset fields: ItemReader, ItemBatcher and ResultWriter. Their shape is
// checked here; the simulator interprets them when it runs the Map.
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

#include "asl/validate/parser_internal.h"

namespace asl::parser {

namespace {

constexpr int64_t kMaxBatchBytes = 262144;   // MaxInputBytesPerBatch: at most 256 KiB
constexpr int64_t kMaxItems = 100000000;     // ReaderConfig MaxItems: at most 100,000,000

// Reads an enumerated string field; reports a value outside `allowed`.
std::optional<std::string> Enum(FieldReader& reader, std::string_view key,
                                std::initializer_list<std::string_view> allowed) {
  std::optional<std::string> value = reader.String(key);
  if (!value) return value;
  if (std::find(allowed.begin(), allowed.end(), *value) != allowed.end()) return value;
  std::string expected;
  for (size_t i = 0; i < allowed.size(); ++i) {
    if (i > 0) expected += i + 1 == allowed.size() ? " or " : ", ";
    expected += allowed.begin()[i];
  }
  reader.diagnostics().Add(DiagnosticCode::kInvalidValue, reader.PointerTo(key),
                           fmt::format("unknown {} \"{}\": expected {}", key, *value, expected));
  return std::nullopt;
}

// The S3 API an ItemReader/ResultWriter Resource names ("getObject"), or "" after reporting a
// Resource that is not one of `apis`.
std::string S3Api(FieldReader& reader, const std::string& arn,
                  std::initializer_list<std::string_view> apis, std::string_view where) {
  auto parsed = ParseTaskResource(arn);
  if (parsed.ok() && parsed->kind == ResourceKind::kOptimized && parsed->service == "s3" &&
      parsed->pattern == IntegrationPattern::kRequestResponse &&
      std::find(apis.begin(), apis.end(), parsed->api) != apis.end()) {
    return parsed->api;
  }
  std::string expected;
  for (std::string_view api : apis) {
    if (!expected.empty()) expected += " or ";
    expected += fmt::format("arn:aws:states:::s3:{}", api);
  }
  reader.diagnostics().Add(DiagnosticCode::kInvalidResource, reader.PointerTo("Resource"),
                           fmt::format("\"{}\" is not a resource {} can use: expected {}", arn,
                                       where, expected));
  return "";
}

void ReportJsonataOnly(FieldReader& reader, std::string_view key) {
  if (!reader.Has(key)) return;
  reader.Accept(key);
  reader.diagnostics().Add(DiagnosticCode::kUnknownField, reader.PointerTo(key),
                           fmt::format("field \"{}\" is only valid with QueryLanguage \"JSONata\"",
                                       key));
}

}  // namespace

void MachineParser::ParseItemReader(FieldReader& reader, State& state) {
  const Json* item_reader = reader.Object("ItemReader");
  if (!item_reader) return;
  state.item_reader = *item_reader;
  FieldReader r(*item_reader, reader.PointerTo("ItemReader"), diagnostics_);
  if (auto resource = r.String("Resource", /*required=*/true)) {
    S3Api(r, *resource, {"getObject", "listObjectsV2"}, "ItemReader");
  }
  // The bucket and key (getObject) or prefix (listObjectsV2) to read.
  if (jsonata()) {
    if (!r.Has("Arguments")) r.Missing("Arguments");
    ParseJsonata(r, "Arguments");
  } else {
    if (r.Get("Parameters")) ParseTemplate(r, "Parameters", TemplateShape::kObject);
    else if (!r.Has("Arguments")) r.Missing("Parameters");
    ReportJsonataOnly(r, "Arguments");
  }

  if (const Json* config = r.Object("ReaderConfig")) {
    FieldReader c(*config, r.PointerTo("ReaderConfig"), diagnostics_);
    Enum(c, "InputType", {"CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"});
    if (auto location = Enum(c, "CSVHeaderLocation", {"FIRST_ROW", "GIVEN"})) {
      if (*location == "GIVEN" && !c.Has("CSVHeaders")) c.Missing("CSVHeaders");
    }
    if (const Json* headers = c.Array("CSVHeaders")) {
      if (headers->empty()) {
        diagnostics_.Add(DiagnosticCode::kInvalidValue, c.PointerTo("CSVHeaders"),
                         "CSVHeaders must name at least one column");
      }
      for (size_t i = 0; i < headers->size(); ++i) {
        if (!(*headers)[i].is_string()) {
          diagnostics_.Add(DiagnosticCode::kWrongType,
                           PointerJoin(c.PointerTo("CSVHeaders"), i),
                           fmt::format("expected a string, got {}", DescribeValue((*headers)[i])));
        }
      }
    }
    Enum(c, "CSVDelimiter", {"COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"});
    Enum(c, "ManifestType", {"S3_INVENTORY", "ATHENA_DATA"});
    Enum(c, "Transformation", {"NONE", "LOAD_AND_FLATTEN"});
    c.String("ItemsPointer");
    c.Exclusive({"MaxItems", "MaxItemsPath"});
    c.Integer("MaxItems", 0, kMaxItems);
    ParsePath(c, "MaxItemsPath", /*reference_path=*/true, /*allow_context=*/true);
    c.ReportUnknown("ReaderConfig");
  }
  r.ReportUnknown("ItemReader");
}

void MachineParser::ParseItemBatcher(FieldReader& reader, State& state) {
  const Json* batcher = reader.Object("ItemBatcher");
  if (!batcher) return;
  ItemBatcher& out = state.item_batcher.emplace();
  FieldReader b(*batcher, reader.PointerTo("ItemBatcher"), diagnostics_);
  out.max_items = ParseIntOrPath(b, "MaxItemsPerBatch", 1, kMaxInt32);
  out.max_bytes = ParseIntOrPath(b, "MaxInputBytesPerBatch", 1, kMaxBatchBytes);
  if (!b.Has("MaxItemsPerBatch") && !b.Has("MaxItemsPerBatchPath") &&
      !b.Has("MaxInputBytesPerBatch") && !b.Has("MaxInputBytesPerBatchPath")) {
    diagnostics_.Add(DiagnosticCode::kMissingField, b.pointer(),
                     "ItemBatcher needs \"MaxItemsPerBatch\", \"MaxItemsPerBatchPath\", "
                     "\"MaxInputBytesPerBatch\" or \"MaxInputBytesPerBatchPath\"");
  }
  if (jsonata()) {
    // BatchInput: any JSON value, "{% … %}" expressions anywhere in it, over $states.input.
    out.batch_input_jsonata = ParseJsonata(b, "BatchInput");
  } else {
    out.batch_input = ParseTemplate(b, "BatchInput", TemplateShape::kAny);
  }
  b.ReportUnknown("ItemBatcher");
}

void MachineParser::ParseResultWriter(FieldReader& reader, State& state) {
  const Json* writer = reader.Object("ResultWriter");
  if (!writer) return;
  state.result_writer = *writer;
  FieldReader w(*writer, reader.PointerTo("ResultWriter"), diagnostics_);
  // Resource and Parameters export the results to S3; WriterConfig alone only shapes them.
  if (auto resource = w.String("Resource")) {
    S3Api(w, *resource, {"putObject"}, "ResultWriter");
    if (!w.Has("Parameters") && !w.Has("Arguments")) w.Missing("Parameters");
  }
  if (jsonata()) {
    if (w.Has("Arguments") && !w.Has("Resource")) w.Missing("Resource");
    ParseJsonata(w, "Arguments");
  } else {
    if (w.Get("Parameters")) {
      ParseTemplate(w, "Parameters", TemplateShape::kObject);
      if (!w.Has("Resource")) w.Missing("Resource");
    }
    ReportJsonataOnly(w, "Arguments");
  }
  if (const Json* config = w.Object("WriterConfig")) {
    FieldReader c(*config, w.PointerTo("WriterConfig"), diagnostics_);
    Enum(c, "OutputType", {"JSON", "JSONL"});
    Enum(c, "Transformation", {"NONE", "COMPACT", "FLATTEN"});
    c.ReportUnknown("WriterConfig");
  }
  if (!w.Has("Resource") && !w.Has("Parameters") && !w.Has("Arguments") &&
      !w.Has("WriterConfig")) {
    diagnostics_.Add(DiagnosticCode::kMissingField, w.pointer(),
                     "ResultWriter needs \"Resource\" and \"Parameters\", or \"WriterConfig\"");
  }
  w.ReportUnknown("ResultWriter");
}

}  // namespace asl::parser
