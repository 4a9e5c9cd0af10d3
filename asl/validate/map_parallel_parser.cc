// Parallel and Map states.
// https://states-language.net/spec.html#parallel-state
// https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html
// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html

#include <fmt/format.h>

#include "asl/validate/parser_internal.h"

namespace asl::parser {

namespace {
constexpr size_t kMaxLabelLength = 40;  // AWS: a Map Label is at most 40 characters

// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html (Label): "The
// label can't contain whitespace, bracket characters (< > { } [ ]), wildcard characters (? *),
// special characters (" # % \ ^ | ~ ` $ & , ; : /) or control characters (\u0000-\u001f,
// \u007f-\u009f)". The first offending character, or "" when there is none.
std::string ForbiddenLabelCharacter(std::string_view label) {
  static constexpr std::string_view kForbidden = "<>{}[]?*\"#%\\^|~`$&,;:/";
  for (size_t i = 0; i < label.size(); ++i) {
    unsigned char c = label[i];
    if (c <= 0x20 || c == 0x7f || kForbidden.find(static_cast<char>(c)) != std::string_view::npos) {
      return std::string(1, static_cast<char>(c));
    }
    // U+0080..U+009F (C1 controls) are C2 80..C2 9F in UTF-8.
    if (c == 0xC2 && i + 1 < label.size() && static_cast<unsigned char>(label[i + 1]) <= 0x9F) {
      return std::string(label.substr(i, 2));
    }
  }
  return "";
}

// "\"x\"" for a printable character, "U+0009" for a control or space.
std::string DescribeCharacter(std::string_view c) {
  unsigned char first = c[0];
  if (c.size() == 1 && first > 0x20 && first != 0x7f) return fmt::format("\"{}\"", c);
  unsigned code = c.size() == 1 ? first : ((first & 0x1F) << 6) | (c[1] & 0x3F);
  return fmt::format("U+{:04X}", code);
}

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

void MachineParser::ParseMap(FieldReader& reader, State& state) {
  ParseInputOutput(reader, state, /*parameters=*/false, /*result_path=*/true,
                   /*result_selector=*/true);

  // The item processor: ItemProcessor, or the older Iterator (always INLINE).
  reader.Exclusive({"ItemProcessor", "Iterator"});
  reader.Accept("Iterator");  // reported just above when beside ItemProcessor
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
    // ProcessorConfig in the deprecated Iterator too: AWS accepts it there (recorded in 2024),
    // and LocalStack's ASL grammar reads it as an ItemProcessor's (iterator_decl_item includes
    // processor_config_decl), Mode INLINE or DISTRIBUTED alike.
    if (processor->is_object()) {
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

  // Items and their selection (JSONata: Items and ItemSelector, read with the state's fields).
  if (jsonata()) {
    // Nothing: ItemsPath and Parameters are reported as JSONPath-only fields.
  } else if (const Json* items = reader.Get("ItemsPath")) {
    state.items_path = ParseReferencePath(*items, reader.PointerTo("ItemsPath"),
                                          /*allow_context=*/true, "a reference path string");
  }
  // ItemSelector, or the older Parameters; both are checked when both are (wrongly) there.
  if (!jsonata()) reader.Exclusive({"ItemSelector", "Parameters"});
  std::optional<PayloadTemplate> item_selector =
      jsonata() ? std::nullopt : ParseTemplate(reader, "ItemSelector", TemplateShape::kAny);
  if (jsonata()) {
    // ItemSelector was compiled as a JSONata template into state.arguments.
  } else if (reader.Has("Parameters")) {
    state.parameters = ParseTemplate(reader, "Parameters", TemplateShape::kAny);
    state.item_selector_is_legacy_parameters = true;
  } else {
    state.parameters = std::move(item_selector);
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
  if (const Json* percentage = reader.Get("ToleratedFailurePercentage");
      jsonata() && percentage && JsonataTemplate::IsExpression(*percentage)) {
    // Its value is checked when the Map runs, as ToleratedFailurePercentagePath's is.
    state.tolerated_failure_percentage_expression =
        CompileJsonata(*percentage, reader.PointerTo("ToleratedFailurePercentage"),
                       "ToleratedFailurePercentage");
  } else {
    state.tolerated_failure_percentage = reader.Number("ToleratedFailurePercentage", 0, 100);
  }
  if (!jsonata()) {
    state.tolerated_failure_percentage_path =
        ParsePath(reader, "ToleratedFailurePercentagePath", /*reference_path=*/true, true);
  }
  state.tolerated_failure_count = ParseIntOrPath(reader, "ToleratedFailureCount", 0, kMaxInt32);
  if (auto label = reader.String("Label")) {
    size_t length = 0;
    for (unsigned char c : *label) length += (c & 0xC0) != 0x80;
    if (length > kMaxLabelLength) {
      diagnostics_.Add(DiagnosticCode::kOutOfRange, reader.PointerTo("Label"),
                       fmt::format("Label must be at most {} characters, got {}",
                                   kMaxLabelLength, length));
    }
    if (std::string c = ForbiddenLabelCharacter(*label); !c.empty()) {
      diagnostics_.Add(DiagnosticCode::kInvalidValue, reader.PointerTo("Label"),
                       fmt::format("Label cannot contain {}: whitespace, control characters and "
                                   "< > {{ }} [ ] ? * \" # % \\ ^ | ~ ` $ & , ; : / are not "
                                   "allowed", DescribeCharacter(c)));
    }
    state.label = *label;
  }

  ParseItemReader(reader, state);
  ParseItemBatcher(reader, state);
  ParseResultWriter(reader, state);
  ParseRetry(reader, state);
  ParseCatch(reader, state);
  ParseTransition(reader, state);
}

}  // namespace asl::parser
