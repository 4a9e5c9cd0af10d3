#include "asl/load/substitutions.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "asl/load/definition_loader.h"
#include "asl/load/json_text.h"
#include "asl/load/source_text.h"

namespace asl {

std::vector<PlaceholderUse> FindPlaceholders(std::string_view text) {
  std::vector<PlaceholderUse> uses;
  size_t i = 0;
  while ((i = text.find("${", i)) != std::string_view::npos) {
    size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) break;
    std::string_view name = text.substr(i + 2, close - i - 2);
    // "${${A}}": the outer "${" is not a placeholder, the inner one may be.
    if (!name.empty() && name.find("${") == std::string_view::npos) {
      uses.push_back({i, close + 1 - i, std::string(name)});
      i = close + 1;
    } else {
      i += 1;
    }
  }
  return uses;
}

namespace {

// One left-to-right pass; sets *replaced when anything was.
std::string ReplaceOnce(std::string_view text, const SubstitutionValues& values, bool* replaced) {
  std::string out;
  size_t copied = 0;
  for (const PlaceholderUse& use : FindPlaceholders(text)) {
    auto it = values.find(use.name);
    if (it == values.end()) continue;
    out.append(text.substr(copied, use.offset - copied));
    out.append(it->second);
    copied = use.offset + use.length;
    *replaced = true;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace

Result<std::string, std::string> ReplacePlaceholders(std::string_view text,
                                                     const SubstitutionValues& values) {
  if (values.empty() || text.find("${") == std::string_view::npos) return std::string(text);
  // replaceEachRepeatedly allows one pass per key plus one; a chain of references between
  // values resolves within that, only a loop does not.
  std::string current(text);
  for (size_t pass = 0; pass <= values.size(); ++pass) {
    bool replaced = false;
    std::string next = ReplaceOnce(current, values, &replaced);
    if (!replaced) return current;
    current = std::move(next);
  }
  // Name the loop: the placeholders still there, and those their values lead to.
  std::vector<std::string> looping;
  auto visit = [&](std::string_view scanned) {
    for (const PlaceholderUse& use : FindPlaceholders(scanned)) {
      if (values.count(use.name) != 0 &&
          std::find(looping.begin(), looping.end(), "${" + use.name + "}") == looping.end()) {
        looping.push_back("${" + use.name + "}");
      }
    }
  };
  visit(current);
  for (size_t i = 0; i < looping.size(); ++i) {
    visit(values.at(looping[i].substr(2, looping[i].size() - 3)));
  }
  if (looping.size() == 1) {
    return Fail(
        fmt::format("substitution never ends: the value of {} contains it again", looping[0]));
  }
  return Fail(fmt::format("substitution never ends: {} refer to each other in a loop",
                          fmt::join(looping, ", ")));
}

Result<std::string, std::string> ReplacePlaceholdersInJsonString(const std::string& text,
                                                                 const SubstitutionValues& values) {
  if (values.empty() || text.find("${") == std::string::npos) return text;
  auto replaced = ReplacePlaceholders(EscapeJsonString(text), values);
  if (!replaced.ok()) return replaced;
  auto unescaped = UnescapeJsonString(replaced.value());
  if (!unescaped.ok()) {
    return Fail(
        fmt::format("after substitution the JSON text of this string is invalid ({}): "
                    "AWS inserts values without escaping them",
                    unescaped.error()));
  }
  return unescaped;
}

std::optional<std::string> ScalarText(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) return Dump(value);
  return std::nullopt;
}

// The brief format of a substitutions file: {"Name": value, ...}, or CloudFormation's parameter
// file format [{"ParameterKey": ..., "ParameterValue": ...}, ...].
Result<std::map<std::string, std::string>, DiagnosticList> LoadSubstitutionsFile(
    const std::string& path) {
  std::string text = TRY(ReadTextFile(path));
  auto parsed = ParseText(text, GuessSyntax(text, path));
  if (!parsed.ok()) return Fail(TextErrorsIn(parsed.error(), path));
  const Json& doc = parsed->value;
  DiagnosticList problems;
  auto problem = [&](const std::string& pointer, std::string message) {
    auto line = parsed->lines.find(pointer);
    problems.Add({DiagnosticCode::kBadSubstitutionValue, Severity::kError, pointer,
                  std::move(message), path, line == parsed->lines.end() ? 0 : line->second, 0});
  };
  std::map<std::string, std::string> values;
  auto take = [&](const std::string& name, const Json& value, const std::string& pointer) {
    std::optional<std::string> text_value = ScalarText(value);
    if (!text_value) {
      problem(pointer, fmt::format("the value of {} must be a string, number or boolean, not {}",
                                   Quoted(name), TypeWithArticle(value)));
      return;
    }
    values[name] = std::move(*text_value);
  };
  if (doc.is_object()) {
    for (const auto& [name, value] : doc.items()) take(name, value, PointerJoin("", name));
  } else if (doc.is_array()) {
    for (size_t i = 0; i < doc.size(); ++i) {
      const Json& entry = doc[i];
      std::string pointer = PointerJoin("", i);
      auto key = entry.is_object() ? entry.find("ParameterKey") : Json::const_iterator();
      if (!entry.is_object() || key == entry.end() || !key->is_string() ||
          !entry.contains("ParameterValue")) {
        problem(pointer, "expected {\"ParameterKey\": name, \"ParameterValue\": value}");
        continue;
      }
      take(key->get<std::string>(), entry["ParameterValue"],
           PointerJoin(pointer, "ParameterValue"));
    }
  } else {
    problems.Add({DiagnosticCode::kNotAnObject, Severity::kError, "",
                  fmt::format("a substitutions file is an object of name: value, not {}",
                              TypeWithArticle(doc)),
                  path, 1, 0});
  }
  if (!problems.empty()) return Fail(std::move(problems));
  return values;
}

std::string HowToSupply(std::string_view name) {
  return fmt::format("supply it with -s {}=VALUE or --substitutions FILE (in a world file, the "
                     "state machine's \"substitutions\")",
                     name);
}

}  // namespace asl
