#include "asl/load/yaml_to_json.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <unordered_set>

#include <yaml-cpp/depthguard.h>

#include "asl/load/json_text.h"
#include "asl/load/yaml_expansion.h"
#include "asl/load/yaml_tag_block_scalar.h"

namespace asl {

namespace {

// Limits against hostile input: yaml-cpp resolves an alias to the very node it names, so an
// alias inside its own anchor is a cycle, and nested aliases expand exponentially. Both are
// refused before conversion (yaml_expansion.h); these bounds stay as a second line.
constexpr int kMaxYamlDepth = 256;
constexpr size_t kMaxNodes = 5'000'000;

constexpr std::string_view kCoreTag = "tag:yaml.org,2002:";

// Short-form tags that are `Fn::<Name>` in the long form.
const std::unordered_set<std::string_view>& FnShortForms() {
  static const std::unordered_set<std::string_view> names = {
      "And",          "Base64",      "Cidr",      "Contains",  "EachMemberEquals",
      "EachMemberIn", "Equals",      "FindInMap", "GetAtt",    "GetAZs",
      "If",           "ImportValue", "Join",      "Length",    "Not",
      "Or",           "RefAll",      "Select",    "Split",     "Sub",
      "ToJsonString", "Transform",   "ValueOf",   "ValueOfAll"};
  return names;
}

bool AllOf(std::string_view text, bool (*predicate)(char)) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!predicate(c)) return false;
  }
  return true;
}
bool IsDecimal(char c) { return c >= '0' && c <= '9'; }
bool IsOctal(char c) { return c >= '0' && c <= '7'; }
bool IsHex(char c) { return IsDecimal(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::string_view WithoutSign(std::string_view text) {
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  return text;
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool IsCoreFloat(std::string_view text) {
  text = WithoutSign(text);
  size_t i = 0;
  size_t int_digits = 0;
  while (i < text.size() && IsDecimal(text[i])) ++i, ++int_digits;
  size_t fraction_digits = 0;
  bool point = i < text.size() && text[i] == '.';
  if (point) {
    ++i;
    while (i < text.size() && IsDecimal(text[i])) ++i, ++fraction_digits;
  }
  if (int_digits == 0 && fraction_digits == 0) return false;
  if (int_digits == 0 && !point) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!AllOf(text.substr(i), IsDecimal)) return false;
    i = text.size();
  }
  return i == text.size();
}

class Converter {
 public:
  // `duplicates`: where a repeated key goes when the last one is to win (templates); null to
  // make it an error.
  Converter(std::unordered_map<std::string, int>* lines, TextErrors* errors,
            TextErrors* duplicates = nullptr)
      : lines_(lines), errors_(errors), duplicates_(duplicates) {}

  Json Convert(const YAML::Node& node, std::string* pointer, int depth) {
    if (++nodes_ > kMaxNodes) {
      if (nodes_ == kMaxNodes + 1) {
        Error(node, "",
              fmt::format("more than {} values (aliases expanding without end?)", kMaxNodes));
      }
      return nullptr;
    }
    if (depth > kMaxYamlDepth) {
      Error(node, "",
            fmt::format("nested more than {} levels deep (or an alias inside its own anchor)",
                        kMaxYamlDepth));
      return nullptr;
    }
    const std::string& tag = node.Tag();
    if (tag.size() > 1 && tag[0] == '!') return ConvertShortForm(node, tag, pointer, depth);
    switch (node.Type()) {
      case YAML::NodeType::Null:
        return nullptr;
      case YAML::NodeType::Scalar:
        return ConvertScalar(node, *pointer);
      case YAML::NodeType::Sequence:
        if (!CheckCollectionTag(node, *pointer, "seq")) return nullptr;
        return ConvertSequence(node, pointer, depth);
      case YAML::NodeType::Map:
        if (!CheckCollectionTag(node, *pointer, "map")) return nullptr;
        return ConvertMap(node, pointer, depth);
      default:
        return nullptr;
    }
  }

 private:
  void Error(const YAML::Node& node, const std::string& pointer, std::string message) {
    errors_->push_back({node.Mark().line + 1, node.Mark().column + 1, pointer, std::move(message)});
  }

  bool CheckCollectionTag(const YAML::Node& node, const std::string& pointer,
                          std::string_view kind) {
    const std::string& tag = node.Tag();
    if (tag.empty() || tag == "?" || tag == "!" ||
        (tag.starts_with(kCoreTag) && tag.substr(kCoreTag.size()) == kind)) {
      return true;
    }
    Error(node, pointer, fmt::format("unsupported YAML tag {}", tag));
    return false;
  }

  // `!Ref X`, `!Sub ...`: the long form {"Ref": X} / {"Fn::Sub": ...}. The tagged value itself
  // is read as if untagged, except that a tagged scalar is always a string.
  Json ConvertShortForm(const YAML::Node& node, const std::string& tag, std::string* pointer,
                        int depth) {
    std::string_view name = std::string_view(tag).substr(1);
    std::string key;
    if (name == "Ref" || name == "Condition") {
      key = std::string(name);
    } else if (FnShortForms().count(name) != 0) {
      key = fmt::format("Fn::{}", name);
    } else {
      Error(node, *pointer,
            fmt::format("unknown tag {} (not a CloudFormation intrinsic function)", tag));
      return nullptr;
    }
    size_t base = pointer->size();
    *pointer = PointerJoin(*pointer, key);
    lines_->emplace(*pointer, node.Mark().line + 1);
    Json inner;
    if (node.IsMap()) {
      inner = ConvertMap(node, pointer, depth + 1);
    } else if (node.IsSequence()) {
      inner = ConvertSequence(node, pointer, depth + 1);
    } else {
      std::string scalar = node.IsScalar() ? node.Scalar() : std::string();
      size_t dot = scalar.find('.');
      if (key == "Fn::GetAtt" && dot != std::string::npos) {
        // `!GetAtt Resource.Attribute.Part` -> ["Resource", "Attribute.Part"].
        inner = Json::array({scalar.substr(0, dot), scalar.substr(dot + 1)});
      } else {
        inner = std::move(scalar);
      }
    }
    pointer->resize(base);
    Json out = Json::object();
    out.emplace(std::move(key), std::move(inner));
    return out;
  }

  Json ConvertScalar(const YAML::Node& node, const std::string& pointer) {
    const std::string& text = node.Scalar();
    const std::string& tag = node.Tag();
    if (tag == "!") return text;  // quoted, block, or explicitly non-specific: a string
    if (tag == "?") {
      Json value = ResolvePlain(node, pointer, text, /*explicit_type=*/"");
      return value;
    }
    if (tag.starts_with(kCoreTag)) {
      std::string_view type = std::string_view(tag).substr(kCoreTag.size());
      if (type == "str") return text;
      if (type == "int" || type == "float" || type == "bool" || type == "null") {
        return ResolvePlain(node, pointer, text, type);
      }
    }
    Error(node, pointer, fmt::format("unsupported YAML tag {}", tag));
    return nullptr;
  }

  // The core schema's resolution of a plain scalar; with `explicit_type` (from !!int, !!float,
  // !!bool, !!null) the scalar must be of that type.
  Json ResolvePlain(const YAML::Node& node, const std::string& pointer, const std::string& text,
                    std::string_view explicit_type) {
    auto wrong = [&]() -> Json {
      Error(node, pointer,
            fmt::format("{} is not a valid !!{} value", Quoted(text), explicit_type));
      return nullptr;
    };
    bool any = explicit_type.empty();
    if (text == "null" || text == "Null" || text == "NULL" || text == "~" || text.empty()) {
      if (any || explicit_type == "null") return nullptr;
      return wrong();
    }
    if (explicit_type == "null") return wrong();
    if (text == "true" || text == "True" || text == "TRUE") {
      if (any || explicit_type == "bool") return true;
      return wrong();
    }
    if (text == "false" || text == "False" || text == "FALSE") {
      if (any || explicit_type == "bool") return false;
      return wrong();
    }
    if (explicit_type == "bool") return wrong();
    std::string_view view = text;
    if (view.starts_with("0o") || view.starts_with("0x")) {
      bool octal = view[1] == 'o';
      std::string_view digits = view.substr(2);
      if (AllOf(digits, octal ? IsOctal : IsHex)) {
        uint64_t value = 0;
        auto [end, ec] =
            std::from_chars(digits.data(), digits.data() + digits.size(), value, octal ? 8 : 16);
        if (ec != std::errc() || end != digits.data() + digits.size()) {
          Error(node, pointer, fmt::format("{} is out of range", text));
          return nullptr;
        }
        if (explicit_type == "float") return static_cast<double>(value);
        if (value <= static_cast<uint64_t>(INT64_MAX)) return static_cast<int64_t>(value);
        return value;
      }
    }
    if (AllOf(WithoutSign(view), IsDecimal)) {
      // Hand nlohmann a JSON lexeme so integers get the same representation as in JSON files.
      std::string_view digits = WithoutSign(view);
      size_t zeros = 0;
      while (zeros + 1 < digits.size() && digits[zeros] == '0') ++zeros;
      std::string lexeme = (view[0] == '-' ? "-" : "") + std::string(digits.substr(zeros));
      Json value = Json::parse(lexeme, nullptr, false);
      if (explicit_type == "float") return value.get<double>();
      return value;
    }
    if (IsCoreFloat(view)) {
      if (explicit_type == "int") return wrong();
      std::string_view unsigned_part = WithoutSign(view);
      double value = 0;
      auto [end, ec] =
          std::from_chars(unsigned_part.data(), unsigned_part.data() + unsigned_part.size(), value);
      if (ec != std::errc() || end != unsigned_part.data() + unsigned_part.size() ||
          !std::isfinite(value)) {
        Error(node, pointer, fmt::format("{} is out of range", text));
        return nullptr;
      }
      return view[0] == '-' ? -value : value;
    }
    std::string_view special = WithoutSign(view);
    if (special == ".inf" || special == ".Inf" || special == ".INF" || view == ".nan" ||
        view == ".NaN" || view == ".NAN") {
      Error(node, pointer,
            fmt::format("{} has no JSON equivalent; quote it to keep it a string", text));
      return nullptr;
    }
    if (!any) return wrong();
    return text;
  }

  Json ConvertSequence(const YAML::Node& node, std::string* pointer, int depth) {
    Json out = Json::array();
    size_t base = pointer->size();
    for (const YAML::Node& item : node) {
      *pointer = PointerJoin(*pointer, out.size());
      lines_->emplace(*pointer, item.Mark().line + 1);
      out.push_back(Convert(item, pointer, depth + 1));
      pointer->resize(base);
    }
    return out;
  }

  Json ConvertMap(const YAML::Node& node, std::string* pointer, int depth) {
    Json out = Json::object();
    std::unordered_map<std::string, int> first_lines;
    size_t base = pointer->size();
    // The iterator yields a temporary pair of node handles: copy them (handles are cheap).
    for (const auto& entry : node) {
      YAML::Node key_node = entry.first;
      YAML::Node value_node = entry.second;
      std::string key;
      if (key_node.IsScalar()) {
        key = key_node.Scalar();
      } else if (key_node.IsNull()) {
        key = "null";  // yaml-cpp does not keep how a null key was spelled
      } else {
        Error(key_node, *pointer, "a mapping key must be a scalar (JSON keys are strings)");
        continue;
      }
      int key_line = key_node.Mark().line + 1;
      *pointer = PointerJoin(*pointer, key);
      auto [first, inserted] = first_lines.emplace(key, key_line);
      if (!inserted && duplicates_ != nullptr) {
        // CloudFormation keeps the last value of a repeated key (where the first one stood).
        duplicates_->push_back({key_line, key_node.Mark().column + 1, *pointer,
                                fmt::format("{}{} (first at line {}): "
                                            "CloudFormation keeps this last value",
                                            kDuplicateKeyMessage, Quoted(key), first->second)});
        (*lines_)[*pointer] = key_line;
        out[key] = Convert(value_node, pointer, depth + 1);
      } else if (!inserted) {
        Error(key_node, *pointer,
              fmt::format("{}{} (first at line {})", kDuplicateKeyMessage, Quoted(key),
                          first->second));
      } else {
        lines_->emplace(*pointer, key_line);
        AppendNewMember(&out, key, Convert(value_node, pointer, depth + 1));
      }
      pointer->resize(base);
    }
    return out;
  }

  std::unordered_map<std::string, int>* lines_;
  TextErrors* errors_;
  TextErrors* duplicates_;
  size_t nodes_ = 0;
};

}  // namespace

