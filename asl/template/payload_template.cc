#include "asl/template/payload_template.h"

#include <algorithm>
#include <cstdint>

#include <cassert>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "asl/base/diagnostic.h"
#include "asl/base/error_names.h"
#include "asl/base/json_limits.h"
#include "asl/intrinsics/intrinsic_call.h"
#include "asl/path/json_path.h"

namespace asl {

// The compiled template. A subtree without any ".$" key compiles to one static value.
// A member of an object node. Not a std::pair: libstdc++'s pair checks its types' traits when it
// is instantiated, which clang cannot do for a pair inside the type it is a member of.
struct TemplateMember;

struct TemplateNode {
  enum class Kind { kStatic, kObject, kArray, kPath, kIntrinsic };
  Kind kind = Kind::kStatic;
  Json literal;                                              // kStatic
  std::vector<TemplateMember> members;                      // kObject (".$" stripped)
  std::vector<TemplateNode> items;                          // kArray
  std::string field;                                        // kPath, kIntrinsic: "x.$"
  JsonPath path;                                            // kPath
  IntrinsicCall call;                                       // kIntrinsic
};

struct TemplateMember {
  TemplateMember(std::string key, TemplateNode value)
      : first(std::move(key)), second(std::move(value)) {}
  std::string first;  // the key
  TemplateNode second;
};

namespace {

constexpr std::string_view kDynamicSuffix = ".$";

bool IsDynamicKey(std::string_view key) {
  return key.size() >= kDynamicSuffix.size() &&
         key.substr(key.size() - kDynamicSuffix.size()) == kDynamicSuffix;
}

// Whether `value` holds a ".$" key at any depth, i.e. needs compiling.
bool IsDynamic(const Json& value) {
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      if (IsDynamicKey(key) || IsDynamic(member)) return true;
    }
  } else if (value.is_array()) {
    for (const Json& item : value) {
      if (IsDynamic(item)) return true;
    }
  }
  return false;
}

// java.lang.String.hashCode over UTF-16 code units.
int32_t JavaStringHash(std::string_view utf8) {
  uint32_t h = 0;
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    uint32_t cp;
    int extra = c < 0x80 ? 0 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
    cp = extra == 0 ? c : c & (0x3F >> extra);
    for (int k = 0; k < extra && i + 1 + k < utf8.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + 1 + k]) & 0x3F);
    }
    i += 1 + extra;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      h = 31 * h + (0xD800 + (cp >> 10));
      h = 31 * h + (0xDC00 + (cp & 0x3FF));
    } else {
      h = 31 * h + cp;
    }
  }
  return static_cast<int32_t>(h);
}

// The order in which a java.util.HashMap (default capacity 16, load factor 0.75) iterates
// keys inserted in the given order: by bucket (spread hash & (capacity - 1)), then insertion.
template <typename Member>
std::vector<size_t> JavaHashMapOrder(const std::vector<Member>& members) {
  size_t capacity = 16;
  while (members.size() > capacity * 3 / 4) capacity *= 2;
  std::vector<std::pair<uint32_t, size_t>> keyed;
  for (size_t i = 0; i < members.size(); ++i) {
    uint32_t h = static_cast<uint32_t>(JavaStringHash(members[i].first));
    keyed.emplace_back((h ^ (h >> 16)) & (capacity - 1), i);
  }
  std::stable_sort(keyed.begin(), keyed.end());
  std::vector<size_t> order;
  for (const auto& [bucket, index] : keyed) order.push_back(index);
  return order;
}

class Compiler {
 public:
  TemplateNode Compile(const Json& value, const std::string& pointer) {
    TemplateNode node;
    if (!IsDynamic(value)) {
      node.literal = value;
      return node;
    }
    if (value.is_array()) {
      node.kind = TemplateNode::Kind::kArray;
      for (size_t i = 0; i < value.size(); ++i) {
        node.items.push_back(Compile(value[i], PointerJoin(pointer, i)));
      }
      return node;
    }
    node.kind = TemplateNode::Kind::kObject;
    std::vector<TemplateMember> dynamic;
    for (const auto& [key, member] : value.items()) {
      std::string member_pointer = PointerJoin(pointer, key);
      if (!IsDynamicKey(key)) {
        node.members.emplace_back(key, Compile(member, member_pointer));
        continue;
      }
      std::string name = key.substr(0, key.size() - kDynamicSuffix.size());
      dynamic.emplace_back(std::move(name), CompileField(key, member, member_pointer));
    }
    // AWS writes the plain fields first, in template order, then the ".$" fields in the
    // iteration order of a java.util.HashMap holding them (recorded in the conformance
    // corpus, e.g. {"StateMachineArn.$","Input.$","Name.$"} -> Input, StateMachineArn, Name).
    for (size_t i : JavaHashMapOrder(dynamic)) node.members.push_back(std::move(dynamic[i]));
    return node;
  }

