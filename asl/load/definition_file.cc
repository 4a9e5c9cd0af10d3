#include "asl/load/definition_file.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "asl/load/json_text.h"
#include "asl/load/substitutions.h"

namespace asl {

namespace {

// Pointers of the strings and keys of `value` that still hold `${Name}` placeholders, with their
// names.
void CollectPlaceholders(const Json& value, const std::string& pointer,
                         std::map<std::string, std::set<std::string>>* out) {
  auto record = [&](std::string_view text, const std::string& at) {
    if (text.find("${") == std::string_view::npos) return;
    for (const PlaceholderUse& use : FindPlaceholders(text)) (*out)[at].insert(use.name);
  };
  if (value.is_string()) {
    record(value.get_ref<const std::string&>(), pointer);
  } else if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      std::string member = PointerJoin(pointer, it.key());
      record(it.key(), member);
      CollectPlaceholders(it.value(), member, out);
    }
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) {
      CollectPlaceholders(value[i], PointerJoin(pointer, i), out);
    }
  }
}

// A validation problem in a value that still holds a `${Name}` placeholder is most likely the
// placeholder's doing (a Resource "${FunctionArn}" is not an ARN): say so, and how to give it a
// value. Issue 16 (21): a third of public definitions are written with placeholders.
using PlaceholderUses = std::map<std::string, std::set<std::string>>;
void NotePlaceholders(const LoadedDefinition& loaded, const PlaceholderUses& uses,
                      Diagnostic& diagnostic) {
  const std::string& at = diagnostic.pointer;
  for (const auto& [pointer, names] : uses) {
    bool inside = at == pointer || (at.size() > pointer.size() && at.starts_with(pointer) &&
                                    at[pointer.size()] == '/');
    if (!inside) continue;
    const std::string& name = *names.begin();
    bool plain = loaded.format == DefinitionFormat::kJson ||
                 loaded.format == DefinitionFormat::kYaml;
    diagnostic.message += plain
        ? fmt::format(" (the value holds ${{{}}}, a DefinitionSubstitutions placeholder with no "
                      "value: {})",
                      name, HowToSupply(name))
        : fmt::format(" (the value holds ${{{}}}, which the template's DefinitionSubstitutions "
                      "do not declare: declare it, or {})",
                      name, HowToSupply(name));
    return;
  }
}

}  // namespace

bool DefinitionFile::InvalidDefinition() const {
  if (valid() || !readable) return false;
  if (parsed.diagnostics.HasErrors()) return true;
  bool any_error = false;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity != Severity::kError) continue;
    any_error = true;
    bool duplicate_key = d.code == DiagnosticCode::kSyntaxError &&
                         d.message.starts_with(kDuplicateKeyMessage);
    if (d.code != DiagnosticCode::kNotAnObject && !duplicate_key &&
        d.code != DiagnosticCode::kDefinitionTooLarge) {
      return false;
    }
  }
  return any_error;
}

DefinitionFile ReadDefinitionFile(const std::string& path, const LoadOptions& options,
                                  const std::string& type_override) {
  DefinitionFile file;
  file.path = path;
  auto loaded = LoadDefinitionFile(path, options);
  if (!loaded.ok()) {
    SourceMap source;
    source.file = path;
    for (const Diagnostic& d : loaded.error().items()) {
      if (d.code == DiagnosticCode::kUnreadableFile) file.readable = false;
      file.diagnostics.push_back(d);
      file.messages.push_back(FormatDiagnostic(d, source));
    }
    return file;
  }
  file.loaded = std::move(loaded.value());
  // The loader's warnings (a placeholder left as written, ...) come first, located like errors.
  for (const Diagnostic& d : file.loaded.warnings.items()) {
    file.diagnostics.push_back(d);
    file.messages.push_back(FormatDiagnostic(d, file.loaded.source));
  }
  std::string type = type_override.empty() ? file.loaded.state_machine_type : type_override;
  file.express = type == "EXPRESS";
  ParseOptions parse_options;
  parse_options.express = file.express;
  file.parsed = ParseDefinition(file.loaded.definition, parse_options);
  PlaceholderUses uses;
  if (!file.parsed.diagnostics.items().empty()) {
    CollectPlaceholders(file.loaded.definition, "", &uses);
  }
  for (Diagnostic d : file.parsed.diagnostics.items()) {
    NotePlaceholders(file.loaded, uses, d);
    file.diagnostics.push_back(d);
    file.messages.push_back(FormatDiagnostic(d, file.loaded.source));
  }
  return file;
}

}  // namespace asl
