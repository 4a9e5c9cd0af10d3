#include "asl/path/payload_template.h"

#include <cassert>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "asl/base/diagnostic.h"
#include "asl/base/error_names.h"
#include "asl/intrinsics/intrinsic_call.h"
#include "asl/path/json_path.h"

namespace asl {

// The compiled template. A subtree without any ".$" key compiles to one static value.
struct TemplateNode {
  enum class Kind { kStatic, kObject, kArray, kPath, kIntrinsic };
  Kind kind = Kind::kStatic;
  Json literal;                                              // kStatic
  std::vector<std::pair<std::string, TemplateNode>> members;  // kObject (".$" stripped)
  std::vector<TemplateNode> items;                          // kArray
  std::string field;                                        // kPath, kIntrinsic: "x.$"
  JsonPath path;                                            // kPath
  IntrinsicCall call;                                       // kIntrinsic
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
    for (const auto& [key, member] : value.items()) {
      std::string member_pointer = PointerJoin(pointer, key);
      if (!IsDynamicKey(key)) {
        node.members.emplace_back(key, Compile(member, member_pointer));
        continue;
      }
      std::string name = key.substr(0, key.size() - kDynamicSuffix.size());
      node.members.emplace_back(std::move(name), CompileField(key, member, member_pointer));
    }
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
      Json out = Json::object();
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
      const Json* root = &context.input;
      if (node.path.is_context()) {
        assert(context.context != nullptr && "uses_context() templates need the Context object");
        root = context.context != nullptr ? context.context : &kEmptyObject;
      }
      // OPTIMIZATION: a definite path is read in place and copied once.
      if (node.path.is_definite()) {
        if (const Json* found = node.path.Find(*root)) return *found;
      } else if (std::optional<Json> value = node.path.Evaluate(*root)) {
        return std::move(*value);
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

}  // namespace

// https://states-language.net/spec.html#payload-template
Result<PayloadTemplate, std::vector<TemplateIssue>> PayloadTemplate::Compile(const Json& tmpl) {
  if (!tmpl.is_object()) {
    return Fail(std::vector<TemplateIssue>{
        {"", fmt::format("a payload template must be a JSON object, not {}", TypeName(tmpl))}});
  }
  Compiler compiler;
  TemplateNode root = compiler.Compile(tmpl, "");
  if (!compiler.issues.empty()) return Fail(std::move(compiler.issues));
  PayloadTemplate compiled;
  compiled.root_ = std::make_unique<TemplateNode>(std::move(root));
  compiled.uses_context_ = compiler.uses_context;
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
