#include "asl/jsonata/lexer.h"

#include <cstdlib>
#include <string>

#include "asl/base/utf8.h"
#include "asl/jsonata/error.h"

namespace asl::jsonata {
namespace {

bool IsOperatorChar(char c) {
  switch (c) {
    case '.': case '[': case ']': case '{': case '}': case '(': case ')': case ',': case '@':
    case '#': case ';': case ':': case '?': case '+': case '-': case '*': case '/': case '%':
    case '|': case '=': case '<': case '>': case '^': case '&': case '!': case '~':
      return true;
    default:
      return false;
  }
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Token Lexer::ScanRegex() {
  // pos_ is just after the opening '/'. The pattern ends at the first '/' that is not escaped
  // and not inside a character class.
  size_t start = pos_;
  int depth = 0;
  while (pos_ < src_.size()) {
    char c = src_[pos_];
    if (c == '/' && depth == 0 && (pos_ == start || src_[pos_ - 1] != '\\' ||
                                   (pos_ >= 2 && src_[pos_ - 2] == '\\'))) {
      std::string pattern(src_.substr(start, pos_ - start));
      if (pattern.empty()) Throw("S0301", static_cast<int>(pos_));
      ++pos_;
      size_t flag_start = pos_;
      while (pos_ < src_.size() && (src_[pos_] == 'i' || src_[pos_] == 'm')) ++pos_;
      Token t;
      t.kind = TokenKind::kRegex;
      t.text = std::move(pattern);
      t.flags = std::string(src_.substr(flag_start, pos_ - flag_start));
      t.position = static_cast<int>(pos_);
      return t;
    }
    if ((c == '(' || c == '[' || c == '{') && (pos_ == 0 || src_[pos_ - 1] != '\\')) ++depth;
    if ((c == ')' || c == ']' || c == '}') && (pos_ == 0 || src_[pos_ - 1] != '\\')) --depth;
    ++pos_;
  }
  Throw("S0302", static_cast<int>(pos_));
}

Token Lexer::Next(bool infix) {
  for (;;) {
    while (pos_ < src_.size() && IsSpace(src_[pos_])) ++pos_;
    if (pos_ + 1 < src_.size() && src_[pos_] == '/' && src_[pos_ + 1] == '*') {
      size_t comment_start = pos_;
      pos_ += 2;
      size_t end = src_.find("*/", pos_);
      if (end == std::string_view::npos) Throw("S0106", static_cast<int>(comment_start));
      pos_ = end + 2;
      continue;
    }
    break;
  }
  Token t;
  if (pos_ >= src_.size()) {
    t.position = static_cast<int>(pos_);
    return t;
  }
  char c = src_[pos_];
  if (c == '/' && !infix) {
    ++pos_;
    return ScanRegex();
  }
  auto op = [&](size_t len) {
    t.kind = TokenKind::kOperator;
    t.text = std::string(src_.substr(pos_, len));
    pos_ += len;
    t.position = static_cast<int>(pos_);
    return t;
  };
  char n = pos_ + 1 < src_.size() ? src_[pos_ + 1] : '\0';
  if (c == '.' && n == '.') return op(2);
  if (c == ':' && n == '=') return op(2);
  if (c == '!' && n == '=') return op(2);
  if (c == '>' && n == '=') return op(2);
  if (c == '<' && n == '=') return op(2);
  if (c == '*' && n == '*') return op(2);
  if (c == '~' && n == '>') return op(2);
  if (c == '?' && n == ':') return op(2);
  if (c == '?' && n == '?') return op(2);
  if (IsOperatorChar(c)) return op(1);
  if (c == '"' || c == '\'') {
    char quote = c;
    ++pos_;
    std::string value;
    while (pos_ < src_.size()) {
      char ch = src_[pos_];
      if (ch == '\\') {
        ++pos_;
        if (pos_ >= src_.size()) break;
        char e = src_[pos_];
        switch (e) {
          case '"': value += '"'; break;
          case '\\': value += '\\'; break;
          case '/': value += '/'; break;
          case 'b': value += '\b'; break;
          case 'f': value += '\f'; break;
          case 'n': value += '\n'; break;
          case 'r': value += '\r'; break;
          case 't': value += '\t'; break;
          case 'u': {
            auto read4 = [&](size_t at, uint32_t& out) {
              if (at + 4 > src_.size()) return false;
              out = 0;
              for (size_t k = 0; k < 4; ++k) {
                int h = HexValue(src_[at + k]);
                if (h < 0) return false;
                out = out * 16 + static_cast<uint32_t>(h);
              }
              return true;
            };
            uint32_t cp = 0;
            if (!read4(pos_ + 1, cp)) Throw("S0104", static_cast<int>(pos_));
            pos_ += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && pos_ + 2 < src_.size() && src_[pos_ + 1] == '\\' &&
                src_[pos_ + 2] == 'u') {
              uint32_t low = 0;
              if (read4(pos_ + 3, low) && low >= 0xDC00 && low < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                pos_ += 6;
              }
            }
            AppendUtf8(cp, value);
            break;
          }
          default:
            Throw("S0103", static_cast<int>(pos_), std::string(1, e));
        }
      } else if (ch == quote) {
        ++pos_;
        t.kind = TokenKind::kString;
        t.text = std::move(value);
        t.position = static_cast<int>(pos_);
        return t;
      } else {
        value += ch;
      }
      ++pos_;
    }
    Throw("S0101", static_cast<int>(pos_));
  }
  // Numbers: -?(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)? (the sign is an operator here).
  if (c >= '0' && c <= '9') {
    size_t start = pos_;
    size_t p = pos_;
    if (src_[p] == '0') {
      ++p;
    } else {
      while (p < src_.size() && src_[p] >= '0' && src_[p] <= '9') ++p;
    }
    if (p + 1 < src_.size() && src_[p] == '.' && src_[p + 1] >= '0' && src_[p + 1] <= '9') {
      ++p;
      while (p < src_.size() && src_[p] >= '0' && src_[p] <= '9') ++p;
    }
    if (p < src_.size() && (src_[p] == 'e' || src_[p] == 'E')) {
      size_t q = p + 1;
      if (q < src_.size() && (src_[q] == '+' || src_[q] == '-')) ++q;
      if (q < src_.size() && src_[q] >= '0' && src_[q] <= '9') {
        while (q < src_.size() && src_[q] >= '0' && src_[q] <= '9') ++q;
        p = q;
      }
    }
    std::string text(src_.substr(start, p - start));
    double value = std::strtod(text.c_str(), nullptr);
    pos_ = p;
    if (!(value - value == 0)) Throw("S0102", static_cast<int>(pos_), text);
    t.kind = TokenKind::kNumber;
    t.number = value;
    t.text = std::move(text);
    t.position = static_cast<int>(pos_);
    return t;
  }
  if (c == '`') {
    ++pos_;
    size_t end = src_.find('`', pos_);
    if (end == std::string_view::npos) {
      pos_ = src_.size();
      Throw("S0105", static_cast<int>(pos_));
    }
    t.kind = TokenKind::kName;
    t.text = std::string(src_.substr(pos_, end - pos_));
    pos_ = end + 1;
    t.position = static_cast<int>(pos_);
    return t;
  }
  // A name or variable runs to the next space or operator character.
  size_t start = pos_;
  size_t p = pos_;
  while (p < src_.size() && !IsSpace(src_[p]) && !IsOperatorChar(src_[p]) && src_[p] != '"' &&
         src_[p] != '\'' && src_[p] != '`')
    ++p;
  if (p == start && c == '$') ++p;
  std::string name(src_.substr(start, p - start));
  pos_ = p;
  t.position = static_cast<int>(pos_);
  if (c == '$') {
    t.kind = TokenKind::kVariable;
    t.text = name.substr(1);
    return t;
  }
  if (name == "and" || name == "or" || name == "in") {
    t.kind = TokenKind::kOperator;
  } else if (name == "true" || name == "false" || name == "null") {
    t.kind = TokenKind::kValue;
  } else {
    t.kind = TokenKind::kName;
  }
  t.text = std::move(name);
  return t;
}

}  // namespace asl::jsonata
