#include "asl/load/json_text.h"

#include <fmt/format.h>

#include <cmath>

#include "asl/base/json_limits.h"
#include "asl/base/utf8.h"
#include "asl/load/substitutions.h"

namespace asl {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads the four hex digits at text[i..i+4); -1 if they are not.
int32_t ReadHex4(std::string_view text, size_t i) {
  if (i + 4 > text.size()) return -1;
  int32_t value = 0;
  for (size_t k = i; k < i + 4; ++k) {
    int digit = HexValue(text[k]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

// Decodes the escape sequence at body[*i] (just after the backslash), appending to out.
// Returns an error message, or "" on success.
std::string DecodeEscape(std::string_view body, size_t* i, std::string* out) {
  if (*i >= body.size()) return "unterminated escape sequence";
  char c = body[*i];
  switch (c) {
    case '"':
      out->push_back('"');
      break;
    case '\\':
      out->push_back('\\');
      break;
    case '/':
      out->push_back('/');
      break;
    case 'b':
      out->push_back('\b');
      break;
    case 'f':
      out->push_back('\f');
      break;
    case 'n':
      out->push_back('\n');
      break;
    case 'r':
      out->push_back('\r');
      break;
    case 't':
      out->push_back('\t');
      break;
    case 'u': {
      int32_t unit = ReadHex4(body, *i + 1);
      if (unit < 0) return "invalid \\u escape: it needs four hexadecimal digits";
      *i += 4;
      uint32_t code = static_cast<uint32_t>(unit);
      if (unit >= 0xDC00 && unit <= 0xDFFF) {
        return fmt::format("invalid \\u escape: \\u{:04X} is a low surrogate without a high one",
                           unit);
      }
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        int32_t low = -1;
        if (*i + 2 < body.size() && body[*i + 1] == '\\' && body[*i + 2] == 'u') {
          low = ReadHex4(body, *i + 3);
        }
        if (low < 0xDC00 || low > 0xDFFF) {
          return fmt::format("invalid \\u escape: \\u{:04X} is a high surrogate without a low one",
                             unit);
        }
        *i += 6;
        code = 0x10000 + ((code - 0xD800) << 10) + (static_cast<uint32_t>(low) - 0xDC00);
      }
      AppendUtf8(code, *out);
      break;
    }
    default:
      return fmt::format("invalid escape '\\{}' in a string", c);
  }
  ++*i;
  return "";
}

class JsonParser {
 public:
  explicit JsonParser(std::string_view text) : text_(text) {}

  Result<ParsedDocument, TextErrors> Parse() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    // Roughly one value per 20 bytes of pretty-printed JSON; saves rehashing the line map.
    document_.lines.reserve(text_.size() / 20);
    SkipWhitespace();
    document_.lines.emplace("", line_);
    std::string pointer;
    if (ParseValue(&document_.value, &pointer, 0)) {
      SkipWhitespace();
      if (pos_ < text_.size()) {
        ErrorHere(fmt::format("unexpected {} after the end of the JSON document",
                              DescribeCharacterAt(text_, pos_)));
      }
    }
    if (!errors_.empty()) return Fail(std::move(errors_));
    return std::move(document_);
  }

 private:
  void ErrorAt(size_t offset, std::string message, std::string pointer = "") {
    auto [line, column] = LineColumn(text_, offset);
    errors_.push_back({line, column, std::move(pointer), std::move(message)});
  }
  void ErrorHere(std::string message) { ErrorAt(pos_, std::move(message)); }

  void SkipWhitespace() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '\n') {
        ++line_;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      ++pos_;
    }
  }

