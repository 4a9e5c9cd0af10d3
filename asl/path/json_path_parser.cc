// The JSONPath parser: text -> steps (and filter expression trees).
// https://states-language.net/spec.html#path
// https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html
// The accepted syntax is Jayway JsonPath's, which Step Functions runs (see json_path.h); the
// error messages are sfnsim's own, each with the 0-based offset of the problem.

#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <optional>

#include <fmt/format.h>

#include "asl/base/utf8.h"
#include "asl/path/json_path_internal.h"

namespace asl::json_path_internal {
namespace {

using Kind = JsonPathStepKind;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Characters that end a path written inside a filter ("@.a > 1", "@.a)").
bool EndsFilterPath(char c) {
  return IsSpace(c) || c == ')' || c == '=' || c == '!' || c == '<' || c == '>' || c == '&' ||
         c == '|' || c == ',';
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<ParsedPath, std::string> ParseWhole() {
    ParsedPath parsed;
    if (text_.empty()) return Fail("the path is empty", 0);
    if (text_[0] != '$') return Fail("a path must start with '$'", 0);
    pos_ = 1;
    if (pos_ < text_.size() && text_[pos_] == '$') {
      parsed.context = true;
      ++pos_;
    } else {
      // "$name": a workflow variable, then steps into its value.
      // https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
      size_t start = pos_;
      while (!AtEnd() && IsVariableNameByte(Peek())) ++pos_;
      if (pos_ > start) {
        if (IsDigit(text_[start])) {
          return Fail("a variable name must not start with a digit", start);
        }
        parsed.variable = std::string(text_.substr(start, pos_ - start));
      }
    }
    if (AtEnd()) return parsed;
    if (Peek() != '.' && Peek() != '[') {
      std::string root = parsed.context ? "$$" : "$" + parsed.variable;
      return Fail(fmt::format("expected '.' or '[' after '{}'", root), pos_);
    }
    TRY_STATUS(ParseSteps(&parsed.steps, /*in_filter=*/false));
    return parsed;
  }

 private:
  using Status = Result<void, std::string>;

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }
  void SkipSpaces() {
    while (!AtEnd() && IsSpace(Peek())) ++pos_;
  }
  bool Consume(std::string_view token) {
    if (text_.substr(pos_, token.size()) != token) return false;
    pos_ += token.size();
    return true;
  }
  static Failure<std::string> Fail(std::string_view what, size_t offset) {
    return asl::Fail(fmt::format("{} at offset {}", what, offset));
  }
  static std::string Describe(char c) { return fmt::format("'{}'", c); }

