// IntrinsicCall: parse once (intrinsic_parser.cc), evaluate the call tree many times.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html

#include "asl/intrinsics/intrinsic_call.h"

#include <fmt/format.h>

#include "asl/base/json_limits.h"
#include "asl/intrinsics/intrinsic_node.h"
#include "asl/intrinsics/registry.h"

namespace asl {

using intrinsics::Args;
using intrinsics::Fault;
using intrinsics::Value;

namespace {

const Json& EmptyObject() {
  static const Json empty = Json::object();
  return empty;
}

// AWS, for "States.Format('{}', $.nope)" on input {"other":1} (States.Runtime):
// "The function 'States.Format('{}', $.nope)' had the following error: The JsonPath argument
// for the field '$.nope' could not be found in the input '{"other":1}'"
// (floci StepFunctionsIntrinsicMissingArgumentIntegrationTest, measured on AWS us-east-1). The
// part after "had the following error: " is built here.
Fault PathNotFound(const JsonPath& path, const Json& root) {
  return {errors::kRuntime,
          fmt::format("The JsonPath argument for the field '{}' could not be found in the "
                      "input '{}'",
                      path.text(), Dump(root))};
}

Fault UnsetVariable(const JsonPath& path) {
  return {errors::kRuntime,
          fmt::format("The JsonPath argument for the field '{}' could not be resolved: {}",
                      path.text(), path.UnsetVariableDetail())};
}

// NONSTANDARD: sfnsim's bound on run-time JSON (docs/known-differences.md).
Fault PathTooDeep(const JsonPath& path) {
  return {errors::kRuntime,
          fmt::format("The JsonPath argument for the field '{}' selects a value nested more "
                      "than {} levels deep, sfnsim's limit for JSON values",
                      path.text(), kMaxJsonDepth)};
}

Result<Json, Fault> EvaluateCall(const IntrinsicCallNode& node, const EvalContext& context);

Result<Value, Fault> EvaluateArgument(const IntrinsicArgument& argument,
                                      const EvalContext& context) {
  switch (argument.kind) {
    case IntrinsicArgument::Kind::kLiteral:
      return Value::Ref(&argument.literal);
    case IntrinsicArgument::Kind::kCall:
      return Value::Own(TRY(EvaluateCall(*argument.call, context)));
    case IntrinsicArgument::Kind::kPath:
      break;
  }
  const JsonPath& path = argument.path;
  // A "$$" path reads the Context object; the caller provides it when uses_context() is true.
  const Json* found_root = path.Root(context);
  if (found_root == nullptr && path.is_variable()) return Fail(UnsetVariable(path));
  const Json& root = found_root != nullptr ? *found_root : EmptyObject();
  if (path.is_definite()) {
    // OPTIMIZATION: a definite path points into the document; nothing is copied. Functions may
    // copy, compare or serialise the argument, which recurses once per level: its depth is
    // checked first.
    const Json* node = path.Find(root);
    if (node == nullptr) return Fail(PathNotFound(path, root));
    if (JsonDepthExceeds(*node, kMaxJsonDepth)) return Fail(PathTooDeep(path));
    return Value::Ref(node);
  }
  std::optional<Json> matches = path.Evaluate(root);
  if (!matches) {
    return Fail(path.SelectsTooDeep(root) ? PathTooDeep(path) : PathNotFound(path, root));
  }
  return Value::Own(std::move(*matches));
}

Result<Json, Fault> EvaluateCall(const IntrinsicCallNode& node, const EvalContext& context) {
  // Arguments are evaluated left to right, the first failure wins.
  Args args(node.args.size());
  for (size_t i = 0; i < node.args.size(); ++i) {
    args.slot(i) = TRY(EvaluateArgument(node.args[i], context));
  }
  return intrinsics::Info(node.id).impl(node, args, context);
}

bool UsesContext(const IntrinsicCallNode& node) {
  for (const IntrinsicArgument& argument : node.args) {
    if (argument.kind == IntrinsicArgument::Kind::kPath && argument.path.is_context()) {
      return true;
    }
    if (argument.kind == IntrinsicArgument::Kind::kCall && UsesContext(*argument.call)) {
      return true;
    }
  }
  return false;
}

void VisitPaths(const IntrinsicCallNode& node,
                const std::function<void(const JsonPath&)>& visit) {
  for (const IntrinsicArgument& argument : node.args) {
    if (argument.kind == IntrinsicArgument::Kind::kPath) visit(argument.path);
    if (argument.kind == IntrinsicArgument::Kind::kCall) VisitPaths(*argument.call, visit);
  }
}

}  // namespace

void IntrinsicCall::ForEachPath(const std::function<void(const JsonPath&)>& visit) const {
  if (root_ != nullptr) VisitPaths(*root_, visit);
}

bool IntrinsicCall::LooksLikeCall(std::string_view text) {
  size_t start = text.find_first_not_of(" \t\n\r");
  return start != std::string_view::npos && text.substr(start).starts_with("States.");
}

Result<IntrinsicCall, std::string> IntrinsicCall::Parse(std::string_view text) {
  IntrinsicCall call;
  call.root_ = TRY(intrinsics::ParseCallTree(text));
  call.text_ = std::string(text);
  call.uses_context_ = UsesContext(*call.root_);
  return call;
}

IntrinsicCall::IntrinsicCall() = default;
IntrinsicCall::IntrinsicCall(IntrinsicCall&&) noexcept = default;
IntrinsicCall& IntrinsicCall::operator=(IntrinsicCall&&) noexcept = default;
IntrinsicCall::~IntrinsicCall() = default;

Result<Json> IntrinsicCall::Evaluate(const EvalContext& context) const {
  if (root_ == nullptr) {
    return Fail(Error(std::string(errors::kRuntime), "The intrinsic call was not compiled"));
  }
  Result<Json, Fault> result = EvaluateCall(*root_, context);
  if (!result.ok()) {
    // The cause names the whole expression as written, even when a nested call failed
    // (floci's nestedIntrinsicNamesTheWholeExpression, measured on AWS).
    Fault fault = std::move(result).error();
    return Fail(
        Error(std::string(fault.error),
              fmt::format("The function '{}' had the following error: {}", text_, fault.message)));
  }
  return std::move(result).value();
}

}  // namespace asl