  // What was found where something else was expected, with a hint for the usual mistakes.
  std::string Found() const {
    if (pos_ < text_.size() && text_[pos_] == '\'') {
      return "a single quote (JSON strings use double quotes)";
    }
    std::string found = DescribeCharacterAt(text_, pos_);
    if (pos_ + 1 < text_.size() && text_[pos_] == '/' &&
        (text_[pos_ + 1] == '/' || text_[pos_ + 1] == '*')) {
      found += " (JSON has no comments)";
    } else if (text_.substr(pos_, 2) == "${") {
      // A DefinitionSubstitutions placeholder written where a value goes, e.g. ${Seconds}.
      size_t close = text_.find('}', pos_ + 2);
      std::string_view name = close == std::string_view::npos
                                  ? std::string_view("Name")
                                  : text_.substr(pos_ + 2, close - pos_ - 2);
      found += fmt::format(" (the placeholder ${{{}}} has no value: {})", name,
                           HowToSupply(name));
    }
    return found;
  }

  bool ParseValue(Json* out, std::string* pointer, int depth) {
    if (depth > kMaxJsonDepth) {
      ErrorHere(fmt::format("nested more than {} levels deep", kMaxJsonDepth));
      return false;
    }
    if (pos_ >= text_.size()) {
      ErrorHere("expected a JSON value, found end of file");
      return false;
    }
    char c = text_[pos_];
    switch (c) {
      case '{':
        return ParseObject(out, pointer, depth);
      case '[':
        return ParseArray(out, pointer, depth);
      case '"': {
        std::string value;
        if (!ParseString(&value)) return false;
        *out = std::move(value);
        return true;
      }
      case 't':
        return ParseLiteral("true", Json(true), out);
      case 'f':
        return ParseLiteral("false", Json(false), out);
      case 'n':
        return ParseLiteral("null", Json(nullptr), out);
      default:
        if (c == '-' || IsDigit(c)) return ParseNumber(out);
        ErrorHere(fmt::format("expected a JSON value, found {}", Found()));
        return false;
    }
  }