  // Steps after the root ("$", "$$", "@"). Outside a filter the whole rest of the text must be
  // steps; inside one, a path ends at whitespace or an operator.
  Status ParseSteps(std::vector<JsonPathStep>* steps, bool in_filter) {
    while (!AtEnd()) {
      char c = Peek();
      if (in_filter && EndsFilterPath(c)) break;
      JsonPathStep step;
      if (c == '.') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '.') {
          step.descendant = true;
          pos_ += 2;
          if (AtEnd() || (in_filter && EndsFilterPath(Peek()))) {
            return Fail("expected a name, '*' or '[' after '..'", pos_);
          }
        } else {
          ++pos_;
          if (AtEnd() || (in_filter && EndsFilterPath(Peek()))) {
            return Fail("expected a name after '.'", pos_);
          }
        }
        if (Peek() == '.') return Fail("unexpected '.'", pos_);
        if (Peek() == '[') {
          TRY_STATUS(ParseBracket(&step));
        } else if (Peek() == '*') {
          step.kind = Kind::kWildcard;
          ++pos_;
        } else {
          TRY_STATUS(ParseDotName(&step, in_filter));
        }
      } else if (c == '[') {
        TRY_STATUS(ParseBracket(&step));
      } else {
        return Fail(fmt::format("expected '.' or '[' but found {}", Describe(c)), pos_);
      }
      steps->push_back(std::move(step));
    }
    return {};
  }

  // A name after '.': everything up to the next '.' or '[' (Jayway), so "$.my-key" works.
  Status ParseDotName(JsonPathStep* step, bool in_filter) {
    size_t start = pos_;
    while (!AtEnd()) {
      char c = Peek();
      if (c == '.' || c == '[') break;
      if (in_filter && EndsFilterPath(c)) break;
      if (IsSpace(c)) {
        return Fail("a name after '.' cannot contain whitespace (write ['a name'])", pos_);
      }
      if (c == '(') return Fail("functions such as length() are not supported", pos_);
      ++pos_;
    }
    step->kind = Kind::kName;
    step->name = std::string(text_.substr(start, pos_ - start));
    return {};
  }

  Status ParseBracket(JsonPathStep* step) {
    size_t open = pos_;
    ++pos_;  // '['
    SkipSpaces();
    if (AtEnd()) return Fail("unterminated '['", open);
    char c = Peek();
    if (c == '\'' || c == '"') {
      TRY_STATUS(ParseQuotedNames(step));
    } else if (c == '*') {
      ++pos_;
      SkipSpaces();
      if (AtEnd() || Peek() != ']') return Fail("expected ']' after '[*'", pos_);
      step->kind = Kind::kWildcard;
    } else if (c == '?') {
      ++pos_;
      SkipSpaces();
      if (AtEnd() || Peek() != '(') return Fail("expected '(' after '[?'", pos_);
      ++pos_;
      auto filter = TRY(ParseOr());
      SkipSpaces();
      if (AtEnd()) return Fail("unterminated filter: expected ')'", pos_);
      if (Peek() != ')') {
        return Fail(fmt::format("expected ')' but found {}", Describe(Peek())), pos_);
      }
      ++pos_;
      SkipSpaces();
      if (AtEnd() || Peek() != ']') return Fail("expected ']' after the filter", pos_);
      step->kind = Kind::kFilter;
      step->filter = std::move(filter);
    } else if (IsDigit(c) || c == '-' || c == ':') {
      TRY_STATUS(ParseIndexes(step));
    } else if (c == ']') {
      return Fail("empty brackets", open);
    } else {
      return Fail("expected a quoted name, an index, a slice, '*' or '?(' after '['", pos_);
    }
    ++pos_;  // ']'
    return {};
  }

  // ['a'], ["a"], ['a','b']; leaves pos_ on the ']'.
  Status ParseQuotedNames(JsonPathStep* step) {
    std::vector<std::string> names;
    char first_quote = Peek();
    while (true) {
      SkipSpaces();
      if (AtEnd()) return Fail("unterminated '['", pos_);
      if (Peek() != '\'' && Peek() != '"') return Fail("expected a quoted name", pos_);
      names.push_back(TRY(ParseString()));
      SkipSpaces();
      if (AtEnd()) return Fail("expected ',' or ']'", pos_);
      if (Peek() == ']') break;
      if (Peek() != ',') {
        return Fail(fmt::format("expected ',' or ']' but found {}", Describe(Peek())), pos_);
      }
      ++pos_;
    }
    step->quote = first_quote;
    if (names.size() == 1) {
      step->kind = Kind::kName;
      step->name = std::move(names[0]);
    } else {
      step->kind = Kind::kNames;
      step->names = std::move(names);
    }
    return {};
  }

  // A quoted string starting at pos_ ('…' or "…"), with JSON-style backslash escapes
  // (Jayway unescapes \\ \' \" \/ \b \f \n \r \t \uXXXX).
  Result<std::string, std::string> ParseString() {
    char quote = Peek();
    size_t open = pos_;
    ++pos_;
    std::string out;
    while (true) {
      if (AtEnd()) return Fail(fmt::format("unterminated string (missing {})", quote), open);
      char c = Peek();
      if (c == quote) {
        ++pos_;
        return out;
      }
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      size_t escape = pos_;
      ++pos_;
      if (AtEnd()) return Fail("unterminated escape", escape);
      char e = Peek();
      ++pos_;
      switch (e) {
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': TRY_STATUS(ParseUnicodeEscape(escape, &out)); break;
        default: return Fail(fmt::format("invalid escape '\\{}'", e), escape);
      }
    }
  }

  // After "\u": four hex digits, surrogate pairs joined; appends UTF-8.
  Status ParseUnicodeEscape(size_t escape, std::string* out) {
    auto read_hex = [this](uint32_t* value) {
      if (pos_ + 4 > text_.size()) return false;
      uint32_t v = 0;
      for (size_t k = 0; k < 4; ++k) {
        char h = text_[pos_ + k];
        v <<= 4;
        if (h >= '0' && h <= '9') v |= static_cast<uint32_t>(h - '0');
        else if (h >= 'a' && h <= 'f') v |= static_cast<uint32_t>(h - 'a' + 10);
        else if (h >= 'A' && h <= 'F') v |= static_cast<uint32_t>(h - 'A' + 10);
        else return false;
      }
      pos_ += 4;
      *value = v;
      return true;
    };
    uint32_t code = 0;
    if (!read_hex(&code)) return Fail("invalid \\u escape (expected 4 hex digits)", escape);
    if (code >= 0xD800 && code <= 0xDBFF && text_.substr(pos_, 2) == "\\u") {
      size_t save = pos_;
      pos_ += 2;
      uint32_t low = 0;
      if (read_hex(&low) && low >= 0xDC00 && low <= 0xDFFF) {
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
      } else {
        pos_ = save;
      }
    }
    AppendUtf8(code, *out);
    return {};
  }

  // [0], [-1], [0,2], [1:3], [:2], [-2:]; leaves pos_ on the ']'.
  Status ParseIndexes(JsonPathStep* step) {
    size_t start = pos_;
    size_t close = text_.find(']', start);
    if (close == std::string_view::npos) return Fail("unterminated '['", start - 1);
    std::string_view body = text_.substr(start, close - start);
    for (size_t k = 0; k < body.size(); ++k) {
      char c = body[k];
      if (!IsDigit(c) && c != '-' && c != ':' && c != ',' && !IsSpace(c)) {
        return Fail(fmt::format("unexpected {} in an index or slice", Describe(c)), start + k);
      }
    }
    bool slice = body.find(':') != std::string_view::npos;
    std::vector<std::optional<int64_t>> parts;
    size_t part_start = 0;
    char separator = slice ? ':' : ',';
    while (true) {
      size_t end = body.find(separator, part_start);
      if (end == std::string_view::npos) end = body.size();
      std::optional<int64_t> value;
      TRY_STATUS(ParseInteger(body.substr(part_start, end - part_start), start + part_start,
                              /*allow_empty=*/slice, &value));
      parts.push_back(value);
      if (end == body.size()) break;
      part_start = end + 1;
    }
    pos_ = close;
    if (slice) {
      if (parts.size() > 3) return Fail("a slice has at most three numbers", start);
      if (!parts[0] && !parts[1]) return Fail("a slice needs a start or an end", start);
      // NOTE: Jayway (so AWS) reads only [start:end]; a third number (step) is ignored.
      step->kind = Kind::kSlice;
      step->slice_start = parts[0];
      step->slice_end = parts.size() > 1 ? parts[1] : std::nullopt;
    } else if (parts.size() == 1) {
      step->kind = Kind::kIndex;
      step->index = *parts[0];
    } else {
      step->kind = Kind::kIndexes;
      for (const auto& part : parts) step->indexes.push_back(*part);
    }
    return {};
  }

  // An optionally signed decimal integer, surrounded by optional spaces. Jayway reads indexes
  // as Java ints, so anything outside 32 bits is refused.
  Status ParseInteger(std::string_view text, size_t offset, bool allow_empty,
                      std::optional<int64_t>* value) {
    size_t begin = 0, end = text.size();
    while (begin < end && IsSpace(text[begin])) ++begin;
    while (end > begin && IsSpace(text[end - 1])) --end;
    std::string_view digits = text.substr(begin, end - begin);
    if (digits.empty()) {
      if (allow_empty) return {};
      return Fail("expected an index", offset + begin);
    }
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec == std::errc::result_out_of_range || (ec == std::errc() && (v > INT32_MAX ||
                                                                       v < INT32_MIN))) {
      return Fail("index out of range", offset + begin);
    }
    if (ec != std::errc() || ptr != digits.data() + digits.size()) {
      return Fail(fmt::format("invalid index '{}'", digits), offset + begin);
    }
    *value = v;
    return {};
  }

  // --- Filters: [?( expression )] -----------------------------------------------------------
  // expression := and ('||' and)*;  and := unary ('&&' unary)*;
  // unary := '!' unary | '(' expression ')' | operand [op operand]

  using FilterPtr = std::unique_ptr<JsonPathFilter>;

  Result<FilterPtr, std::string> ParseOr() {
    FilterPtr lhs = TRY(ParseAnd());
    while (true) {
      SkipSpaces();
      if (!Consume("||")) return lhs;
      auto node = std::make_unique<JsonPathFilter>();
      node->op = JsonPathFilter::Op::kOr;
      node->lhs = std::move(lhs);
      node->rhs = TRY(ParseAnd());
      lhs = std::move(node);
    }
  }

  Result<FilterPtr, std::string> ParseAnd() {
    FilterPtr lhs = TRY(ParseUnary());
    while (true) {
      SkipSpaces();
      if (!Consume("&&")) return lhs;
      auto node = std::make_unique<JsonPathFilter>();
      node->op = JsonPathFilter::Op::kAnd;
      node->lhs = std::move(lhs);
      node->rhs = TRY(ParseUnary());
      lhs = std::move(node);
    }
  }

  Result<FilterPtr, std::string> ParseUnary() {
    SkipSpaces();
    if (AtEnd()) return Fail("unterminated filter: expected a condition", pos_);
    if (Peek() == '!' && text_.substr(pos_, 2) != "!=") {
      ++pos_;
      auto node = std::make_unique<JsonPathFilter>();
      node->op = JsonPathFilter::Op::kNot;
      node->lhs = TRY(ParseUnary());
      return node;
    }
    if (Peek() == '(') {
      ++pos_;
      FilterPtr inner = TRY(ParseOr());
      SkipSpaces();
      if (AtEnd() || Peek() != ')') return Fail("expected ')'", pos_);
      ++pos_;
      return inner;
    }
    return ParseRelation();
  }

  Result<FilterPtr, std::string> ParseRelation() {
    size_t left_offset = pos_;
    auto node = std::make_unique<JsonPathFilter>();
    node->left = TRY(ParseOperand());
    SkipSpaces();
    using Op = JsonPathFilter::Op;
    static constexpr std::pair<std::string_view, Op> kOperators[] = {
        {"==", Op::kEq}, {"!=", Op::kNe}, {"<=", Op::kLe},
        {">=", Op::kGe}, {"<", Op::kLt},  {">", Op::kGt}};
    for (const auto& [token, op] : kOperators) {
      if (Consume(token)) {
        node->op = op;
        node->right = TRY(ParseOperand());
        return node;
      }
    }
    if (AtEnd() || Peek() == ')' || text_.substr(pos_, 2) == "&&" ||
        text_.substr(pos_, 2) == "||") {
      if (node->left.kind == JsonPathFilterOperand::Kind::kLiteral) {
        return Fail("a literal alone is not a condition (compare it, or test a path)",
                    left_offset);
      }
      node->op = Op::kExists;
      return node;
    }
    size_t word_end = pos_;
    while (word_end < text_.size() && !IsSpace(text_[word_end]) && text_[word_end] != '(' &&
           text_[word_end] != ')') {
      ++word_end;
    }
    return Fail(fmt::format("unsupported filter operator '{}' (supported: == != < <= > >= && || !)",
                            text_.substr(pos_, word_end - pos_)),
                pos_);
  }

  Result<JsonPathFilterOperand, std::string> ParseOperand() {
    SkipSpaces();
    JsonPathFilterOperand operand;
    if (AtEnd()) return Fail("unterminated filter: expected a value", pos_);
    char c = Peek();
    if (c == '@' || c == '$') {
      operand.kind = c == '@' ? JsonPathFilterOperand::Kind::kCurrent
                              : JsonPathFilterOperand::Kind::kRoot;
      ++pos_;
      if (!AtEnd() && Peek() != '.' && Peek() != '[' && !EndsFilterPath(Peek())) {
        return Fail(fmt::format("expected '.' or '[' after '{}'", c), pos_);
      }
      TRY_STATUS(ParseSteps(&operand.steps, /*in_filter=*/true));
      operand.single = IsSingleResult(operand.steps);
      return operand;
    }
    if (c == '\'' || c == '"') {
      operand.literal = TRY(ParseString());
      return operand;
    }
    if (c == '-' || IsDigit(c)) {
      operand.literal = TRY(ParseNumber());
      return operand;
    }
    for (auto [word, value] : {std::pair<std::string_view, Json>{"true", Json(true)},
                               {"false", Json(false)}, {"null", Json(nullptr)}}) {
      if (text_.substr(pos_, word.size()) == word) {
        size_t after = pos_ + word.size();
        if (after == text_.size() || !std::isalnum(static_cast<unsigned char>(text_[after]))) {
          pos_ = after;
          operand.literal = value;
          return operand;
        }
      }
    }
    if (c == '[' || c == '{') {
      return Fail("JSON array and object literals are not supported in filters", pos_);
    }
    if (c == '/') return Fail("regular expressions are not supported in filters", pos_);
    return Fail("expected a value (@…, $…, a string, a number, true, false or null)", pos_);
  }

  // -?digits(.digits)?([eE][+-]?digits)? as JSON numbers are written.
  Result<Json, std::string> ParseNumber() {
    size_t start = pos_;
    size_t p = pos_;
    if (text_[p] == '-') ++p;
    size_t digits = p;
    while (p < text_.size() && IsDigit(text_[p])) ++p;
    if (p == digits) return Fail("invalid number", start);
    bool integral = true;
    if (p < text_.size() && text_[p] == '.') {
      integral = false;
      size_t fraction = ++p;
      while (p < text_.size() && IsDigit(text_[p])) ++p;
      if (p == fraction) return Fail("invalid number", start);
    }
    if (p < text_.size() && (text_[p] == 'e' || text_[p] == 'E')) {
      integral = false;
      ++p;
      if (p < text_.size() && (text_[p] == '+' || text_[p] == '-')) ++p;
      size_t exponent = p;
      while (p < text_.size() && IsDigit(text_[p])) ++p;
      if (p == exponent) return Fail("invalid number", start);
    }
    std::string_view number = text_.substr(start, p - start);
    pos_ = p;
    if (integral) {
      int64_t v = 0;
      auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), v);
      if (ec == std::errc()) return Json(v);
    }
    return Json(std::strtod(std::string(number).c_str(), nullptr));
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

Result<ParsedPath, std::string> ParsePath(std::string_view text) {
  return Parser(text).ParseWhole();
}

bool IsSingleResult(const std::vector<JsonPathStep>& steps) {
  for (size_t i = 0; i < steps.size(); ++i) {
    const JsonPathStep& step = steps[i];
    if (step.descendant) return false;
    bool last = i + 1 == steps.size();
    if (step.kind == Kind::kName || step.kind == Kind::kIndex) continue;
    if (step.kind == Kind::kNames && last) continue;
    return false;
  }
  return true;
}

}  // namespace asl::json_path_internal