  std::vector<TemplateIssue> issues;
  bool uses_context = false;

 private:
  // https://states-language.net/spec.html#payload-template: the value of a ".$" field is a
  // path or an intrinsic function call. AWS refuses anything else when the state machine is
  // created: "The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic
  // function call" (sfnsim adds what is wrong after a colon).
  TemplateNode CompileField(const std::string& key, const Json& value,
                            const std::string& pointer) {
    TemplateNode node;
    node.field = key;
    std::string must = fmt::format(
        "The value for the field '{}' must be a valid JSONPath or a valid intrinsic function "
        "call",
        key);
    if (!value.is_string()) {
      issues.push_back({pointer, fmt::format("{}: got {} {}", must, Article(value),
                                             TypeName(value))});
      return node;
    }
    const std::string& text = value.get_ref<const std::string&>();
    if (IntrinsicCall::LooksLikeCall(text)) {
      auto call = IntrinsicCall::Parse(text);
      if (!call.ok()) {
        issues.push_back({pointer, fmt::format("{}: {}", must, call.error()), true});
        return node;
      }
      node.kind = TemplateNode::Kind::kIntrinsic;
      node.call = std::move(call).value();
      uses_context = uses_context || node.call.uses_context();
      return node;
    }
    if (text.empty() || text[0] != '$') {
      issues.push_back({pointer, fmt::format("{}: '{}' is neither a path (starting with '$') "
                                             "nor an intrinsic function call (States.…)",
                                             must, text)});
      return node;
    }
    auto path = JsonPath::Parse(text);
    if (!path.ok()) {
      issues.push_back({pointer, fmt::format("{}: {}", must, path.error())});
      return node;
    }
    node.kind = TemplateNode::Kind::kPath;
    node.path = std::move(path).value();
    uses_context = uses_context || node.path.is_context();
    return node;
  }

  static const char* Article(const Json& value) {
    return value.is_object() || value.is_array() ? "an" : "a";
  }
};

const Json kEmptyObject = Json::object();

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html
Result<Json> EvaluateNode(const TemplateNode& node, const EvalContext& context) {
  switch (node.kind) {
    case TemplateNode::Kind::kStatic:
      return node.literal;
    case TemplateNode::Kind::kObject: {
      Json out = ObjectWithCapacity(node.members.size());
      for (const auto& [name, member] : node.members) {
        out[name] = TRY(EvaluateNode(member, context));
      }
      return out;
    }
    case TemplateNode::Kind::kArray: {
      Json out = Json::array();
      for (const TemplateNode& item : node.items) out.push_back(TRY(EvaluateNode(item, context)));
      return out;
    }
    case TemplateNode::Kind::kPath: {
      assert((!node.path.is_context() || context.context != nullptr) &&
             "uses_context() templates need the Context object");
      const Json* root = node.path.Root(context);
      if (root == nullptr && node.path.is_variable()) {
        return Fail(Error(std::string(errors::kRuntime),
                          fmt::format("The JSONPath '{}' specified for the field '{}' could not "
                                      "be found: {}",
                                      node.path.text(), node.field,
                                      node.path.UnsetVariableDetail())));
      }
      if (root == nullptr) root = &kEmptyObject;
      // OPTIMIZATION: a definite path is read in place and copied once.
      bool too_deep = false;
      if (node.path.is_definite()) {
        if (const Json* found = node.path.Find(*root)) {
          // Checked before the copy, which recurses once per level.
          if (!JsonDepthExceeds(*found, kMaxJsonDepth)) return *found;
          too_deep = true;
        }
      } else if (std::optional<Json> value = node.path.Evaluate(*root)) {
        return std::move(*value);
      } else {
        too_deep = node.path.SelectsTooDeep(*root);
      }
      if (too_deep) {
        // NONSTANDARD: sfnsim's bound on run-time JSON (docs/known-differences.md).
        return Fail(Error(std::string(errors::kRuntime),
                          fmt::format("The JSONPath '{}' specified for the field '{}' selects a "
                                      "value nested more than {} levels deep, sfnsim's limit "
                                      "for JSON values",
                                      node.path.text(), node.field, kMaxJsonDepth)));
      }
      // Recorded on AWS: "The JSONPath '$.JobName' specified for the field 'JobName.$' could
      // not be found in the input '{}'". NOTE: for a "$$" path sfnsim quotes the Context
      // object, the document the path was read from (AWS's text is not known for that case).
      return Fail(Error(std::string(errors::kRuntime),
                        fmt::format("The JSONPath '{}' specified for the field '{}' could not be "
                                    "found in the input '{}'",
                                    node.path.text(), node.field, Dump(*root))));
    }
    case TemplateNode::Kind::kIntrinsic:
      return node.call.Evaluate(context);
  }
  return Json();
}

