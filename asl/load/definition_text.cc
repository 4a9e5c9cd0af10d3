#include "asl/load/definition_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <vector>

#include "asl/load/json_text.h"
#include "asl/load/yaml_to_json.h"

namespace asl {

namespace {

SubstitutionValues ValuesOf(const SubstitutionTable& table) {
  SubstitutionValues values;
  for (const auto& [name, substitution] : table) {
    if (substitution.value) values.emplace(name, *substitution.value);
  }
  return values;
}

// Pointers of the keys and strings of `value` that contain `placeholder`, in document order.
void FindUses(const Json& value, const std::string& placeholder, const std::string& pointer,
              std::vector<std::string>* uses) {
  if (value.is_string()) {
    if (value.get_ref<const std::string&>().find(placeholder) != std::string::npos) {
      uses->push_back(pointer);
    }
  } else if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      std::string member_pointer = PointerJoin(pointer, key);
      if (key.find(placeholder) != std::string::npos) uses->push_back(member_pointer);
      FindUses(member, placeholder, member_pointer, uses);
    }
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) {
      FindUses(value[i], placeholder, PointerJoin(pointer, i), uses);
    }
  }
}

std::string MissingMessage(const std::string& name, const Substitution& substitution) {
  return fmt::format("${{{}}} has no value: {}", name, substitution.why_missing);
}

std::string UndeclaredMessage(const std::string& name, UndeclaredPlaceholders undeclared) {
  if (undeclared == UndeclaredPlaceholders::kNotDeclared) {
    if (name.starts_with("AWS::")) {
      // A pseudo parameter: CloudFormation replaces it only inside Fn::Sub (in a DefinitionString
      // written with !Sub, sfnsim resolves it as CloudFormation does); here it is text.
      return fmt::format(
          "${{{0}}} is not declared in DefinitionSubstitutions and is not inside Fn::Sub, so "
          "CloudFormation does not replace it: it stays as written, as on AWS. Write the text "
          "with Fn::Sub, or declare a substitution for it (e.g. Region: !Ref {0}, then "
          "${{Region}})",
          name);
    }
    return fmt::format(
        "${{{}}} is not declared in DefinitionSubstitutions; it stays as written, "
        "as on AWS",
        name);
  }
  return fmt::format("${{{}}} looks like a DefinitionSubstitutions placeholder but has no value, "
                     "so it stays as written and the definition is checked with it; {}",
                     name, HowToSupply(name));
}

// Names of the placeholders of `text` that the table knows without a value (missing) or does
// not know (undeclared), each once, in order of first use.
void ClassifyRemaining(std::string_view text, const SubstitutionTable& table,
                       std::vector<std::string>* missing, std::vector<std::string>* undeclared) {
  for (const PlaceholderUse& use : FindPlaceholders(text)) {
    auto it = table.find(use.name);
    std::vector<std::string>* list = it == table.end() ? undeclared : missing;
    if (it != table.end() && it->second.value) continue;
    if (std::find(list->begin(), list->end(), use.name) == list->end()) list->push_back(use.name);
  }
}

}  // namespace

Diagnostic DiagnosticAt(const SourceMap& source, DiagnosticCode code, const std::string& pointer,
                        std::string message, Severity severity) {
  return {code,
          severity,
          source.FullPointer(pointer),
          std::move(message),
          source.file,
          source.LineOf(pointer),
          0};
}

Diagnostic DiagnosticAtText(const SourceMap& source, DiagnosticCode code, int line, int column,
                            const std::string& pointer, std::string message, Severity severity) {
  if (!source.embedded_string) {
    return {code, severity, pointer, std::move(message), source.file, line, column};
  }
  if (line > 0) {
    std::string_view prefix = source.pointer_prefix;
    std::string_view property = prefix.substr(prefix.rfind('/') + 1);
    message += fmt::format(" (line {}, column {} of the {})", line, column, property);
  }
  return {code,
          severity,
          source.FullPointer(pointer),
          std::move(message),
          source.file,
          source.LineOf(""),
          0};
}

