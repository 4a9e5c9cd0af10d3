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

// The parsed ItemReader/ResultWriter Resource ("arn:aws:states:::s3:getObject"), or nothing
// after reporting a Resource that is not one of `apis`.
std::optional<TaskResource> S3Api(FieldReader& reader, const std::string& arn,
                                  std::initializer_list<std::string_view> apis,
                                  std::string_view where) {
  auto parsed = ParseTaskResource(arn);
  if (parsed.ok() && parsed->kind == ResourceKind::kOptimized && parsed->service == "s3" &&
      parsed->pattern == IntegrationPattern::kRequestResponse &&
      std::find(apis.begin(), apis.end(), parsed->api) != apis.end()) {
    return std::move(*parsed);
  }
  std::string expected;
  for (std::string_view api : apis) {
    if (!expected.empty()) expected += " or ";
    expected += fmt::format("arn:aws:states:::s3:{}", api);
  }
  reader.diagnostics().Add(DiagnosticCode::kInvalidResource, reader.PointerTo("Resource"),
                           fmt::format("\"{}\" is not a resource {} can use: expected {}", arn,
                                       where, expected));
  return std::nullopt;
}

ItemReader::Input InputType(const std::string& name) {
  if (name == "JSON") return ItemReader::Input::kJson;
  if (name == "JSONL") return ItemReader::Input::kJsonl;
  if (name == "CSV") return ItemReader::Input::kCsv;
  if (name == "MANIFEST") return ItemReader::Input::kManifest;
  return ItemReader::Input::kParquet;
}

char Delimiter(const std::string& name) {
  if (name == "PIPE") return '|';
  if (name == "SEMICOLON") return ';';
  if (name == "SPACE") return ' ';
  if (name == "TAB") return '\t';
  return ',';
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
  ItemReader out;
  bool complete = true;
  FieldReader r(*item_reader, reader.PointerTo("ItemReader"), diagnostics_);
  if (auto resource = r.String("Resource", /*required=*/true)) {
    auto parsed = S3Api(r, *resource, {"getObject", "listObjectsV2"}, "ItemReader");
    if (parsed) out.resource = std::move(*parsed);
    else complete = false;
  } else {
    complete = false;
  }
  // The bucket and key (getObject) or prefix (listObjectsV2) to read.
  if (jsonata()) {
    if (!r.Has("Arguments")) r.Missing("Arguments");
    out.arguments = ParseJsonata(r, "Arguments");
  } else {
    if (r.Get("Parameters")) out.parameters = ParseTemplate(r, "Parameters", TemplateShape::kObject);
    else if (!r.Has("Arguments")) r.Missing("Parameters");
    ReportJsonataOnly(r, "Arguments");
  }

  bool get_object = out.resource.api == "getObject";
  bool has_input_type = false;
  if (const Json* config = r.Object("ReaderConfig")) {
    FieldReader c(*config, r.PointerTo("ReaderConfig"), diagnostics_);
    if (auto type = Enum(c, "InputType", {"CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"})) {
      out.input = InputType(*type);
      has_input_type = true;
    }
    if (auto location = Enum(c, "CSVHeaderLocation", {"FIRST_ROW", "GIVEN"})) {
      if (*location == "GIVEN" && !c.Has("CSVHeaders")) c.Missing("CSVHeaders");
      out.csv_headers_given = *location == "GIVEN";
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
        } else {
          out.csv_headers.push_back((*headers)[i].get<std::string>());
        }
      }
    }
    if (auto delimiter = Enum(c, "CSVDelimiter", {"COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"})) {
      out.csv_delimiter = Delimiter(*delimiter);
    }
    if (auto manifest = Enum(c, "ManifestType", {"S3_INVENTORY", "ATHENA_DATA"})) {
      out.manifest = *manifest == "ATHENA_DATA" ? ItemReader::Manifest::kAthenaData
                                                : ItemReader::Manifest::kS3Inventory;
    }
    if (auto transformation = Enum(c, "Transformation", {"NONE", "LOAD_AND_FLATTEN"})) {
      out.load_and_flatten = *transformation == "LOAD_AND_FLATTEN";
    }
    if (auto pointer = c.String("ItemsPointer")) out.items_pointer = *pointer;
    out.max_items = ParseIntOrPath(c, "MaxItems", 0, kMaxItems);
    c.ReportUnknown("ReaderConfig");
  }
  // getObject without an InputType reads JSON (assumed, as LocalStack does; not recorded).
  if ((get_object || out.load_and_flatten) && !has_input_type) {
    out.input = ItemReader::Input::kJson;
  }
  // listObjectsV2 lists objects: its items are the objects' descriptions, or with
  // LOAD_AND_FLATTEN the items of each object, read as InputType says.
  if (!get_object && !out.load_and_flatten) out.input = ItemReader::Input::kListing;
  r.ReportUnknown("ItemReader");
  if (complete) state.reader = std::move(out);
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
  ResultWriter out;
  FieldReader w(*writer, reader.PointerTo("ResultWriter"), diagnostics_);
  // Resource and Parameters export the results to S3; WriterConfig alone only shapes them.
  if (auto resource = w.String("Resource")) {
    out.resource = S3Api(w, *resource, {"putObject"}, "ResultWriter");
    if (!w.Has("Parameters") && !w.Has("Arguments")) w.Missing("Parameters");
  }
  if (jsonata()) {
    if (w.Has("Arguments") && !w.Has("Resource")) w.Missing("Resource");
    out.arguments = ParseJsonata(w, "Arguments");
  } else {
    if (w.Get("Parameters")) {
      out.parameters = ParseTemplate(w, "Parameters", TemplateShape::kObject);
      if (!w.Has("Resource")) w.Missing("Resource");
    }
    ReportJsonataOnly(w, "Arguments");
  }
  if (const Json* config = w.Object("WriterConfig")) {
    out.has_config = true;
    FieldReader c(*config, w.PointerTo("WriterConfig"), diagnostics_);
    if (auto type = Enum(c, "OutputType", {"JSON", "JSONL"})) out.jsonl = *type == "JSONL";
    if (auto transformation = Enum(c, "Transformation", {"NONE", "COMPACT", "FLATTEN"})) {
      out.transformation = *transformation == "COMPACT" ? ResultWriter::Transformation::kCompact
                           : *transformation == "FLATTEN" ? ResultWriter::Transformation::kFlatten
                                                           : ResultWriter::Transformation::kNone;
    }
    c.ReportUnknown("WriterConfig");
  }
  if (!w.Has("Resource") && !w.Has("Parameters") && !w.Has("Arguments") &&
      !w.Has("WriterConfig")) {
    diagnostics_.Add(DiagnosticCode::kMissingField, w.pointer(),
                     "ResultWriter needs \"Resource\" and \"Parameters\", or \"WriterConfig\"");
  }
  w.ReportUnknown("ResultWriter");
  state.writer = std::move(out);
}

}  // namespace asl::parser