// Adds the input field `path` starts from to `fields`; false when the path can read more of the
// input than one top-level field (see PayloadTemplate::input_fields_read).
bool AddInputFieldRead(const JsonPath& path, std::vector<std::string>& fields) {
  if (path.is_context() || path.is_variable()) return true;
  if (path.steps().empty()) return false;  // "$": the whole input
  const JsonPathStep& first = path.steps().front();
  if (first.kind != JsonPathStepKind::kName || first.descendant) return false;
  // A filter further down may hold a "$" path of its own (Jayway evaluates it on the input).
  for (const JsonPathStep& step : path.steps()) {
    if (step.kind == JsonPathStepKind::kFilter) return false;
  }
  if (std::find(fields.begin(), fields.end(), first.name) == fields.end()) {
    fields.push_back(first.name);
  }
  return true;
}

bool CollectInputFieldsRead(const TemplateNode& node, std::vector<std::string>& fields) {
  switch (node.kind) {
    case TemplateNode::Kind::kStatic: return true;
    case TemplateNode::Kind::kObject:
      for (const TemplateMember& member : node.members) {
        if (!CollectInputFieldsRead(member.second, fields)) return false;
      }
      return true;
    case TemplateNode::Kind::kArray:
      for (const TemplateNode& item : node.items) {
        if (!CollectInputFieldsRead(item, fields)) return false;
      }
      return true;
    case TemplateNode::Kind::kPath: return AddInputFieldRead(node.path, fields);
    case TemplateNode::Kind::kIntrinsic: {
      bool bounded = true;
      node.call.ForEachPath([&](const JsonPath& path) {
        bounded = bounded && AddInputFieldRead(path, fields);
      });
      return bounded;
    }
  }
  return false;
}

}  // namespace

// https://states-language.net/spec.html#payload-template
Result<PayloadTemplate, std::vector<TemplateIssue>> PayloadTemplate::Compile(const Json& tmpl) {
  Compiler compiler;
  TemplateNode root = compiler.Compile(tmpl, "");
  if (!compiler.issues.empty()) return Fail(std::move(compiler.issues));
  PayloadTemplate compiled;
  compiled.root_ = std::make_unique<TemplateNode>(std::move(root));
  compiled.uses_context_ = compiler.uses_context;
  std::vector<std::string> fields;
  if (CollectInputFieldsRead(*compiled.root_, fields)) {
    std::sort(fields.begin(), fields.end());
    compiled.input_fields_read_ = std::move(fields);
  }
  return compiled;
}

PayloadTemplate::PayloadTemplate() = default;
PayloadTemplate::PayloadTemplate(PayloadTemplate&&) noexcept = default;
PayloadTemplate& PayloadTemplate::operator=(PayloadTemplate&&) noexcept = default;
PayloadTemplate::~PayloadTemplate() = default;

Result<Json> PayloadTemplate::Evaluate(const EvalContext& context) const {
  if (root_ == nullptr) return Json::object();
  return EvaluateNode(*root_, context);
}

bool PayloadTemplate::is_static() const {
  return root_ == nullptr || root_->kind == TemplateNode::Kind::kStatic;
}

}  // namespace asl