std::optional<Json> ResolveDefinitionText(std::string_view text, TextSyntax syntax,
                                          const SubstitutionTable& table,
                                          UndeclaredPlaceholders undeclared, SourceMap* source,
                                          DiagnosticList* diagnostics,
                                          std::string* resolved_text_out) {
  if (auto checked = CheckText(text); !checked.ok()) {
    const TextError& error = checked.error();
    diagnostics->Add(DiagnosticAtText(*source, DiagnosticCode::kSyntaxError, error.line,
                                      error.column, "", error.message));
    return std::nullopt;
  }
  auto substituted = ReplacePlaceholders(text, ValuesOf(table));
  if (!substituted.ok()) {
    diagnostics->Add(DiagnosticAtText(*source, DiagnosticCode::kBadSubstitutionValue, 0, 0, "",
                                      substituted.error()));
    return std::nullopt;
  }
  const std::string& resolved_text = substituted.value();
  if (resolved_text_out != nullptr) *resolved_text_out = resolved_text;
  std::vector<std::string> missing, not_declared;
  ClassifyRemaining(resolved_text, table, &missing, &not_declared);

  if (resolved_text != text) {
    // A user's value could be anything, e.g. not UTF-8.
    if (auto checked = CheckText(resolved_text); !checked.ok()) {
      const TextError& error = checked.error();
      diagnostics->Add(DiagnosticAtText(*source, DiagnosticCode::kBadSubstitutionValue, error.line,
                                        error.column, "", error.message + " (after substitution)"));
      return std::nullopt;
    }
  }
  auto parsed = syntax == TextSyntax::kJson ? ParseJson(resolved_text) : ParseYaml(resolved_text);
  if (parsed.ok() && !source->embedded_string) source->lines = parsed->lines;

  // Placeholders without a value, where they are used: by pointer when the text parses with
  // them left in, else (a placeholder outside any string) by line and column.
  for (const std::string& name : missing) {
    std::string message = MissingMessage(name, table.at(name));
    if (parsed.ok()) {
      std::vector<std::string> uses;
      FindUses(parsed->value, "${" + name + "}", "", &uses);
      for (const std::string& use : uses) {
        diagnostics->Add(
            DiagnosticAt(*source, DiagnosticCode::kTemplateMissingSubstitution, use, message));
      }
      continue;
    }
    for (const PlaceholderUse& use : FindPlaceholders(resolved_text)) {
      if (use.name != name) continue;
      auto [line, column] = LineColumn(resolved_text, use.offset);
      diagnostics->Add(DiagnosticAtText(*source, DiagnosticCode::kTemplateMissingSubstitution, line,
                                        column, "", message));
    }
  }
  if (!parsed.ok()) {
    // A parse error caused by a placeholder without a value is not a separate problem.
    if (!missing.empty()) return std::nullopt;
    bool changed = resolved_text != text;
    for (const TextError& error : parsed.error()) {
      diagnostics->Add(DiagnosticAtText(
          *source, DiagnosticCode::kSyntaxError, error.line, error.column, error.pointer,
          changed ? error.message + " (after substitution)" : error.message));
    }
    return std::nullopt;
  }
  for (const std::string& name : not_declared) {
    std::vector<std::string> uses;
    FindUses(parsed->value, "${" + name + "}", "", &uses);
    for (const std::string& use : uses) {
      diagnostics->Add(DiagnosticAt(*source, DiagnosticCode::kTemplateMissingSubstitution, use,
                                    UndeclaredMessage(name, undeclared), Severity::kWarning));
    }
  }
  if (!missing.empty()) return std::nullopt;
  return std::move(parsed->value);
}

namespace {

class ObjectSubstituter {
 public:
  ObjectSubstituter(const SubstitutionTable& table, UndeclaredPlaceholders undeclared,
                    const SourceMap& source, DiagnosticList* diagnostics)
      : table_(table),
        values_(ValuesOf(table)),
        undeclared_(undeclared),
        source_(source),
        diagnostics_(diagnostics) {}

  bool ok() const { return ok_; }

  void Walk(Json* value, const std::string& pointer) {
    if (value->is_string()) {
      std::string& text = value->get_ref<std::string&>();
      if (text.find("${") != std::string::npos) text = Substitute(text, pointer);
    } else if (value->is_array()) {
      for (size_t i = 0; i < value->size(); ++i) Walk(&(*value)[i], PointerJoin(pointer, i));
    } else if (value->is_object()) {
      bool keys_change = false;
      for (auto& [key, member] : value->items()) {
        Walk(&member, PointerJoin(pointer, key));
        keys_change = keys_change || key.find("${") != std::string::npos;
      }
      if (keys_change) RenameKeys(value, pointer);
    }
  }

 private:
  // Keys are strings of the serialised JSON too. Rebuilt in order, so renamed keys keep their
  // place.
  void RenameKeys(Json* object, const std::string& pointer) {
    Json renamed = Json::object();
    KeySet keys;
    for (auto& [key, member] : object->items()) {
      std::string member_pointer = PointerJoin(pointer, key);
      std::string new_key = Substitute(key, member_pointer);
      if (!keys.Insert(new_key)) {
        Error(DiagnosticCode::kBadSubstitutionValue, member_pointer,
              fmt::format("after substitution the key {} appears twice", Quoted(new_key)));
        continue;
      }
      AppendNewMember(&renamed, std::move(new_key), std::move(member));
    }
    *object = std::move(renamed);
  }

  std::string Substitute(const std::string& text, const std::string& pointer) {
    auto replaced = ReplacePlaceholdersInJsonString(text, values_);
    if (!replaced.ok()) {
      Error(DiagnosticCode::kBadSubstitutionValue, pointer, replaced.error());
      return text;
    }
    std::vector<std::string> missing, not_declared;
    ClassifyRemaining(replaced.value(), table_, &missing, &not_declared);
    for (const std::string& name : missing) {
      Error(DiagnosticCode::kTemplateMissingSubstitution, pointer,
            MissingMessage(name, table_.at(name)));
    }
    for (const std::string& name : not_declared) {
      diagnostics_->Add(DiagnosticAt(source_, DiagnosticCode::kTemplateMissingSubstitution, pointer,
                                     UndeclaredMessage(name, undeclared_), Severity::kWarning));
    }
    return std::move(replaced).value();
  }

  void Error(DiagnosticCode code, const std::string& pointer, std::string message) {
    diagnostics_->Add(DiagnosticAt(source_, code, pointer, std::move(message)));
    ok_ = false;
  }

  const SubstitutionTable& table_;
  SubstitutionValues values_;
  UndeclaredPlaceholders undeclared_;
  const SourceMap& source_;
  DiagnosticList* diagnostics_;
  bool ok_ = true;
};

}  // namespace

bool ResolveDefinitionObject(Json* definition, const SubstitutionTable& table,
                             UndeclaredPlaceholders undeclared, const SourceMap& source,
                             DiagnosticList* diagnostics) {
  ObjectSubstituter substituter(table, undeclared, source, diagnostics);
  substituter.Walk(definition, "");
  return substituter.ok();
}

}  // namespace asl
