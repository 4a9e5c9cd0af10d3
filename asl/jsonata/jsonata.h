#pragma once
// sfnsim's JSONata engine: compile an expression once, evaluate it many times.
//
//   auto compiled = asl::jsonata::Expression::Compile("Account.Order.Product.Price");
//   auto result = compiled->Evaluate(&input, options);
//
// Errors are returned, never thrown: `Evaluation::error` carries the reference's code
// (S0xxx parse, T/D runtime, U1001 guard), position and token.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "asl/base/json.h"
#include "asl/jsonata/error.h"

namespace asl::jsonata {

struct Node;

struct EvaluateOptions {
  const Json* bindings = nullptr;  // an object: {"x": 1} binds $x
  int max_depth = 0;               // nested evaluations; 0 = default (1000)
  int64_t time_limit_ms = 0;       // 0 = no time guard
  std::function<int64_t()> now_ms;  // $now / $millis; unset = 0
  std::function<double()> random;   // $random / $shuffle, in [0, 1); unset = 0.5
};

struct Evaluation {
  std::optional<Json> result;  // nullopt with no error: the result is undefined
  std::optional<Error> error;
};

class Expression {
 public:
  // Parses `source`; a syntax error is returned as the Error.
  static std::variant<Expression, Error> Compile(std::string_view source);

  // `input` may be nullptr (undefined input). The document is borrowed, not copied.
  Evaluation Evaluate(const Json* input, const EvaluateOptions& options = {}) const;

 private:
  std::shared_ptr<const Node> ast_;
};

}  // namespace asl::jsonata
