#include "asl/load/definition_loader.h"

#include <fmt/format.h>

#include "asl/load/cloudformation.h"
#include "asl/load/definition_text.h"
#include "asl/load/json_text.h"
#include "asl/load/source_text.h"
#include "asl/load/substitutions.h"
#include "asl/load/yaml_to_json.h"
#include "asl/base/number_text.h"
#include "asl/base/utf8.h"

namespace asl {

namespace {

// A definition that is not a template: user values apply to its `${Name}` placeholders (there
// is no DefinitionSubstitutions to declare them).
std::optional<Json> LoadPlainDefinition(std::string_view text, TextSyntax syntax,
                                        Result<ParsedDocument, TextErrors>* parsed,
                                        const LoadOptions& options, LoadedDefinition* loaded,
                                        DiagnosticList* diagnostics) {
  loaded->format = syntax == TextSyntax::kJson ? DefinitionFormat::kJson : DefinitionFormat::kYaml;
  // Only about a document that parsed and is not a template: a text that does not parse may
  // well be a template.
  if (!options.logical_id.empty() && parsed->ok()) {
    // About the file as a whole, so no line.
    diagnostics->Add({DiagnosticCode::kTemplateUnknownLogicalId, Severity::kWarning, "",
                      fmt::format("the logical id {} is ignored: this is a definition, not a "
                                  "template",
                                  Quoted(options.logical_id)),
                      loaded->source.file});
  }
  if (parsed->ok() && FindPlaceholders(text).empty()) {
    if (syntax == TextSyntax::kJson) loaded->definition_characters = CodePoints(text);
    loaded->source.lines = std::move((*parsed)->lines);
    return std::move((*parsed)->value);
  }
  SubstitutionTable table;
  for (const auto& [name, value] : options.substitutions) table[name].value = value;
  for (const PlaceholderUse& use : FindPlaceholders(text)) {
    if (auto it = options.substitutions.find(use.name); it != options.substitutions.end()) {
      loaded->substitutions_used[use.name] = it->second;
    }
  }
  std::string resolved;
  std::optional<Json> definition = ResolveDefinitionText(
      text, syntax, table, UndeclaredPlaceholders::kNoValue, &loaded->source, diagnostics,
      &resolved);
  if (syntax == TextSyntax::kJson) loaded->definition_characters = CodePoints(resolved);
  return definition;
}

// AWS refuses a definition over kMaxDefinitionCharacters; so does sfnsim, where the definition
// is written (the file, or the template's definition property).
void CheckDefinitionSize(LoadedDefinition& loaded, DiagnosticList& diagnostics) {
  size_t characters = loaded.definition_characters;
  if (characters == 0) characters = CodePoints(loaded.resolved_text);
  loaded.definition_characters = characters;
  if (characters <= kMaxDefinitionCharacters) return;
  diagnostics.Add(DiagnosticAt(
      loaded.source, DiagnosticCode::kDefinitionTooLarge, "",
      fmt::format("the definition is {} characters long{}; AWS accepts at most {} "
                  "(CreateStateMachine's definition: \"Maximum length of 1048576\"; the "
                  "service quota \"Maximum size of state machine definition\" is 1 MB, a "
                  "hard quota)",
                  GroupDigits(static_cast<int64_t>(characters)),
                  loaded.format == DefinitionFormat::kYaml ||
                          loaded.format == DefinitionFormat::kCloudFormation ||
                          loaded.format == DefinitionFormat::kSam
                      ? " as the JSON AWS receives"
                      : "",
                  GroupDigits(static_cast<int64_t>(kMaxDefinitionCharacters)))));
}

}  // namespace

Result<LoadedDefinition, DiagnosticList> LoadDefinitionText(std::string_view text,
                                                            const std::string& file_name,
                                                            const LoadOptions& options) {
  if (auto checked = CheckText(text); !checked.ok()) {
    return Fail(TextErrorsIn({checked.error()}, file_name));
  }
  TextSyntax syntax = GuessSyntax(text, file_name);
  TextErrors duplicates;
  Result<ParsedDocument, TextErrors> parsed =
      syntax == TextSyntax::kJson ? ParseJson(text) : ParseYamlKeepingLastKey(text, &duplicates);

  LoadedDefinition loaded;
  loaded.source.file = file_name;
  DiagnosticList diagnostics;
  if (parsed.ok() && !duplicates.empty()) {
    if (IsTemplate(parsed->value)) {
      // CloudFormation keeps the last value of a repeated key: a warning.
      for (const TextError& duplicate : duplicates) {
        diagnostics.Add({DiagnosticCode::kDuplicateTemplateKey, Severity::kWarning,
                         duplicate.pointer, duplicate.message, file_name, duplicate.line,
                         duplicate.column});
      }
    } else {
      // A definition: an error, as ever (the message ends with CloudFormation's rule, which
      // does not apply here).
      TextErrors errors;
      for (TextError duplicate : duplicates) {
        duplicate.message = duplicate.message.substr(0, duplicate.message.find("): ") + 1);
        errors.push_back(std::move(duplicate));
      }
      parsed = Fail(std::move(errors));
    }
  }
  std::optional<Json> definition;
  try {
    if (parsed.ok() && IsTemplate(parsed->value)) {
      definition =
          LoadTemplateDefinition(parsed.value(), file_name, options, &loaded, &diagnostics);
    } else {
      definition = LoadPlainDefinition(text, syntax, &parsed, options, &loaded, &diagnostics);
    }
    if (definition && !definition->is_object()) {
      diagnostics.Add(DiagnosticAt(loaded.source, DiagnosticCode::kNotAnObject, "",
                                   fmt::format("the definition is {}; it must be a JSON object",
                                               TypeWithArticle(*definition))));
    }
  } catch (const std::exception& e) {
    // Nothing above should throw; if something does, it is reported, not propagated.
    diagnostics.Add({DiagnosticCode::kSyntaxError, Severity::kError, "",
                     fmt::format("internal error while loading: {}", e.what()), file_name, 0, 0});
  }
  if (diagnostics.HasErrors() || !definition) return Fail(std::move(diagnostics));
  loaded.definition = std::move(*definition);
  loaded.resolved_text = Dump(loaded.definition);
  CheckDefinitionSize(loaded, diagnostics);
  if (diagnostics.HasErrors()) return Fail(std::move(diagnostics));
  loaded.warnings = std::move(diagnostics);
  return loaded;
}

Result<LoadedDefinition, DiagnosticList> LoadDefinitionFile(const std::string& path,
                                                            const LoadOptions& options) {
  std::string text = TRY(ReadTextFile(path));
  return LoadDefinitionText(text, path, options);
}

}  // namespace asl
