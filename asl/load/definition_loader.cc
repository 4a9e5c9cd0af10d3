#include "asl/load/definition_loader.h"

#include <fmt/format.h>

#include "asl/load/cloudformation.h"
#include "asl/load/definition_text.h"
#include "asl/load/json_text.h"
#include "asl/load/source_text.h"
#include "asl/load/substitutions.h"
#include "asl/load/yaml_to_json.h"

namespace asl {

namespace {

// A definition that is not a template: user values apply to its `${Name}` placeholders (there
// is no DefinitionSubstitutions to declare them).
std::optional<Json> LoadPlainDefinition(std::string_view text, TextSyntax syntax,
                                        Result<ParsedDocument, TextErrors>* parsed,
                                        const LoadOptions& options, LoadedDefinition* loaded,
                                        DiagnosticList* diagnostics) {
  loaded->format = syntax == TextSyntax::kJson ? DefinitionFormat::kJson : DefinitionFormat::kYaml;
  if (!options.logical_id.empty()) {
    // About the file as a whole, so no line.
    diagnostics->Add({DiagnosticCode::kTemplateUnknownLogicalId, Severity::kWarning, "",
                      fmt::format("the logical id {} is ignored: this is a definition, not a "
                                  "template",
                                  Quoted(options.logical_id)),
                      loaded->source.file});
  }
  if (parsed->ok() && FindPlaceholders(text).empty()) {
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
  return ResolveDefinitionText(text, syntax, table, UndeclaredPlaceholders::kNoValue,
                               &loaded->source, diagnostics);
}

}  // namespace

Result<LoadedDefinition, DiagnosticList> LoadDefinitionText(std::string_view text,
                                                            const std::string& file_name,
                                                            const LoadOptions& options) {
  if (auto checked = CheckText(text); !checked.ok()) {
    return Fail(TextErrorsIn({checked.error()}, file_name));
  }
  TextSyntax syntax = GuessSyntax(text, file_name);
  Result<ParsedDocument, TextErrors> parsed =
      syntax == TextSyntax::kJson ? ParseJson(text) : ParseYaml(text);

  LoadedDefinition loaded;
  loaded.source.file = file_name;
  DiagnosticList diagnostics;
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
  loaded.warnings = std::move(diagnostics);
  return loaded;
}

Result<LoadedDefinition, DiagnosticList> LoadDefinitionFile(const std::string& path,
                                                            const LoadOptions& options) {
  std::string text = TRY(ReadTextFile(path));
  return LoadDefinitionText(text, path, options);
}

}  // namespace asl
