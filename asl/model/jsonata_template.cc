#include "asl/model/jsonata_template.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

#include "asl/base/diagnostic.h"
#include "asl/jsonata/function_set.h"

namespace asl {

namespace {

// The expression between "{%" and "%}", or nullopt when `text` is not one. AWS requires the
// delimiters at the very start and end of the string; the expression inside may have spaces.
std::optional<std::string_view> ExpressionSource(std::string_view text) {
  if (text.size() < 4 || !text.starts_with("{%") || !text.ends_with("%}")) return std::nullopt;
  std::string_view inner = text.substr(2, text.size() - 4);
  while (!inner.empty() && (inner.front() == ' ' || inner.front() == '\t' ||
                            inner.front() == '\n' || inner.front() == '\r')) {
    inner.remove_prefix(1);
  }
  while (!inner.empty() && (inner.back() == ' ' || inner.back() == '\t' || inner.back() == '\n' ||
                            inner.back() == '\r')) {
    inner.remove_suffix(1);
  }
  return inner;
}

// JSONata computes in doubles: a whole number comes back as 1.0, which AWS writes as 1. Whole
// values within the exactly representable range become integers again, at any depth.
void NormalizeNumbers(Json& value) {
  if (value.is_number_float()) {
    double d = value.get<double>();
    constexpr double kExact = 9007199254740992.0;  // 2^53
    if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) <= kExact) {
      value = static_cast<int64_t>(d);
    }
  } else if (value.is_structured()) {
    for (Json& child : value) NormalizeNumbers(child);
  }
}

// The developer guide ("Transforming data with JSONata"): every function of JSONata 2.0.6 is
// available "with one exception: $eval is not available -- use $parse instead". A call of a
// standard function Step Functions leaves out is refused when the definition loads; calling it
// would fail at run time anyway (T1006, not a function), and a lambda the expression binds
// itself under that name is not a free reference, so it is not refused.
void RefuseUnavailableFunctions(const jsonata::Expression& expression, const std::string& pointer,
                                const std::string& source,
                                std::vector<JsonataTemplate::CompileIssue>& issues) {
  const jsonata::FunctionSet& available = jsonata::FunctionSet::StepFunctions();
  const jsonata::FunctionSet& standard = jsonata::FunctionSet::Standard();
  for (const jsonata::VariableReference& ref : expression.ReferencedVariables()) {
    if (!ref.called || available.Contains(ref.name) || !standard.Contains(ref.name)) continue;
    std::string message = fmt::format("${} is not available in Step Functions", ref.name);
    if (ref.name == "eval") message += ": use $parse to read JSON text";
    issues.push_back({pointer, source,
                      jsonata::Error{"T1006", std::move(message), ref.position, "$" + ref.name}});
  }
}

// Step Functions exposes the data through $states (and the variables) only, so an
// expression's own input carries nothing. It is an empty object rather than undefined: sfnsim's
// engine yields nothing for a path that starts at a variable ($states.input) when the input is
// undefined, where the reference evaluates the variable.
const Json& NoInput() {
  static const Json* const kNoInput = new Json(Json::object());
  return *kNoInput;
}

}  // namespace

bool JsonataTemplate::IsExpression(const Json& value) {
  return value.is_string() && ExpressionSource(value.get_ref<const std::string&>()).has_value();
}

std::optional<JsonataTemplate> JsonataTemplate::Compile(const Json& value, std::string field_name,
                                                        std::vector<CompileIssue>& issues) {
  size_t before = issues.size();
  JsonataTemplate out;
  out.field_name_ = std::move(field_name);
  out.root_ = CompileNode(value, "", issues);
  if (issues.size() != before) return std::nullopt;
  out.CollectReferences(out.root_);
  return out;
}

void JsonataTemplate::CollectReferences(const Node& node) {
  if (node.expression) {
    for (const jsonata::VariableReference& ref : node.expression->ReferencedVariables()) {
      if (ref.name == "states") {
        if (ref.fields.empty() || ref.fields.front() == "context") reads_context_ = true;
        continue;
      }
      if (std::find(variables_.begin(), variables_.end(), ref.name) == variables_.end()) {
        variables_.push_back(ref.name);
      }
    }
  }
  for (const Node& child : node.children) CollectReferences(child);
}

