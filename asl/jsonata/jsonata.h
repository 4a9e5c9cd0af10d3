#pragma once
// sfnsim's JSONata engine: compile an expression once, evaluate it many times.
//
//   auto compiled = asl::jsonata::Expression::Compile("Account.Order.Product.Price");
//   auto result = std::get<Expression>(compiled).Evaluate(&input, options);
//
// Errors are returned, never thrown: `Evaluation::error` carries the reference's code
// (S0xxx parse, T/D runtime, U1001 guard), message, position and token.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "asl/base/json.h"
#include "asl/jsonata/error.h"
#include "asl/jsonata/function_set.h"

namespace asl::jsonata {

struct Node;

struct EvaluateOptions {
  // The global functions; nullptr = FunctionSet::Standard(). Borrowed.
  const FunctionSet* functions = nullptr;
  // `$name`s the expression neither binds itself nor finds in `bindings` or `functions` are
  // asked for here, once per evaluation and name (the answer is cached for the evaluation).
  // Return a document that stays valid until Evaluate returns (it is borrowed, not copied), or
  // nullptr for undefined. Lets a caller resolve `$states` or a workflow variable lazily.
  std::function<const Json*(std::string_view name)> variables;
  // A `$name` bound to an object whose members are borrowed documents: asked before
  // `variables` (once per evaluation and name). Fill `members` and return true to bind it; the
  // documents are borrowed as `variables`' are. Lets Step Functions hand over $states
  // ({input, result, errorOutput, context}) without copying the state's input.
  using Members = std::vector<std::pair<std::string_view, const Json*>>;
  std::function<bool(std::string_view name, Members& members)> objects;
  const Json* bindings = nullptr;  // an object: {"x": 1} binds $x (shadows functions)
  int max_depth = 0;               // nested evaluations; 0 = default (1000)
  int64_t time_limit_ms = 0;       // 0 = no time guard
  std::function<int64_t()> now_ms;  // $now / $millis; unset = 0
  std::function<double()> random;   // $random / $shuffle / $uuid, in [0, 1); unset = 0.5
  void* host = nullptr;             // handed to host functions (HostCall::options.host)
};

struct Evaluation {
  std::optional<Json> result;  // nullopt with no error: the result is undefined
  std::optional<Error> error;
  // Session::EvaluateBorrowing only: the result is this document, which the input, a binding
  // or a variable lent (`result` stays empty); nullptr when the result was built.
  const Json* borrowed = nullptr;
};

// A `$name` an expression reads without binding it itself (not a lambda parameter, not bound
// with `:=` in an enclosing block, not an `@$x` / `#$i` binding of its path).
struct VariableReference {
  std::string name;  // without `$`
  int position = 0;  // the reference's position (just after the name)
  bool called = false;  // in call position: `$name(...)`, `$name(?)`, `x ~> $name(...)`
  // The field names that directly follow in its path: `$states.input.a[0]` gives
  // {"input", "a"}. Empty when the variable is used on its own or followed by something else.
  std::vector<std::string> fields;
};

class Expression {
 public:
  // Parses `source`; a syntax error is returned as the Error.
  static std::variant<Expression, Error> Compile(std::string_view source);

  // `input` may be nullptr (undefined input). The document is borrowed, not copied.
  Evaluation Evaluate(const Json* input, const EvaluateOptions& options = {}) const;

  // Every free `$name` the expression reads or calls, in source order (repeats included).
  // `$` and `$$` (the context and the root) are not listed.
  std::vector<VariableReference> ReferencedVariables() const;

  const std::string& source() const { return *source_; }

 private:
  friend class Session;
  std::shared_ptr<const Node> ast_;
  std::shared_ptr<const std::string> source_;
};

// Evaluates several expressions with one set of options, as the expressions of one Step
// Functions field are: the names the options resolve ($states through `objects`, workflow
// variables, functions) are resolved once for all of them, and the evaluator's set-up is paid
// once. The time guard counts from the session's start. `options` is borrowed.
class Evaluator;
class Session {
 public:
  explicit Session(const EvaluateOptions& options);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  Evaluation Evaluate(const Expression& expression, const Json* input);
  // The same, but a result that is a document the caller lent (`$states.input.rows`) comes back
  // as Evaluation::borrowed instead of a copy: for values the caller keeps no longer than it
  // keeps the documents it lent.
  Evaluation EvaluateBorrowing(const Expression& expression, const Json* input);

 private:
  std::unique_ptr<Evaluator> evaluator_;
};

}  // namespace asl::jsonata