  bool ParseLiteral(std::string_view word, Json value, Json* out) {
    size_t end = pos_;
    while (end < text_.size() &&
           ((text_[end] >= 'a' && text_[end] <= 'z') || (text_[end] >= 'A' && text_[end] <= 'Z'))) {
      ++end;
    }
    if (text_.substr(pos_, end - pos_) != word) {
      ErrorHere(fmt::format("expected a JSON value, found '{}'", text_.substr(pos_, end - pos_)));
      return false;
    }
    pos_ = end;
    *out = std::move(value);
    return true;
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  bool ParseNumber(Json* out) {
    size_t start = pos_;
    size_t i = pos_;
    auto digits = [&] {
      size_t first = i;
      while (i < text_.size() && IsDigit(text_[i])) ++i;
      return i > first;
    };
    auto bad = [&](const char* why) {
      ErrorAt(start, fmt::format("invalid number: {}", why));
      return false;
    };
    if (text_[i] == '-') ++i;
    if (i < text_.size() && text_[i] == '0') {
      ++i;
      if (i < text_.size() && IsDigit(text_[i])) return bad("leading zeros are not allowed");
    } else if (!digits()) {
      return bad("a digit must follow '-'");
    }
    if (i < text_.size() && text_[i] == '.') {
      ++i;
      if (!digits()) return bad("a digit must follow the decimal point");
    }
    if (i < text_.size() && (text_[i] == 'e' || text_[i] == 'E')) {
      ++i;
      if (i < text_.size() && (text_[i] == '+' || text_[i] == '-')) ++i;
      if (!digits()) return bad("a digit must follow the exponent");
    }
    // The lexeme is valid JSON, so nlohmann parses it without throwing; it picks the same
    // integer/unsigned/double representation as everywhere else in sfnsim.
    *out = Json::parse(text_.substr(start, i - start), nullptr, /*allow_exceptions=*/false);
    if (out->is_discarded() || (out->is_number_float() && !std::isfinite(out->get<double>()))) {
      return bad("out of range");
    }
    pos_ = i;
    return true;
  }

  // At an opening quote; leaves pos_ after the closing one.
  bool ParseString(std::string* out) {
    size_t open = pos_;
    size_t i = pos_ + 1;
    // Fast path: a run without escapes is copied at once.
    while (true) {
      size_t run = i;
      while (i < text_.size() && text_[i] != '"' && text_[i] != '\\' &&
             static_cast<unsigned char>(text_[i]) >= 0x20) {
        ++i;
      }
      out->append(text_.substr(run, i - run));
      if (i >= text_.size()) {
        ErrorAt(open, "unterminated string");
        return false;
      }
      char c = text_[i];
      if (c == '"') break;
      if (c == '\\') {
        size_t backslash = i++;
        std::string message = DecodeEscape(text_, &i, out);
        if (!message.empty()) {
          ErrorAt(backslash, message);
          return false;
        }
        continue;
      }
      ErrorAt(i, fmt::format("control character U+{:04X} inside a string; escape it{}",
                             static_cast<int>(c), c == '\n' ? " as \\n" : ""));
      return false;
    }
    pos_ = i + 1;
    return true;
  }

  bool ParseObject(Json* out, std::string* pointer, int depth) {
    *out = Json::object();
    KeySet keys;
    ++pos_;  // '{'
    SkipWhitespace();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      if (pos_ >= text_.size() || text_[pos_] != '"') {
        ErrorHere(fmt::format("expected a string key in double quotes, found {}", Found()));
        return false;
      }
      size_t key_offset = pos_;
      int key_line = line_;
      std::string key;
      if (!ParseString(&key)) return false;
      SkipWhitespace();
      if (pos_ >= text_.size() || text_[pos_] != ':') {
        ErrorHere(fmt::format("expected ':' after the key {}, found {}", Quoted(key), Found()));
        return false;
      }
      ++pos_;
      SkipWhitespace();
      size_t base = pointer->size();
      *pointer = PointerJoin(*pointer, key);
      Json value;
      if (!ParseValue(&value, pointer, depth + 1)) return false;
      if (!keys.Insert(key)) {
        auto [line, column] = LineColumn(text_, key_offset);
        errors_.push_back({line, column, *pointer,
                           fmt::format("{}{} (first at line {})", kDuplicateKeyMessage, Quoted(key),
                                       document_.lines[*pointer])});
      } else {
        document_.lines.emplace(*pointer, key_line);
        AppendNewMember(out, std::move(key), std::move(value));
      }
      pointer->resize(base);
      SkipWhitespace();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        SkipWhitespace();
        if (pos_ < text_.size() && text_[pos_] == '}') {
          ErrorHere("expected a key after ',', found '}' (JSON allows no trailing comma)");
          return false;
        }
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        return true;
      }
      ErrorHere(fmt::format("expected ',' or '}}' after an object member, found {}", Found()));
      return false;
    }
  }

  bool ParseArray(Json* out, std::string* pointer, int depth) {
    *out = Json::array();
    ++pos_;  // '['
    SkipWhitespace();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      size_t base = pointer->size();
      *pointer = PointerJoin(*pointer, out->size());
      document_.lines.emplace(*pointer, line_);
      Json element;
      if (!ParseValue(&element, pointer, depth + 1)) return false;
      out->push_back(std::move(element));
      pointer->resize(base);
      SkipWhitespace();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        SkipWhitespace();
        if (pos_ < text_.size() && text_[pos_] == ']') {
          ErrorHere("expected a value after ',', found ']' (JSON allows no trailing comma)");
          return false;
        }
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        return true;
      }
      ErrorHere(fmt::format("expected ',' or ']' after an array element, found {}", Found()));
      return false;
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
  ParsedDocument document_;
  TextErrors errors_;
};

}  // namespace

Result<ParsedDocument, TextErrors> ParseJson(std::string_view text) {
  JsonParser parser(text);
  return parser.Parse();
}

Result<std::string, std::string> UnescapeJsonString(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size();) {
    char c = body[i];
    if (c == '\\') {
      ++i;
      std::string message = DecodeEscape(body, &i, &out);
      if (!message.empty()) return Fail(std::move(message));
    } else if (c == '"') {
      return Fail(std::string("an unescaped '\"'"));
    } else if (static_cast<unsigned char>(c) < 0x20) {
      return Fail(fmt::format("control character U+{:04X}", static_cast<int>(c)));
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

std::string EscapeJsonString(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04X}", static_cast<int>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

}  // namespace asl
