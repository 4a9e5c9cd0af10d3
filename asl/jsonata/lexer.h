#pragma once
// Splits a JSONata expression into tokens, one at a time, as the parser asks for them.

#include <string>
#include <string_view>

namespace asl::jsonata {

enum class TokenKind { kEnd, kOperator, kName, kVariable, kString, kNumber, kValue, kRegex };

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;     // operator symbol, name, variable name, string value, regex pattern
  std::string flags;    // regex flags
  double number = 0;    // kNumber
  int position = 0;     // one past the token's last character, as the reference reports it
};

class Lexer {
 public:
  explicit Lexer(std::string_view source) : src_(source) {}
  // The next token. `infix` says an operator is expected, so `/` divides instead of opening a
  // regex.
  Token Next(bool infix);

 private:
  Token ScanRegex();
  std::string_view src_;
  size_t pos_ = 0;
};

}  // namespace asl::jsonata
