// Parallel and Map states.
// https://states-language.net/spec.html#parallel-state
// https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html
// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html

#include <fmt/format.h>

#include "asl/validate/parser_internal.h"

namespace asl::parser {

namespace {
constexpr int64_t kMaxInt32 = 2147483647;
constexpr size_t kMaxLabelLength = 40;  // AWS: a Map Label is at most 40 characters
constexpr int64_t kMaxBatchBytes = 262144;
}  // namespace

void MachineParser::ParseParallel(FieldReader& reader, State& state) {
  ParseInputOutput(reader, state, /*parameters=*/true, /*result_path=*/true,
                   /*result_selector=*/true);
  if (const Json* branches = reader.Array("Branches", /*required=*/true)) {
    if (branches->empty()) {
      diagnostics_.Add(DiagnosticCode::kInvalidValue, reader.PointerTo("Branches"),
                       "Branches must contain at least one branch");
    }
    for (size_t i = 0; i < branches->size(); ++i) {
      state.branches.push_back(ParseMachine((*branches)[i],
                                            PointerJoin(reader.PointerTo("Branches"), i),
                                            /*top_level=*/false));
    }
  }
  ParseRetry(reader, state);
  ParseCatch(reader, state);
  ParseTransition(reader, state);
}

namespace {

// Checks the shape of an ItemReader / ItemBatcher / ResultWriter object against the fields AWS
// documents for it; the simulator interprets them when it runs the Map.
void CheckReaderConfig(FieldReader& reader) {
  DiagnosticList& d = reader.diagnostics();
  if (auto input_type = reader.String("InputType")) {
    static const char* kTypes[] = {"CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"};
    bool ok = false;
    for (const char* t : kTypes) ok |= *input_type == t;
    if (!ok) {
      d.Add(DiagnosticCode::kInvalidValue, reader.PointerTo("InputType"),
            fmt::format("unknown InputType \"{}\": expected CSV, JSON, JSONL, MANIFEST or "
                        "PARQUET", *input_type));
    }
  }
  if (auto location = reader.String("CSVHeaderLocation")) {
    if (*location != "FIRST_ROW" && *location != "GIVEN") {
      d.Add(DiagnosticCode::kInvalidValue, reader.PointerTo("CSVHeaderLocation"),
            fmt::format("unknown CSVHeaderLocation \"{}\": expected FIRST_ROW or GIVEN",
                        *location));
    } else if (*location == "GIVEN" && !reader.Has("CSVHeaders")) {
      d.Add(DiagnosticCode::kMissingField, reader.pointer(),
            "CSVHeaderLocation GIVEN needs \"CSVHeaders\"");
    }
  }
  if (const Json* headers = reader.Array("CSVHeaders")) {
    for (size_t i = 0; i < headers->size(); ++i) {
      if (!(*headers)[i].is_string()) {
        d.Add(DiagnosticCode::kWrongType, PointerJoin(reader.PointerTo("CSVHeaders"), i),
              fmt::format("expected a string, got {}", DescribeValue((*headers)[i])));
      }
    }
  }
  reader.Exclusive({"MaxItems", "MaxItemsPath"});
  reader.Integer("MaxItems", 0, 100000000);
  reader.String("MaxItemsPath");
  if (auto delimiter = reader.String("CSVDelimiter")) {
    static const char* kDelimiters[] = {"COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"};
    bool ok = false;
    for (const char* t : kDelimiters) ok |= *delimiter == t;
    if (!ok) {
      d.Add(DiagnosticCode::kInvalidValue, reader.PointerTo("CSVDelimiter"),
            fmt::format("unknown CSVDelimiter \"{}\"", *delimiter));
    }
  }
  reader.String("ManifestType");
  reader.ReportUnknown("ReaderConfig");
}

}  // namespace

void MachineParser::ParseMap(FieldReader& reader, State& state) {
  ParseInputOutput(reader, state, /*parameters=*/false, /*result_path=*/true,
                   /*result_selector=*/true);

  // The item processor: ItemProcessor, or the older Iterator (always INLINE).
  reader.Exclusive({"ItemProcessor", "Iterator"});
  const Json* processor = reader.Get("ItemProcessor");
  std::string processor_key = "ItemProcessor";
  if (!processor) {
    processor = reader.Get("Iterator");
    processor_key = "Iterator";
  }
  if (!processor) {
    reader.Missing("ItemProcessor");
  } else {
    std::string processor_pointer = reader.PointerTo(processor_key);
    bool processor_express = express_;
    if (processor->is_object() && processor_key == "ItemProcessor") {
      if (auto config_it = processor->find("ProcessorConfig"); config_it != processor->end()) {
        FieldReader config(*config_it, PointerJoin(processor_pointer, "ProcessorConfig"),
                           diagnostics_);
        if (!config_it->is_object()) {
          diagnostics_.Add(DiagnosticCode::kWrongType, config.pointer(),
                           fmt::format("expected an object, got {}", DescribeValue(*config_it)));
        } else {
          if (auto mode = config.String("Mode")) {
            if (*mode == "DISTRIBUTED") state.map_mode = MapMode::kDistributed;
            else if (*mode != "INLINE") {
              diagnostics_.Add(DiagnosticCode::kInvalidValue, config.PointerTo("Mode"),
                               fmt::format("unknown Mode \"{}\": expected INLINE or DISTRIBUTED",
                                           *mode));
            }
          }
          if (auto type = config.String("ExecutionType")) {
            if (*type != "STANDARD" && *type != "EXPRESS") {
              diagnostics_.Add(DiagnosticCode::kInvalidValue, config.PointerTo("ExecutionType"),
                               fmt::format("unknown ExecutionType \"{}\": expected STANDARD or "
                                           "EXPRESS", *type));
            } else if (state.map_mode != MapMode::kDistributed) {
              diagnostics_.Add(DiagnosticCode::kMapConfig, config.PointerTo("ExecutionType"),
                               "ExecutionType is only valid with Mode DISTRIBUTED");
            }
            state.processor_execution_type = *type;
          } else if (state.map_mode == MapMode::kDistributed) {
            diagnostics_.Add(DiagnosticCode::kMissingField, config.pointer(),
                             "Mode DISTRIBUTED needs \"ExecutionType\" (STANDARD or EXPRESS)");
          }
          config.ReportUnknown("ProcessorConfig");
        }
      }
    }
    if (state.map_mode == MapMode::kDistributed) {
      processor_express = state.processor_execution_type == "EXPRESS";
      if (express_ && state.processor_execution_type == "STANDARD") {
        diagnostics_.Add(DiagnosticCode::kExpressIncompatible, processor_pointer,
                         "an EXPRESS state machine cannot run STANDARD child workflows");
      }
    }
    bool saved_express = express_;
    express_ = processor_express;
    state.processor = ParseMachine(*processor, processor_pointer, /*top_level=*/false,
                                   {"ProcessorConfig"});
    express_ = saved_express;
  }

  // Items and their selection.
  if (const Json* items = reader.Get("ItemsPath")) {
    if (!items->is_string()) {
      reader.WrongType("ItemsPath", "a reference path string", *items);
    } else {
      auto parsed = ReferencePath::Parse(items->get<std::string>(), /*allow_context=*/true);
      if (!parsed.ok()) {
        diagnostics_.Add(DiagnosticCode::kInvalidReferencePath, reader.PointerTo("ItemsPath"),
                         parsed.error());
      } else {
        state.items_path = std::move(parsed.value());
      }
    }
  }
  reader.Exclusive({"ItemSelector", "Parameters"});
  if (reader.Has("Parameters")) {
    state.parameters = ParseTemplate(reader, "Parameters");
    state.item_selector_is_legacy_parameters = true;
  } else {
    state.parameters = ParseTemplate(reader, "ItemSelector");
  }
  state.max_concurrency = ParseIntOrPath(reader, "MaxConcurrency", 0, kMaxInt32);

  bool distributed = state.map_mode == MapMode::kDistributed;
  auto distributed_only = [&](std::string_view key) {
    if (!distributed && reader.Has(key)) {
      diagnostics_.Add(DiagnosticCode::kMapConfig, reader.PointerTo(key),
                       fmt::format("\"{}\" is only valid in a Map with ProcessorConfig Mode "
                                   "DISTRIBUTED", key));
    }
  };
  for (const char* key : {"ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
                          "ToleratedFailureCount", "ToleratedFailureCountPath", "ItemReader",
                          "ItemBatcher", "ResultWriter", "Label"}) {
    distributed_only(key);
  }
  reader.Exclusive({"ToleratedFailurePercentage", "ToleratedFailurePercentagePath"});
  state.tolerated_failure_percentage = reader.Number("ToleratedFailurePercentage", 0, 100);
  state.tolerated_failure_percentage_path =
      ParsePath(reader, "ToleratedFailurePercentagePath", /*reference_path=*/true, true);
  state.tolerated_failure_count = ParseIntOrPath(reader, "ToleratedFailureCount", 0, kMaxInt32);
  if (auto label = reader.String("Label")) {
    size_t length = 0;
    for (unsigned char c : *label) length += (c & 0xC0) != 0x80;
    if (length > kMaxLabelLength) {
      diagnostics_.Add(DiagnosticCode::kOutOfRange, reader.PointerTo("Label"),
                       fmt::format("Label must be at most {} characters, got {}",
                                   kMaxLabelLength, length));
    }
    state.label = *label;
  }

  if (const Json* item_reader = reader.Object("ItemReader")) {
    state.item_reader = *item_reader;
    FieldReader r(*item_reader, reader.PointerTo("ItemReader"), diagnostics_);
    if (auto resource = r.String("Resource", /*required=*/true)) {
      auto parsed = ParseTaskResource(*resource);
      if (!parsed.ok()) {
        diagnostics_.Add(DiagnosticCode::kInvalidResource, r.PointerTo("Resource"),
                         parsed.error());
      }
    }
    if (const Json* config = r.Object("ReaderConfig")) {
      FieldReader c(*config, r.PointerTo("ReaderConfig"), diagnostics_);
      CheckReaderConfig(c);
    }
    if (r.Has("Parameters")) ParseTemplate(r, "Parameters");
    if (r.Has("Arguments")) r.Accept("Arguments");
    r.ReportUnknown("ItemReader");
  }
  if (const Json* batcher = reader.Object("ItemBatcher")) {
    state.item_batcher = *batcher;
    FieldReader b(*batcher, reader.PointerTo("ItemBatcher"), diagnostics_);
    b.Exclusive({"MaxItemsPerBatch", "MaxItemsPerBatchPath"});
    b.Exclusive({"MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"});
    b.Integer("MaxItemsPerBatch", 1, kMaxInt32);
    ParsePath(b, "MaxItemsPerBatchPath", true, true);
    b.Integer("MaxInputBytesPerBatch", 1, kMaxBatchBytes);
    ParsePath(b, "MaxInputBytesPerBatchPath", true, true);
    if (!b.Has("MaxItemsPerBatch") && !b.Has("MaxItemsPerBatchPath") &&
        !b.Has("MaxInputBytesPerBatch") && !b.Has("MaxInputBytesPerBatchPath")) {
      diagnostics_.Add(DiagnosticCode::kMissingField, b.pointer(),
                       "ItemBatcher needs MaxItemsPerBatch(Path) or MaxInputBytesPerBatch(Path)");
    }
    if (b.Has("BatchInput")) ParseTemplate(b, "BatchInput");
    b.ReportUnknown("ItemBatcher");
  }
  if (const Json* writer = reader.Object("ResultWriter")) {
    state.result_writer = *writer;
    FieldReader w(*writer, reader.PointerTo("ResultWriter"), diagnostics_);
    if (auto resource = w.String("Resource")) {
      auto parsed = ParseTaskResource(*resource);
      if (!parsed.ok()) {
        diagnostics_.Add(DiagnosticCode::kInvalidResource, w.PointerTo("Resource"),
                         parsed.error());
      }
    }
    if (w.Has("Parameters")) ParseTemplate(w, "Parameters");
    w.Object("WriterConfig");
    w.ReportUnknown("ResultWriter");
  }
  ParseRetry(reader, state);
  ParseCatch(reader, state);
  ParseTransition(reader, state);
}

}  // namespace asl::parser
