#pragma once
// Callable values: lambdas (with the frame they close over), built-in functions, partial
// applications and regexes (a regex is a matcher function in the reference).

#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "asl/jsonata/function_set.h"
#include "asl/jsonata/value.h"

namespace asl::jsonata {

struct Node;
struct Signature;
class Frame;
class Evaluator;

// What a built-in receives besides its arguments: the engine (to call function arguments) and
// the focus (context value) at the call.
struct CallContext {
  Evaluator& evaluator;
  const Value& input;
  Frame* frame;
};

using BuiltinImpl = Value (*)(CallContext& ctx, std::vector<Value>& args);

// A library function: `impl` for the engine's own, `host` for one a caller added to its
// FunctionSet (JSON in, JSON out).
struct Builtin {
  std::string name;
  std::shared_ptr<Signature> signature;
  BuiltinImpl impl = nullptr;
  HostFunction host;
  // The arity the reference sees when it decides how many arguments $map, $filter, $each ...
  // pass: JavaScript's Function.length of its implementation, which stops at the first
  // parameter with a default value. -1 = the signature's parameter count.
  int arity = -1;
};

struct Function {
  enum class Kind { kLambda, kBuiltin, kPartial, kRegex };
  Kind kind = Kind::kLambda;
  // kLambda
  const Node* node = nullptr;  // the lambda node (body in node->lhs, params, signature)
  Frame* closure = nullptr;
  Value input;                 // the focus where the lambda was defined
  bool thunk = false;
  // kBuiltin (owned: built once per FunctionSet entry)
  std::shared_ptr<const Builtin> builtin;
  // kPartial: `target` with `args`; placeholders are marked in `holes`
  std::shared_ptr<Function> target;
  std::vector<Value> args;
  std::vector<bool> holes;
  // kRegex
  std::shared_ptr<std::regex> regex;

  // The reference's arity: parameters of a lambda, of a builtin's signature, holes of a partial.
  size_t Arity() const;
};

}  // namespace asl::jsonata