JsonataTemplate::Node JsonataTemplate::CompileNode(const Json& value, const std::string& pointer,
                                                   std::vector<CompileIssue>& issues) {
  Node node;
  if (value.is_string()) {
    if (auto source = ExpressionSource(value.get_ref<const std::string&>())) {
      node.kind = Node::Kind::kExpression;
      node.source = std::string(*source);
      node.has_expression = true;
      auto compiled = jsonata::Expression::Compile(node.source);
      if (auto* error = std::get_if<jsonata::Error>(&compiled)) {
        issues.push_back({pointer, node.source, std::move(*error)});
      } else {
        node.expression = std::move(std::get<jsonata::Expression>(compiled));
        RefuseUnavailableFunctions(*node.expression, pointer, node.source, issues);
      }
      return node;
    }
  } else if (value.is_object()) {
    node.kind = Node::Kind::kObject;
    for (auto it = value.begin(); it != value.end(); ++it) {
      node.keys.push_back(it.key());
      node.children.push_back(CompileNode(it.value(), PointerJoin(pointer, it.key()), issues));
      node.has_expression |= node.children.back().has_expression;
    }
  } else if (value.is_array()) {
    node.kind = Node::Kind::kArray;
    for (size_t i = 0; i < value.size(); ++i) {
      node.children.push_back(CompileNode(value[i], PointerJoin(pointer, i), issues));
      node.has_expression |= node.children.back().has_expression;
    }
  }
  // A subtree without expressions is copied whole when evaluated.
  if (!node.has_expression) {
    node = Node();
    node.literal = value;
  }
  return node;
}

std::optional<Json> JsonataTemplate::Evaluate(const jsonata::EvaluateOptions& options,
                                              Failure& failure) const {
  Json out;
  std::string location = field_name_;
  jsonata::Session session(options);
  if (!EvaluateNode(root_, session, location, out, failure)) return std::nullopt;
  return out;
}

const Json* JsonataTemplate::EvaluateBorrowing(const jsonata::EvaluateOptions& options,
                                               Json& storage, Failure& failure) const {
  if (root_.kind != Node::Kind::kExpression) {
    std::optional<Json> value = Evaluate(options, failure);
    if (!value) return nullptr;
    storage = std::move(*value);
    return &storage;
  }
  jsonata::Session session(options);
  jsonata::Evaluation result = session.EvaluateBorrowing(*root_.expression, &NoInput());
  // A lent document is the caller's as it is: its numbers are already as the JSON wrote them.
  if (result.borrowed != nullptr) return result.borrowed;
  if (!TakeResult(result, root_, field_name_, storage, failure)) return nullptr;
  return &storage;
}

bool JsonataTemplate::TakeResult(jsonata::Evaluation& result, const Node& node,
                                 const std::string& location, Json& out, Failure& failure) {
  if (result.error || !result.result) {
    failure.expression = node.source;
    failure.location = location;
    failure.error = std::move(result.error);
    return false;
  }
  out = std::move(*result.result);
  NormalizeNumbers(out);
  return true;
}

bool JsonataTemplate::EvaluateNode(const Node& node, jsonata::Session& session,
                                   std::string& location, Json& out, Failure& failure) const {
  switch (node.kind) {
    case Node::Kind::kLiteral: out = node.literal; return true;
    case Node::Kind::kExpression: {
      jsonata::Evaluation result = session.Evaluate(*node.expression, &NoInput());
      return TakeResult(result, node, location, out, failure);
    }
    case Node::Kind::kObject: {
      out = Json::object();
      for (size_t i = 0; i < node.keys.size(); ++i) {
        size_t mark = location.size();
        location += '/';
        location += node.keys[i];
        Json child;
        if (!EvaluateNode(node.children[i], session, location, child, failure)) return false;
        location.resize(mark);
        out[node.keys[i]] = std::move(child);
      }
      return true;
    }
    case Node::Kind::kArray: {
      out = Json::array();
      for (size_t i = 0; i < node.children.size(); ++i) {
        size_t mark = location.size();
        location += '[' + std::to_string(i) + ']';
        Json child;
        if (!EvaluateNode(node.children[i], session, location, child, failure)) return false;
        location.resize(mark);
        out.push_back(std::move(child));
      }
      return true;
    }
  }
  return false;
}

std::vector<std::string_view> JsonataTemplate::Sources() const {
  std::vector<std::string_view> out;
  CollectSources(root_, out);
  return out;
}

void JsonataTemplate::CollectSources(const Node& node, std::vector<std::string_view>& out) {
  if (node.kind == Node::Kind::kExpression) out.push_back(node.source);
  for (const Node& child : node.children) CollectSources(child, out);
}

}  // namespace asl
