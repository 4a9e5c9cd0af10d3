#pragma once
// The global functions an evaluation sees. A FunctionSet is built once and shared, read-only,
// by every evaluation that names it in EvaluateOptions::functions (binding ~80 built-ins into a
// fresh frame per evaluation was the engine's main fixed cost). Lookups from any number of
// threads are safe; building (Add/Remove) is not meant to race with evaluations using the set.
//
//   FunctionSet functions = FunctionSet::StepFunctions();   // a copy to extend
//   functions.Add("double", "<n:n>", [](const HostCall& call) {
//     return HostResult::Of(Json(call.args[0]->get<double>() * 2));
//   });
//   functions.Remove("eval");

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/json.h"
#include "asl/jsonata/error.h"
#include "asl/jsonata/value.h"

namespace asl::jsonata {

struct EvaluateOptions;

// What a host function receives: its arguments after the signature check (a context `-`
// parameter is already filled in; std::nullopt is JSONata's undefined) and the options of the
// evaluation that called it (for `host`, `random`, `now_ms`).
struct HostCall {
  const std::vector<std::optional<Json>>& args;
  const EvaluateOptions& options;
};

// A value, undefined (neither set), or an error (code and message; the engine adds the
// position and the function's name as token).
struct HostResult {
  std::optional<Json> value;
  std::optional<Error> error;

  static HostResult Of(Json v) { return HostResult{std::move(v), std::nullopt}; }
  static HostResult Undefined() { return HostResult{}; }
  static HostResult Fail(std::string code, std::string message) {
    return HostResult{std::nullopt,
                      Error{std::move(code), std::move(message), std::nullopt, std::nullopt}};
  }
};

using HostFunction = std::function<HostResult(const HostCall& call)>;

class FunctionSet {
 public:
  FunctionSet() = default;  // empty: no functions at all

  // The reference implementation's library (JSONata 2.x).
  static const FunctionSet& Standard();
  // What Step Functions evaluates with: the standard library without the functions AWS refuses,
  // plus AWS's own ($partition, $range, $hash, $random with a seed, $uuid, $parse).
  static const FunctionSet& StepFunctions();

  // Adds or replaces `$name` (given without the `$`). `signature` is in the reference's notation
  // ("<n-n?:s>"), checked on every call as for built-ins; empty means unchecked. A malformed
  // signature is a programming error: throws std::invalid_argument.
  void Add(std::string_view name, std::string_view signature, HostFunction function);
  // Removes `$name`; false when it was not in the set.
  bool Remove(std::string_view name);
  bool Contains(std::string_view name) const { return Find(name) != nullptr; }
  std::vector<std::string> Names() const;  // sorted, without `$`

  // Engine use: the function bound to `name`, nullptr when absent.
  const Value* Find(std::string_view name) const;
  // Engine use: binds a built-in function value (library.cc).
  void Set(std::string name, Value function);

 private:
  std::map<std::string, Value, std::less<>> functions_;
};

}  // namespace asl::jsonata
