#include "asl/load/cfn_intrinsics.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "asl/load/source_text.h"

namespace asl {

namespace {

using Resolved = Result<Json, UnresolvedList>;

Resolved Unresolvable(DiagnosticCode code, const std::string& pointer, std::string what,
                      std::string why, std::string supply = "") {
  return Fail(UnresolvedList{{code, pointer, std::move(what), std::move(why), std::move(supply)}});
}

Resolved Malformed(const std::string& pointer, const std::string& function, std::string shape) {
  return Unresolvable(DiagnosticCode::kTemplateBadDefinition, pointer, function,
                      fmt::format("needs {}", shape));
}

const Json* Member(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::vector<std::string> SplitText(const std::string& text, const std::string& delimiter) {
  std::vector<std::string> parts;
  if (delimiter.empty()) return {text};
  size_t start = 0;
  while (true) {
    size_t at = text.find(delimiter, start);
    parts.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return parts;
    start = at + delimiter.size();
  }
}

}  // namespace

std::string Unresolved::Message() const {
  std::string message = fmt::format("{} {}", what, why);
  // Say how, too: the value goes in with -s or --substitutions (issue 16, item 22).
  if (!supply.empty()) {
    message += fmt::format("; supply {} as a substitution (-s {}=VALUE or --substitutions FILE)",
                           Quoted(supply), supply);
  }
  return message;
}

IntrinsicResolver::IntrinsicResolver(const Json& template_doc,
                                     const SubstitutionValues& user_values)
    : template_(template_doc), user_values_(user_values) {}

bool IntrinsicResolver::IsIntrinsic(const Json& value) {
  if (!value.is_object() || value.size() != 1) return false;
  const std::string& key = value.begin().key();
  return key == "Ref" || key == "Condition" || key.starts_with("Fn::");
}

const std::string* IntrinsicResolver::UserValue(const std::string& name) const {
  auto it = user_values_.find(name);
  return it == user_values_.end() ? nullptr : &it->second;
}

std::string IntrinsicResolver::Region() const {
  const std::string* region = UserValue("AWS::Region");
  return region != nullptr ? *region : kDefaultRegion;
}

Resolved IntrinsicResolver::Resolve(const Json& value, const std::string& pointer) const {
  if (!IsIntrinsic(value)) {
    if (!value.is_structured()) return value;
    UnresolvedList problems;
    Json resolved = ResolveTree(value, pointer, &problems);
    if (!problems.empty()) return Fail(std::move(problems));
    return resolved;
  }
  const std::string& function = value.begin().key();
  const Json& argument = value.begin().value();
  std::string argument_pointer = PointerJoin(pointer, function);
  if (function == "Ref") {
    if (!argument.is_string()) return Malformed(pointer, "Ref", "a logical name");
    const std::string& name = argument.get_ref<const std::string&>();
    return Ref(name, "Ref " + name, pointer);
  }
  if (function == "Fn::GetAtt") {
    // [resource, attribute], or the "resource.attribute" string JSON templates may also use.
    if (argument.is_string()) {
      const std::string& text = argument.get_ref<const std::string&>();
      size_t dot = text.find('.');
      if (dot == std::string::npos) {
        return Malformed(pointer, "Fn::GetAtt", "[resource, attribute] or \"resource.attribute\"");
      }
      return GetAtt(text.substr(0, dot), text.substr(dot + 1), "Fn::GetAtt " + text, pointer);
    }
    if (!argument.is_array() || argument.size() != 2 || !argument[0].is_string()) {
      return Malformed(pointer, "Fn::GetAtt", "[resource, attribute] or \"resource.attribute\"");
    }
    std::string attribute = TRY(ResolveText(argument[1], PointerJoin(argument_pointer, 1)));
    std::string resource = argument[0].get<std::string>();
    return GetAtt(resource, attribute, fmt::format("Fn::GetAtt {}.{}", resource, attribute),
                  pointer);
  }
  if (function == "Fn::Sub") return Sub(argument, pointer);
  if (function == "Fn::Join") return Join(argument, pointer);
  if (function == "Fn::Split") return Split(argument, pointer);
  if (function == "Fn::Select") return Select(argument, pointer);
  if (function == "Fn::FindInMap") return FindInMap(argument, pointer);
  if (function == "Fn::ImportValue") return ImportValue(argument, pointer);
  if (function == "Fn::If") return If(argument, pointer);
  return Unresolvable(DiagnosticCode::kTemplateUnsupportedFunction, pointer, function,
                      "cannot be evaluated locally");
}

Result<std::string, UnresolvedList> IntrinsicResolver::ResolveText(
    const Json& value, const std::string& pointer) const {
  Json resolved = TRY(Resolve(value, pointer));
  if (std::optional<std::string> text = ScalarText(resolved)) return std::move(*text);
  std::string what = "the value";
  if (IsIntrinsic(value)) {
    what = value.begin().key();
    if (what == "Ref" && value.begin()->is_string())
      what += " " + value.begin()->get<std::string>();
  }
  return Fail(UnresolvedList{
      {DiagnosticCode::kTemplateBadDefinition, pointer, what,
       fmt::format("gives {} where text is needed", TypeWithArticle(resolved)), ""}});
}

Json IntrinsicResolver::ResolveTree(const Json& value, const std::string& pointer,
                                    UnresolvedList* problems) const {
  if (IsIntrinsic(value)) {
    Resolved resolved = Resolve(value, pointer);
    if (resolved.ok()) return std::move(resolved).value();
    for (Unresolved& problem : resolved.error()) problems->push_back(std::move(problem));
    return value;
  }
  // A member or item whose value is AWS::NoValue is removed, as CloudFormation removes it.
  if (value.is_object()) {
    Json out = Json::object();
    for (const auto& [key, member] : value.items()) {
      Json resolved = ResolveTree(member, PointerJoin(pointer, key), problems);
      if (!resolved.is_discarded()) AppendNewMember(&out, key, std::move(resolved));
    }
    return out;
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (size_t i = 0; i < value.size(); ++i) {
      Json resolved = ResolveTree(value[i], PointerJoin(pointer, i), problems);
      if (!resolved.is_discarded()) out.push_back(std::move(resolved));
    }
    return out;
  }
  return value;
}

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html
// Fn::If picks a value by a condition of the template's Conditions, which CloudFormation
// evaluates from parameters (Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition). A user value
// named like the condition ("true" or "false") wins; otherwise the condition is evaluated here
// with the parameters' values (the user's, or their Defaults).
Resolved IntrinsicResolver::If(const Json& argument, const std::string& pointer) const {
  if (!argument.is_array() || argument.size() != 3 || !argument[0].is_string()) {
    return Malformed(pointer, "Fn::If", "[condition name, value if true, value if false]");
  }
  const std::string& name = argument[0].get_ref<const std::string&>();
  bool holds = TRY(Condition(name, "Fn::If " + name, pointer, 0));
  size_t branch = holds ? 1 : 2;
  return Resolve(argument[branch], PointerJoin(PointerJoin(pointer, "Fn::If"), branch));
}

Result<bool, UnresolvedList> IntrinsicResolver::Condition(const std::string& name,
                                                          const std::string& what,
                                                          const std::string& pointer,
                                                          int depth) const {
  auto unresolved = [&](std::string why, DiagnosticCode code =
                                             DiagnosticCode::kTemplateMissingSubstitution)
      -> Result<bool, UnresolvedList> {
    return Fail(UnresolvedList{{code, pointer, what,
                                fmt::format("needs the condition {} (true or false), which {}",
                                            Quoted(name), why),
                                name}});
  };
  if (const std::string* user = UserValue(name)) {
    if (*user == "true") return true;
    if (*user == "false") return false;
    return unresolved(fmt::format("was given as {}, not true or false", Quoted(*user)));
  }
  const Json* conditions = Member(template_, "Conditions");
  const Json* condition = conditions != nullptr ? Member(*conditions, name.c_str()) : nullptr;
  if (condition == nullptr) {
    return unresolved("the template's Conditions do not declare",
                      DiagnosticCode::kTemplateBadDefinition);
  }
  std::string why;
  std::optional<bool> value = EvaluateCondition(*condition, depth, &why);
  if (!value) return unresolved(fmt::format("cannot be evaluated locally: {}", why));
  return *value;
}

std::optional<bool> IntrinsicResolver::EvaluateCondition(const Json& condition, int depth,
                                                         std::string* why) const {
  constexpr int kMaxConditionDepth = 32;  // conditions that refer to each other in a loop
  if (depth > kMaxConditionDepth) {
    *why = "conditions refer to each other in a loop";
    return std::nullopt;
  }
  if (!condition.is_object() || condition.size() != 1) {
    *why = "it is not a condition function";
    return std::nullopt;
  }
  const std::string& function = condition.begin().key();
  const Json& argument = condition.begin().value();
  if (function == "Condition" && argument.is_string()) {
    const std::string& name = argument.get_ref<const std::string&>();
    if (const std::string* user = UserValue(name)) {
      if (*user == "true" || *user == "false") return *user == "true";
    }
    const Json* conditions = Member(template_, "Conditions");
    const Json* other = conditions != nullptr ? Member(*conditions, name.c_str()) : nullptr;
    if (other == nullptr) {
      *why = fmt::format("the condition {} it refers to is not declared", Quoted(name));
      return std::nullopt;
    }
    return EvaluateCondition(*other, depth + 1, why);
  }
  if (function == "Fn::Equals" && argument.is_array() && argument.size() == 2) {
    std::optional<std::string> sides[2];
    for (size_t i = 0; i < 2; ++i) {
      auto text = ResolveText(argument[i], "");
      if (!text.ok()) {
        *why = text.error().front().what + " " + text.error().front().why;
        return std::nullopt;
      }
      sides[i] = std::move(text).value();
    }
    return *sides[0] == *sides[1];
  }
  if (function == "Fn::Not" && argument.is_array() && argument.size() == 1) {
    std::optional<bool> inner = EvaluateCondition(argument[0], depth + 1, why);
    if (!inner) return std::nullopt;
    return !*inner;
  }
  if ((function == "Fn::And" || function == "Fn::Or") && argument.is_array() &&
      !argument.empty()) {
    bool all = function == "Fn::And";
    for (const Json& item : argument) {
      std::optional<bool> inner = EvaluateCondition(item, depth + 1, why);
      if (!inner) return std::nullopt;
      if (*inner != all) return !all;
    }
    return all;
  }
  *why = fmt::format("{} is not a condition function sfnsim evaluates", function);
  return std::nullopt;
}

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-ref.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
Resolved IntrinsicResolver::Ref(const std::string& name, const std::string& what,
                                const std::string& pointer) const {
  auto missing = DiagnosticCode::kTemplateMissingSubstitution;
  const Json* parameters = Member(template_, "Parameters");
  const Json* parameter = parameters != nullptr ? Member(*parameters, name.c_str()) : nullptr;
  const Json* type = parameter != nullptr ? Member(*parameter, "Type") : nullptr;
  bool is_list = type != nullptr && type->is_string() &&
                 (*type == "CommaDelimitedList" || type->get<std::string>().starts_with("List<"));
  auto as_parameter_value = [&](const std::string& text) -> Json {
    if (!is_list) return text;
    Json list = Json::array();
    for (std::string& part : SplitText(text, ",")) list.push_back(std::move(part));
    return list;
  };
  if (const std::string* user = UserValue(name)) return as_parameter_value(*user);
  if (parameter != nullptr) {
    const Json* default_value = Member(*parameter, "Default");
    std::optional<std::string> text =
        default_value != nullptr ? ScalarText(*default_value) : std::nullopt;
    if (!text) {
      return Unresolvable(missing, pointer, what, "names a parameter without a Default", name);
    }
    return as_parameter_value(*text);
  }
  if (name == "AWS::NoValue") return Json(Json::value_t::discarded);  // removed by ResolveTree
  if (name.starts_with("AWS::")) {
    std::string region = Region();
    std::string partition = region.starts_with("cn-")       ? "aws-cn"
                            : region.starts_with("us-gov-") ? "aws-us-gov"
                                                            : "aws";
    if (name == "AWS::Region") return Json(region);
    if (name == "AWS::AccountId") return Json(kDefaultAccountId);
    if (name == "AWS::Partition") return Json(partition);
    if (name == "AWS::URLSuffix") {
      return Json(partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com");
    }
    return Unresolvable(missing, pointer, what, "has no local default", name);
  }
  const Json* resources = Member(template_, "Resources");
  if (const Json* resource = resources != nullptr ? Member(*resources, name.c_str()) : nullptr) {
    const Json* resource_type = Member(*resource, "Type");
    std::string type_text = resource_type != nullptr && resource_type->is_string()
                                ? resource_type->get<std::string>()
                                : "no Type";
    return Unresolvable(missing, pointer, what,
                        fmt::format("names a resource ({}), known only after deploy", type_text),
                        name);
  }
  return Unresolvable(DiagnosticCode::kTemplateBadDefinition, pointer, what,
                      "names no parameter, pseudo parameter or resource of the template", name);
}

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getatt.html
Resolved IntrinsicResolver::GetAtt(const std::string& resource, const std::string& attribute,
                                   const std::string& what, const std::string& pointer) const {
  std::string key = fmt::format("{}.{}", resource, attribute);
  if (const std::string* user = UserValue(key)) return Json(*user);
  const Json* resources = Member(template_, "Resources");
  if (resources != nullptr && Member(*resources, resource.c_str()) != nullptr) {
    return Unresolvable(DiagnosticCode::kTemplateMissingSubstitution, pointer, what,
                        "is known only after deploy", key);
  }
  return Unresolvable(DiagnosticCode::kTemplateBadDefinition, pointer, what,
                      "names no resource of the template", key);
}

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html
// `${Name}` is a variable of the second argument, a parameter, pseudo parameter or resource
// (as Ref), `${Resource.Attribute}` is Fn::GetAtt, and `${!Text}` stands for "${Text}".
Resolved IntrinsicResolver::Sub(const Json& argument, const std::string& pointer) const {
  const Json* text_json = &argument;
  const Json* variables = nullptr;
  std::string variables_pointer = PointerJoin(PointerJoin(pointer, "Fn::Sub"), 1);
  if (argument.is_array() && argument.size() == 2 && argument[1].is_object()) {
    text_json = &argument[0];
    variables = &argument[1];
  }
  if (!text_json->is_string()) {
    return Malformed(pointer, "Fn::Sub", "a string or [string, {variables}]");
  }
  const std::string& text = text_json->get_ref<const std::string&>();
  bool multiline = text.find('\n') != std::string::npos;
  std::string out;
  UnresolvedList problems;
  size_t i = 0;
  while (true) {
    size_t open = text.find("${", i);
    size_t close = open == std::string::npos ? open : text.find('}', open + 2);
    if (close == std::string::npos) {
      out.append(text, i, std::string::npos);
      break;
    }
    out.append(text, i, open - i);
    std::string name = text.substr(open + 2, close - open - 2);
    i = close + 1;
    if (name.starts_with("!")) {
      out += "${" + name.substr(1) + "}";
      continue;
    }
    std::string what = "${" + name + "}";
    if (multiline) {
      what += fmt::format(" (line {} of the Fn::Sub string)",
                          1 + std::count(text.begin(), text.begin() + open, '\n'));
    }
    Result<Json, UnresolvedList> value = [&]() -> Resolved {
      if (const std::string* user = UserValue(name)) return Json(*user);
      if (const Json* variable =
              variables != nullptr ? Member(*variables, name.c_str()) : nullptr) {
        return Resolve(*variable, PointerJoin(variables_pointer, name));
      }
      size_t dot = name.find('.');
      if (dot != std::string::npos) {
        return GetAtt(name.substr(0, dot), name.substr(dot + 1), what, pointer);
      }
      return Ref(name, what, pointer);
    }();
    if (!value.ok()) {
      for (Unresolved& problem : value.error()) problems.push_back(std::move(problem));
      continue;
    }
    std::optional<std::string> value_text = ScalarText(value.value());
    if (!value_text) {
      problems.push_back(
          {DiagnosticCode::kTemplateBadDefinition, pointer, what,
           fmt::format("gives {} where text is needed", TypeWithArticle(value.value())), ""});
      continue;
    }
    out += *value_text;
  }
  if (!problems.empty()) return Fail(std::move(problems));
  return Json(std::move(out));
}

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-join.html
Resolved IntrinsicResolver::Join(const Json& argument, const std::string& pointer) const {
  if (!argument.is_array() || argument.size() != 2) {
    return Malformed(pointer, "Fn::Join", "[delimiter, [values...]]");
  }
  std::string argument_pointer = PointerJoin(pointer, "Fn::Join");
  std::string delimiter = TRY(ResolveText(argument[0], PointerJoin(argument_pointer, 0)));
  std::string list_pointer = PointerJoin(argument_pointer, 1);
  Json list = TRY(Resolve(argument[1], list_pointer));
  if (!list.is_array()) return Malformed(pointer, "Fn::Join", "[delimiter, [values...]]");
  std::string out;
  UnresolvedList problems;
  for (size_t i = 0; i < list.size(); ++i) {
    std::optional<std::string> text = ScalarText(list[i]);
    if (!text) {
      problems.push_back({DiagnosticCode::kTemplateBadDefinition, PointerJoin(list_pointer, i),
                          "a Fn::Join value",
                          fmt::format("is {}, not text", TypeWithArticle(list[i])), ""});
      continue;
    }
    if (i > 0) out += delimiter;
    out += *text;
  }
  if (!problems.empty()) return Fail(std::move(problems));
  return Json(std::move(out));
}

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-split.html
Resolved IntrinsicResolver::Split(const Json& argument, const std::string& pointer) const {
  if (!argument.is_array() || argument.size() != 2) {
    return Malformed(pointer, "Fn::Split", "[delimiter, text]");
  }
  std::string argument_pointer = PointerJoin(pointer, "Fn::Split");
  std::string delimiter = TRY(ResolveText(argument[0], PointerJoin(argument_pointer, 0)));
  std::string text = TRY(ResolveText(argument[1], PointerJoin(argument_pointer, 1)));
  Json list = Json::array();
  for (std::string& part : SplitText(text, delimiter)) list.push_back(std::move(part));
  return list;
}

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-select.html
Resolved IntrinsicResolver::Select(const Json& argument, const std::string& pointer) const {
  if (!argument.is_array() || argument.size() != 2) {
    return Malformed(pointer, "Fn::Select", "[index, [values...]]");
  }
  std::string argument_pointer = PointerJoin(pointer, "Fn::Select");
  std::string index_text = TRY(ResolveText(argument[0], PointerJoin(argument_pointer, 0)));
  Json list = TRY(Resolve(argument[1], PointerJoin(argument_pointer, 1)));
  size_t index = 0;
  auto [end, ec] = std::from_chars(index_text.data(), index_text.data() + index_text.size(), index);
  if (ec != std::errc() || end != index_text.data() + index_text.size() || !list.is_array()) {
    return Malformed(pointer, "Fn::Select", "[index, [values...]]");
  }
  if (index >= list.size()) {
    return Unresolvable(DiagnosticCode::kTemplateBadDefinition, pointer, "Fn::Select",
                        fmt::format("index {} is out of range for {} values", index, list.size()));
  }
  return list[index];
}

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-findinmap.html
Resolved IntrinsicResolver::FindInMap(const Json& argument, const std::string& pointer) const {
  if (!argument.is_array() || argument.size() < 3) {
    return Malformed(pointer, "Fn::FindInMap", "[map, top-level key, second-level key]");
  }
  std::string argument_pointer = PointerJoin(pointer, "Fn::FindInMap");
  std::string keys[3];
  for (size_t i = 0; i < 3; ++i) {
    keys[i] = TRY(ResolveText(argument[i], PointerJoin(argument_pointer, i)));
  }
  const Json* mappings = Member(template_, "Mappings");
  const Json* map = mappings != nullptr ? Member(*mappings, keys[0].c_str()) : nullptr;
  const Json* top = map != nullptr ? Member(*map, keys[1].c_str()) : nullptr;
  const Json* value = top != nullptr ? Member(*top, keys[2].c_str()) : nullptr;
  if (value == nullptr) {
    return Unresolvable(
        DiagnosticCode::kTemplateBadDefinition, pointer, "Fn::FindInMap",
        fmt::format("finds nothing at Mappings/{}/{}/{}", keys[0], keys[1], keys[2]));
  }
  return *value;
}

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-importvalue.html
Resolved IntrinsicResolver::ImportValue(const Json& argument, const std::string& pointer) const {
  std::string name = TRY(ResolveText(argument, PointerJoin(pointer, "Fn::ImportValue")));
  if (const std::string* user = UserValue(name)) return Json(*user);
  return Unresolvable(DiagnosticCode::kTemplateMissingSubstitution, pointer,
                      "Fn::ImportValue " + name,
                      "is another stack's export, known only after deploy", name);
}

}  // namespace asl