Json YamlToJson(const YAML::Node& node, const std::string& pointer,
                std::unordered_map<std::string, int>* lines, TextErrors* errors) {
  Converter converter(lines, errors);
  std::string path = pointer;
  return converter.Convert(node, &path, 0);
}

namespace {

// Where the document's content starts and where a second document would, from the text: a
// line starting "---" or "..." at column 0 is a document marker in any YAML context.
struct DocumentLayout {
  size_t first_content = std::string_view::npos;  // offset of the first significant character
  size_t second_document = std::string_view::npos;  // offset of a marker after content
};

DocumentLayout ScanDocuments(std::string_view text) {
  DocumentLayout layout;
  bool ended = false;  // a "..." marker closed the first document
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    bool marker = (line.starts_with("---") || line.starts_with("...")) &&
                  (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r');
    size_t content = marker ? 3 : 0;
    if (marker && layout.first_content != std::string_view::npos) {
      if (line.starts_with("---") || ended) {
        layout.second_document = start;
        return layout;
      }
      ended = true;
    } else if (!marker && line.starts_with("%") && layout.first_content == std::string_view::npos) {
      content = line.size();  // a directive
    }
    size_t first = line.find_first_not_of(" \t\r", content);
    if (first != std::string_view::npos && line[first] != '#') {
      if (ended) {
        layout.second_document = start + first;
        return layout;
      }
      if (layout.first_content == std::string_view::npos) layout.first_content = start + first;
    }
    start = end + 1;
  }
  return layout;
}

}  // namespace

