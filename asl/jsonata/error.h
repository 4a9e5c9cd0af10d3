#pragma once
// The error the JSONata engine reports: the reference's code (S0xxx parse errors, T0xxx/T1xxx/
// T2xxx type errors, D1xxx-D3xxx dynamic errors, U1001 guard), the character position in the
// expression and, where the reference gives one, the offending token.

#include <optional>
#include <string>

namespace asl::jsonata {

struct Error {
  std::string code;
  std::string message;
  std::optional<int> position;
  std::optional<std::string> token;
};

// Thrown inside the engine and caught at the public API (jsonata.h), which returns it.
struct ErrorException {
  Error error;
};

[[noreturn]] inline void Throw(std::string code, std::optional<int> position = std::nullopt,
                               std::optional<std::string> token = std::nullopt,
                               std::string message = {}) {
  throw ErrorException{Error{std::move(code), std::move(message), position, std::move(token)}};
}

}  // namespace asl::jsonata
