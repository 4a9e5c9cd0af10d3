#pragma once
// Helpers shared by the intrinsics tests: parse and evaluate a call in one step, and spell the
// error AWS reports so tests compare whole cause texts.

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "asl/base/json.h"
#include "asl/base/random.h"
#include "asl/intrinsics/intrinsic_call.h"

namespace asl::testing {

// The parse error of `text`, or "<parsed>" when it parses.
inline std::string ParseError(std::string_view text) {
  auto call = IntrinsicCall::Parse(text);
  return call.ok() ? std::string("<parsed>") : call.error();
}

struct EvalOptions {
  const Json* context = nullptr;
  Random* random = nullptr;
};

// Parses and evaluates `text` against `input`. A parse error is a test failure and an error
// named "<parse>".
inline Result<Json> Eval(std::string_view text, const Json& input = Json::object(),
                         EvalOptions options = {}) {
  auto call = IntrinsicCall::Parse(text);
  if (!call.ok()) {
    ADD_FAILURE() << "parse error for " << text << ": " << call.error();
    return Fail(Error("<parse>", call.error()));
  }
  EvalContext context{input, options.context, options.random};
  return call->Evaluate(context);
}

// The value of `text` as compact JSON, or "<error> NAME: CAUSE".
inline std::string EvalText(std::string_view text, const Json& input = Json::object(),
                            EvalOptions options = {}) {
  Result<Json> result = Eval(text, input, options);
  if (!result.ok()) return "<error> " + result.error().name + ": " + result.error().cause;
  return Dump(*result);
}

// "name: cause" of a failing evaluation, or "<ok> VALUE".
inline std::string EvalError(std::string_view text, const Json& input = Json::object(),
                             EvalOptions options = {}) {
  Result<Json> result = Eval(text, input, options);
  if (result.ok()) return "<ok> " + Dump(*result);
  return result.error().name + ": " + result.error().cause;
}

// What AWS reports for refused arguments: States.Runtime, the whole expression, and
// "Invalid arguments in <function>".
inline std::string InvalidArguments(std::string_view text, std::string_view function) {
  return "States.Runtime: The function '" + std::string(text) +
         "' had the following error: Invalid arguments in " + std::string(function);
}

// What AWS reports for a path argument that selects nothing.
inline std::string PathNotFound(std::string_view text, std::string_view path,
                                std::string_view input) {
  return "States.Runtime: The function '" + std::string(text) +
         "' had the following error: The JsonPath argument for the field '" + std::string(path) +
         "' could not be found in the input '" + std::string(input) + "'";
}

// The input document of a call, written inline.
inline Json Input(const char* json) { return Json::parse(json); }

}  // namespace asl::testing