Result<ParsedDocument, TextErrors> ParseYaml(std::string_view text) {
  return ParseYamlKeepingLastKey(text, nullptr);
}

Result<ParsedDocument, TextErrors> ParseYamlKeepingLastKey(std::string_view text,
                                                           TextErrors* duplicates) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  DocumentLayout layout = ScanDocuments(text);
  if (layout.second_document != std::string_view::npos) {
    auto [line, column] = LineColumn(text, layout.second_document);
    return Fail(TextErrors{
        {line, column, "", "a second YAML document; a definition file holds exactly one"}});
  }
  // YAML::Load, not LoadAll: yaml-cpp 0.7's LoadAll loops forever, allocating, on a stray ','
  // (jbeder/yaml-cpp#1040, fixed upstream by #1319).
  YAML::Node root;
  std::string source(text);
  // Each retry moves one key onto its tag's line (yaml_tag_block_scalar.h); a bound keeps a text
  // with thousands of them from being parsed thousands of times.
  constexpr int kMaxRepairs = 64;
  for (int repairs = 0;; ++repairs) {
    try {
      root = YAML::Load(source);
      break;
    } catch (const YAML::DeepRecursion& e) {
      // yaml-cpp's own guard (2,000 levels) names it only "bad file": say what it is.
      return Fail(TextErrors{{e.mark.line + 1, e.mark.column + 1, "",
                              fmt::format("nested more than {} levels deep (the YAML "
                                          "parser stops at {})",
                                          kMaxYamlDepth, e.depth())}});
    } catch (const YAML::Exception& e) {
      if (repairs < kMaxRepairs && MoveKeyOntoTaggedBlockScalar(source, e.mark.line)) continue;
      return Fail(TextErrors{{e.mark.line + 1, e.mark.column + 1, "", e.msg}});
    } catch (const std::exception& e) {
      return Fail(TextErrors{{0, 0, "", fmt::format("YAML parser failed: {}", e.what())}});
    }
  }
  if (!root.IsDefined() || root.IsNull()) {
    if (layout.first_content == std::string_view::npos) {
      return Fail(TextErrors{{0, 0, "", "the document is empty"}});
    }
    // Content, yet no value: a null document, or something yaml-cpp skipped (a stray ',').
    auto [line, column] = LineColumn(text, layout.first_content);
    std::string_view found = text.substr(layout.first_content);
    found = found.substr(0, std::min(found.find_first_of("\r\n"), size_t{20}));
    return Fail(TextErrors{
        {line, column, "", fmt::format("expected a YAML mapping, found {}", Quoted(found))}});
  }
  ParsedDocument parsed;
  TextErrors errors;
  try {
    // Aliases are measured before anything is converted: an alias bomb is refused in time
    // proportional to its text.
    if (std::optional<TextError> problem = CheckYamlExpansion(root)) {
      return Fail(TextErrors{std::move(*problem)});
    }
    parsed.lines.emplace("", root.Mark().line + 1);
    Converter converter(&parsed.lines, &errors, duplicates);
    std::string path;
    parsed.value = converter.Convert(root, &path, 0);
  } catch (const std::exception& e) {
    errors.push_back({0, 0, "", fmt::format("YAML conversion failed: {}", e.what())});
  }
  if (!errors.empty()) return Fail(std::move(errors));
  return parsed;
}

}  // namespace asl
