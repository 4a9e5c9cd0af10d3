#include "asl/load/cloudformation.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "asl/base/utf8.h"
#include "asl/load/cfn_intrinsics.h"
#include "asl/load/definition_text.h"
#include "asl/load/substitutions.h"

namespace asl {

namespace {

const Json* Member(const Json& object, const std::string& key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

bool IsStateMachineType(const Json& resource) {
  const Json* type = Member(resource, "Type");
  return type != nullptr && (*type == kCfnStateMachineType || *type == kSamStateMachineType);
}

// Everything about the chosen resource that the definition properties need.
struct Context {
  const ParsedDocument& parsed;
  const std::string& file_name;
  const LoadOptions& options;
  const IntrinsicResolver& resolver;
  SourceMap template_source;  // the template itself, no prefix
  DiagnosticList* diagnostics;

  void Error(DiagnosticCode code, const std::string& pointer, std::string message) const {
    diagnostics->Add(DiagnosticAt(template_source, code, pointer, std::move(message)));
  }
  void Report(const UnresolvedList& problems) const {
    for (const Unresolved& problem : problems) {
      Error(problem.code, problem.pointer, problem.Message());
    }
  }
  // A template value as text, resolving functions; problems are reported.
  std::optional<std::string> Text(const Json& value, const std::string& pointer) const {
    auto text = resolver.ResolveText(value, pointer);
    if (!text.ok()) {
      Report(text.error());
      return std::nullopt;
    }
    return std::move(text).value();
  }
};

// The state machine of options.logical_id, or the only one.
std::optional<std::string> ChooseStateMachine(const Context& context) {
  const Json& doc = context.parsed.value;
  std::vector<std::string> ids = ListStateMachines(doc);
  const std::string& wanted = context.options.logical_id;
  std::string where = Member(doc, "Resources") != nullptr ? "/Resources" : "";
  std::string listing = fmt::format("state machines in the template: {}", fmt::join(ids, ", "));
  if (ids.empty()) {
    context.Error(DiagnosticCode::kTemplateNoStateMachine, where,
                  fmt::format("the template declares no {} or {} resource", kCfnStateMachineType,
                              kSamStateMachineType));
    return std::nullopt;
  }
  if (wanted.empty()) {
    if (ids.size() == 1) return ids[0];
    context.Error(DiagnosticCode::kTemplateAmbiguous, where,
                  fmt::format("the template declares {} state machines ({}); pick one by its "
                              "logical id",
                              ids.size(), fmt::join(ids, ", ")));
    return std::nullopt;
  }
  if (std::find(ids.begin(), ids.end(), wanted) != ids.end()) return wanted;
  const Json* other = Member(*Member(doc, "Resources"), wanted);
  if (other != nullptr) {
    const Json* type = Member(*other, "Type");
    context.Error(
        DiagnosticCode::kTemplateUnknownLogicalId, PointerJoin("/Resources", wanted),
        fmt::format("resource {} ({}) is not a state machine; {}", Quoted(wanted),
                    type != nullptr && type->is_string() ? type->get<std::string>() : "no Type",
                    listing));
    return std::nullopt;
  }
  std::string suggestion = SpellCheck(wanted, ids);
  context.Error(
      DiagnosticCode::kTemplateUnknownLogicalId, where,
      fmt::format("no state machine {}{}; {}", Quoted(wanted),
                  suggestion.empty() ? "" : fmt::format(" (did you mean {}?)", Quoted(suggestion)),
                  listing));
  return std::nullopt;
}

// DefinitionSubstitutions: a user value wins, then a literal, then what the template's
// functions give (a parameter's Default, a pseudo parameter); otherwise the reason there is no
// value, reported where the placeholder is used.
SubstitutionTable BuildSubstitutionTable(const Context& context, const Json* declared,
                                         const std::string& pointer, bool user_values_win = true) {
  SubstitutionTable table;
  if (declared == nullptr) return table;
  if (!declared->is_object()) {
    context.Error(DiagnosticCode::kTemplateBadDefinition, pointer,
                  fmt::format("DefinitionSubstitutions must be an object of name: value, not {}",
                              TypeWithArticle(*declared)));
    return table;
  }
  for (const auto& [name, value] : declared->items()) {
    Substitution& substitution = table[name];
    std::string value_pointer = PointerJoin(pointer, name);
    if (auto user = context.options.substitutions.find(name);
        user_values_win && user != context.options.substitutions.end()) {
      substitution.value = user->second;
    } else if (std::optional<std::string> literal = ScalarText(value)) {
      substitution.value = std::move(literal);
    } else if (IntrinsicResolver::IsIntrinsic(value)) {
      auto resolved = context.resolver.ResolveText(value, value_pointer);
      if (resolved.ok()) {
        substitution.value = std::move(resolved).value();
      } else {
        const Unresolved& first = resolved.error().front();
        substitution.why_missing =
            fmt::format("DefinitionSubstitutions gives {}, which {}; supply {} as a substitution "
                        "(-s {}=VALUE or --substitutions FILE)",
                        first.what, first.why, Quoted(name), name);
      }
    } else {
      context.Error(DiagnosticCode::kTemplateBadDefinition, value_pointer,
                    fmt::format("a DefinitionSubstitutions value must be a string, number or "
                                "boolean, not {}",
                                TypeWithArticle(value)));
      substitution.why_missing = fmt::format(
          "its DefinitionSubstitutions value is malformed; supply {} as a "
          "substitution (-s {}=VALUE or --substitutions FILE)",
          Quoted(name), name);
    }
  }
  return table;
}

std::string S3Refusal(const std::string& property, const std::string& location) {
  return fmt::format(
      "{} is in S3 ({}), which sfnsim cannot read; download it and load that "
      "file instead",
      property, location);
}

std::string DescribeS3Object(const Json& location) {
  const Json* bucket = Member(location, "Bucket");
  const Json* key = Member(location, "Key");
  if (bucket != nullptr && key != nullptr && bucket->is_string() && key->is_string()) {
    return fmt::format("s3://{}/{}", bucket->get<std::string>(), key->get<std::string>());
  }
  return "a Bucket and Key";
}

// DefinitionUri of AWS::Serverless::StateMachine: a local file (relative to the template), which
// `sam package` uploads to S3, or an S3 location.
std::optional<Json> LoadDefinitionUri(const Context& context, const Json& uri_json,
                                      const std::string& pointer, const SubstitutionTable& table,
                                      LoadedDefinition* loaded) {
  if (uri_json.is_object() && !IntrinsicResolver::IsIntrinsic(uri_json)) {
    context.Error(DiagnosticCode::kTemplateS3Location, pointer,
                  S3Refusal("DefinitionUri", DescribeS3Object(uri_json)));
    return std::nullopt;
  }
  std::optional<std::string> uri = context.Text(uri_json, pointer);
  if (!uri) return std::nullopt;
  if (uri->starts_with("s3://")) {
    context.Error(DiagnosticCode::kTemplateS3Location, pointer, S3Refusal("DefinitionUri", *uri));
    return std::nullopt;
  }
  std::filesystem::path path(*uri);
  if (path.is_relative()) path = std::filesystem::path(context.file_name).parent_path() / path;
  std::string path_text = path.lexically_normal().string();
  if (context.options.check_path) {
    if (std::string refused = context.options.check_path(path_text); !refused.empty()) {
      context.Error(DiagnosticCode::kTemplateDefinitionUri, pointer,
                    fmt::format("DefinitionUri {}: {}", Quoted(*uri), refused));
      return std::nullopt;
    }
  }
  auto text = ReadTextFile(path_text);
  if (!text.ok()) {
    context.Error(DiagnosticCode::kTemplateDefinitionUri, pointer,
                  fmt::format("DefinitionUri {} names no readable file: {}: {}", Quoted(*uri),
                              path_text, text.error().items().front().message));
    return std::nullopt;
  }
  loaded->source = SourceMap{path_text, "", false, {}};
  TextSyntax syntax = GuessSyntax(text.value(), path_text);
  std::string resolved;
  std::optional<Json> definition =
      ResolveDefinitionText(text.value(), syntax, table, UndeclaredPlaceholders::kNotDeclared,
                            &loaded->source, context.diagnostics, &resolved);
  if (syntax == TextSyntax::kJson) loaded->definition_characters = CodePoints(resolved);
  return definition;
}

// Definition (an object, with functions resolved by CloudFormation) or DefinitionString (text).
std::optional<Json> LoadInlineDefinition(const Context& context, const std::string& property,
                                         const Json& value, const std::string& pointer,
                                         const SubstitutionTable& table, LoadedDefinition* loaded) {
  const SourceMap& base = context.template_source;
  if (property == "Definition") {
    // NONSTANDARD: AWS deploys a Definition object with its keys sorted (the resource handler
    // serialises it with Jackson's ORDER_MAP_ENTRIES_BY_KEYS; the SAM translator with
    // json.dumps(sort_keys=True)), which reorders e.g. the output of a Parameters template.
    // sfnsim keeps the order the author wrote.
    UnresolvedList problems;
    Json definition = context.resolver.ResolveTree(value, pointer, &problems);
    context.Report(problems);
    if (!definition.is_object()) {
      context.Error(
          DiagnosticCode::kTemplateBadDefinition, pointer,
          fmt::format("Definition must be an object (the ASL document), not {}{}",
                      TypeWithArticle(definition),
                      definition.is_string() ? "; JSON text goes in DefinitionString" : ""));
      return std::nullopt;
    }
    loaded->source = SourceMap{base.file, pointer, false, base.lines};
    if (!ResolveDefinitionObject(&definition, table, UndeclaredPlaceholders::kNotDeclared,
                                 loaded->source, context.diagnostics) ||
        !problems.empty()) {
      return std::nullopt;
    }
    return definition;
  }
  // DefinitionString: a literal, or functions (Fn::Sub, Fn::Join, ...) giving the text.
  if (!value.is_string() && !IntrinsicResolver::IsIntrinsic(value)) {
    context.Error(DiagnosticCode::kTemplateBadDefinition, pointer,
                  fmt::format("DefinitionString must be a string, not {}{}", TypeWithArticle(value),
                              value.is_object() ? "; an object goes in Definition" : ""));
    return std::nullopt;
  }
  std::optional<std::string> text = context.Text(value, pointer);
  if (!text) return std::nullopt;
  loaded->source = SourceMap{base.file, pointer, true, base.lines};
  std::string resolved;
  std::optional<Json> definition =
      ResolveDefinitionText(*text, TextSyntax::kJson, table, UndeclaredPlaceholders::kNotDeclared,
                            &loaded->source, context.diagnostics, &resolved);
  loaded->definition_characters = CodePoints(resolved);
  return definition;
}

// A property that is text when written literally (or through a Parameter's Default).
std::string OptionalText(const Context& context, const Json& properties, const char* key,
                         const std::string& pointer) {
  const Json* value = Member(properties, key);
  if (value == nullptr) return "";
  auto text = context.resolver.ResolveText(*value, PointerJoin(pointer, key));
  return text.ok() ? std::move(text).value() : "";
}

}  // namespace

bool IsTemplate(const Json& doc) {
  if (!doc.is_object()) return false;
  if (doc.contains("AWSTemplateFormatVersion") || doc.contains("Transform")) return true;
  const Json* resources = Member(doc, "Resources");
  if (resources == nullptr || !resources->is_object()) return false;
  for (const auto& [id, resource] : resources->items()) {
    if (IsStateMachineType(resource)) return true;
  }
  return !doc.contains("StartAt") && !doc.contains("States");
}

std::vector<std::string> ListStateMachines(const Json& doc) {
  std::vector<std::string> ids;
  if (!IsTemplate(doc)) return ids;
  const Json* resources = Member(doc, "Resources");
  if (resources == nullptr || !resources->is_object()) return ids;
  for (const auto& [id, resource] : resources->items()) {
    if (IsStateMachineType(resource)) ids.push_back(id);
  }
  return ids;
}

std::optional<Json> LoadTemplateDefinition(const ParsedDocument& parsed,
                                           const std::string& file_name, const LoadOptions& options,
                                           LoadedDefinition* loaded, DiagnosticList* diagnostics) {
  IntrinsicResolver resolver(parsed.value, options.substitutions);
  Context context{
      parsed,     file_name, options, resolver, SourceMap{file_name, "", false, parsed.lines},
      diagnostics};
  loaded->source = context.template_source;
  std::optional<std::string> id = ChooseStateMachine(context);
  if (!id) return std::nullopt;

  const Json& resource = parsed.value["Resources"][*id];
  bool sam = resource["Type"] == kSamStateMachineType;
  loaded->format = sam ? DefinitionFormat::kSam : DefinitionFormat::kCloudFormation;
  loaded->logical_id = *id;
  std::string properties_pointer = PointerJoin(PointerJoin("/Resources", *id), "Properties");
  static const Json kNoProperties = Json::object();
  const Json* properties = Member(resource, "Properties");
  if (properties == nullptr || !properties->is_object()) {
    if (properties != nullptr) {
      context.Error(
          DiagnosticCode::kTemplateBadDefinition, properties_pointer,
          fmt::format("Properties must be an object, not {}", TypeWithArticle(*properties)));
      return std::nullopt;
    }
    properties = &kNoProperties;
  }
  loaded->state_machine_type =
      OptionalText(context, *properties, sam ? "Type" : "StateMachineType", properties_pointer);
  loaded->state_machine_name =
      OptionalText(context, *properties, sam ? "Name" : "StateMachineName", properties_pointer);

  SubstitutionTable table =
      BuildSubstitutionTable(context, Member(*properties, "DefinitionSubstitutions"),
                             PointerJoin(properties_pointer, "DefinitionSubstitutions"));
  for (const auto& [name, substitution] : table) {
    if (substitution.value) loaded->substitutions_used[name] = *substitution.value;
  }

  // Exactly one definition property.
  std::vector<std::string> kinds =
      sam ? std::vector<std::string>{"Definition", "DefinitionUri"}
          : std::vector<std::string>{"Definition", "DefinitionString", "DefinitionS3Location"};
  std::vector<std::string> present;
  for (const std::string& kind : kinds) {
    if (properties->contains(kind)) present.push_back(kind);
  }
  if (present.size() != 1) {
    // SAM's own messages (samtranslator/model/stepfunctions/generators.py); for
    // AWS::StepFunctions::StateMachine the resource handler's rule, in our words.
    std::string message;
    if (sam && present.empty()) {
      message = "Either 'Definition' or 'DefinitionUri' property must be specified.";
    } else if (sam) {
      message = "Specify either 'Definition' or 'DefinitionUri' property and not both.";
    } else if (present.empty()) {
      message =
          "the state machine has none of Definition, DefinitionString and "
          "DefinitionS3Location; AWS needs exactly one";
    } else {
      message = fmt::format(
          "the state machine has {}; AWS accepts only one of Definition, DefinitionString and "
          "DefinitionS3Location",
          fmt::join(present, " and "));
    }
    context.Error(DiagnosticCode::kTemplateBadDefinition, properties_pointer, message);
    return std::nullopt;
  }
  const std::string& kind = present[0];
  const Json& value = (*properties)[kind];
  std::string pointer = PointerJoin(properties_pointer, kind);
  if (kind == "DefinitionS3Location") {
    context.Error(DiagnosticCode::kTemplateS3Location, pointer,
                  S3Refusal("DefinitionS3Location", DescribeS3Object(value)));
    return std::nullopt;
  }
  if (kind == "DefinitionUri") return LoadDefinitionUri(context, value, pointer, table, loaded);
  return LoadInlineDefinition(context, kind, value, pointer, table, loaded);
}

std::optional<SubstitutionTable> TemplateSubstitutions(const ParsedDocument& parsed,
                                                       const std::string& file_name,
                                                       const LoadOptions& options,
                                                       DiagnosticList* diagnostics) {
  IntrinsicResolver resolver(parsed.value, options.substitutions);
  Context context{
      parsed,     file_name, options, resolver, SourceMap{file_name, "", false, parsed.lines},
      diagnostics};
  std::optional<std::string> id = ChooseStateMachine(context);
  if (!id) return std::nullopt;
  std::string properties_pointer = PointerJoin(PointerJoin("/Resources", *id), "Properties");
  const Json* properties = Member(parsed.value["Resources"][*id], "Properties");
  if (properties == nullptr || !properties->is_object()) return SubstitutionTable{};
  size_t errors_before = diagnostics->items().size();
  SubstitutionTable table = BuildSubstitutionTable(
      context, Member(*properties, "DefinitionSubstitutions"),
      PointerJoin(properties_pointer, "DefinitionSubstitutions"), /*user_values_win=*/false);
  if (diagnostics->items().size() != errors_before) return std::nullopt;
  return table;
}

}  // namespace asl
