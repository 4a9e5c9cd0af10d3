// The parser of intrinsic calls.
// https://states-language.net/spec.html#appendix-b
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
//
//   call     := name '(' [ argument { ',' argument } ] ')'      name: "States." identifier
//   argument := string | number | 'true' | 'false' | 'null' | path | call
//   string   := "'" { character | "\'" | "\{" | "\}" | "\\" } "'"
//   number   := JSON number
//   path     := '$' … (a JSONPath, compiled by asl::JsonPath)
//
// Whitespace is allowed around every token. Every error names the offset (0-based, in bytes)
// where it was found.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "asl/base/diagnostic.h"
#include "asl/intrinsics/intrinsic_node.h"
#include "asl/intrinsics/registry.h"

namespace asl::intrinsics {

namespace {

// "You can nest up to 10 intrinsic functions within a field in your workflows."
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
constexpr int kMaxNesting = 10;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
}

// True when `token` follows the JSON number grammar.
bool IsJsonNumber(std::string_view token) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < token.size() && IsDigit(token[i])) ++i;
    return i > start;
  };
  if (i < token.size() && token[i] == '-') ++i;
  if (i < token.size() && token[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < token.size() && token[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
    ++i;
    if (i < token.size() && (token[i] == '+' || token[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == token.size();
}

const char* LiteralDescription(const Json& literal) {
  switch (literal.type()) {
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return literal.get<bool>() ? "true" : "false";
    case Json::value_t::null:
      return "null";
    default:
      return "a number";
  }
}

// The closest name for "did you mean": one that differs only in case, else by edit distance.
std::string Suggest(std::string_view word, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (name.size() == word.size() &&
        std::equal(name.begin(), name.end(), word.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return name;
    }
  }
  return SpellCheck(word, names);
}

uint8_t LiteralKindOf(const Json& literal) {
  switch (literal.type()) {
    case Json::value_t::string:
      return kStringLiteral;
    case Json::value_t::boolean:
      return kBooleanLiteral;
    case Json::value_t::null:
      return kNullLiteral;
    default:
      return kNumberLiteral;
  }
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<std::unique_ptr<IntrinsicCallNode>, std::string> ParseWhole() {
    SkipSpace();
    if (!StartsCall()) {
      return Fail(Error("expected an intrinsic function call (States.…)", pos_));
    }
    auto call = TRY(ParseCall(1));
    SkipSpace();
    if (pos_ < text_.size()) {
      return Fail(Error(fmt::format("unexpected '{}' after the call", Excerpt(pos_)), pos_));
    }
    return call;
  }

 private:
  using CallResult = Result<std::unique_ptr<IntrinsicCallNode>, std::string>;
  using ArgumentResult = Result<IntrinsicArgument, std::string>;

  std::string Error(std::string_view what, size_t offset) const {
    return fmt::format("{} at offset {}", what, offset);
  }

  // A short piece of the text from `offset`, for messages.
  std::string_view Excerpt(size_t offset) const {
    std::string_view rest = text_.substr(offset);
    size_t end = 0;
    while (end < rest.size() && end < 20 && !IsSpace(rest[end]) &&
           (end == 0 || (rest[end] != ',' && rest[end] != ')'))) {
      ++end;
    }
    // Never cut a UTF-8 character in two.
    while (end < rest.size() && (static_cast<unsigned char>(rest[end]) & 0xC0) == 0x80) ++end;
    return rest.substr(0, end);
  }

  void SkipSpace() {
    while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
  }

  bool StartsCall() const { return text_.substr(pos_).starts_with("States."); }

  CallResult ParseCall(int depth) {
    const size_t start = pos_;
    if (depth > kMaxNesting) {
      return Fail(
          Error(fmt::format("intrinsic calls are nested more than {} deep", kMaxNesting), start));
    }
    while (pos_ < text_.size() && IsNameChar(text_[pos_])) ++pos_;
    std::string_view name = text_.substr(start, pos_ - start);
    std::optional<FunctionId> id = Lookup(name);
    if (!id) {
      std::string message = Error(fmt::format("unknown intrinsic function '{}'", name), start);
      std::string suggestion = Suggest(name, AllFunctionNames());
      if (!suggestion.empty()) message += fmt::format(" (did you mean '{}'?)", suggestion);
      return Fail(std::move(message));
    }
    const FunctionInfo& info = Info(*id);
    auto node = std::make_unique<IntrinsicCallNode>();
    node->id = *id;
    node->offset = start;

    SkipSpace();
    if (pos_ >= text_.size() || text_[pos_] != '(') {
      return Fail(Error(fmt::format("expected '(' after {}", name), pos_));
    }
    ++pos_;
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == ')') {
      ++pos_;
    } else {
      while (true) {
        node->args.push_back(TRY(ParseArgument(depth, info, start)));
        SkipSpace();
        if (pos_ >= text_.size()) return Fail(MissingParenthesis(info, start));
        if (text_[pos_] == ')') {
          ++pos_;
          break;
        }
        if (text_[pos_] != ',') {
          return Fail(
              Error(fmt::format("expected ',' or ')' but found '{}'", Excerpt(pos_)), pos_));
        }
        ++pos_;
        SkipSpace();
      }
    }
    TRY_STATUS(CheckArguments(info, *node));
    return node;
  }

  std::string MissingParenthesis(const FunctionInfo& info, size_t call_offset) const {
    return fmt::format("missing ')' at offset {} to close the call of {} that starts at offset {}",
                       pos_, info.name, call_offset);
  }

  ArgumentResult ParseArgument(int depth, const FunctionInfo& info, size_t call_offset) {
    if (pos_ >= text_.size()) return Fail(MissingParenthesis(info, call_offset));
    const size_t start = pos_;
    const char c = text_[pos_];
    if (c == '\'') return ParseString();
    if (c == '$') return ParsePath();
    if (c == '-' || IsDigit(c)) return ParseNumber();
    if (c == ',' || c == ')') return Fail(Error("expected an argument", start));
    if (StartsCall()) {
      IntrinsicArgument argument;
      argument.kind = IntrinsicArgument::Kind::kCall;
      argument.offset = start;
      argument.call = TRY(ParseCall(depth + 1));
      return argument;
    }
    size_t end = pos_;
    while (end < text_.size() && IsNameChar(text_[end])) ++end;
    std::string_view word = text_.substr(start, end - start);
    IntrinsicArgument argument;
    argument.offset = start;
    if (word == "true" || word == "false") {
      argument.literal = (word == "true");
    } else if (word == "null") {
      argument.literal = nullptr;
    } else {
      return Fail(Error(fmt::format("expected an argument (a 'string', a number, true, false, "
                                    "null, a $path or a States call) but found '{}'",
                                    Excerpt(start)),
                        start));
    }
    pos_ = end;
    return argument;
  }

  ArgumentResult ParseString() {
    const size_t start = pos_;
    ++pos_;
    std::string value;
    while (true) {
      if (pos_ >= text_.size()) {
        return Fail(Error("unterminated string literal starting", start));
      }
      const char c = text_[pos_];
      if (c == '\'') {
        ++pos_;
        break;
      }
      if (c == '\\') {
        if (pos_ + 1 >= text_.size()) {
          return Fail(Error("unterminated string literal starting", start));
        }
        const char escaped = text_[pos_ + 1];
        if (escaped != '\'' && escaped != '{' && escaped != '}' && escaped != '\\') {
          return Fail(Error(fmt::format("invalid escape '\\{}' in a string literal (only \\', "
                                        "\\{{, \\}} and \\\\ are allowed)",
                                        escaped),
                            pos_));
        }
        value += escaped;
        pos_ += 2;
        continue;
      }
      value += c;
      ++pos_;
    }
    IntrinsicArgument argument;
    argument.offset = start;
    argument.literal = std::move(value);
    return argument;
  }

  ArgumentResult ParseNumber() {
    const size_t start = pos_;
    size_t end = pos_;
    while (end < text_.size() && !IsSpace(text_[end]) && text_[end] != ',' && text_[end] != ')') {
      ++end;
    }
    std::string_view token = text_.substr(start, end - start);
    if (!IsJsonNumber(token)) {
      return Fail(Error(fmt::format("invalid number '{}'", token), start));
    }
    IntrinsicArgument argument;
    argument.offset = start;
    try {
      argument.literal = Json::parse(token);
    } catch (const Json::exception&) {
      return Fail(Error(fmt::format("invalid number '{}'", token), start));
    }
    pos_ = end;
    return argument;
  }

  // A path runs to the first ',' or ')' or space that is outside brackets, parentheses and
  // quotes: "$.a[?(@.b == 'x, y')]" is one path.
  ArgumentResult ParsePath() {
    const size_t start = pos_;
    size_t end = pos_;
    int depth = 0;
    char quote = 0;
    for (; end < text_.size(); ++end) {
      const char c = text_[end];
      if (quote != 0) {
        if (c == '\\') {
          ++end;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[' || c == '(') {
        ++depth;
      } else if (c == ']' || c == ')') {
        if (depth == 0 && c == ')') break;
        if (depth > 0) --depth;
      } else if (depth == 0 && (c == ',' || IsSpace(c))) {
        break;
      }
    }
    end = std::min(end, text_.size());
    std::string_view path_text = text_.substr(start, end - start);
    auto path = JsonPath::Parse(path_text);
    if (!path.ok()) return Fail(InvalidPath(path_text, path.error(), start));
    IntrinsicArgument argument;
    argument.kind = IntrinsicArgument::Kind::kPath;
    argument.offset = start;
    argument.path = std::move(path).value();
    pos_ = end;
    return argument;
  }

  // JsonPath's message locates the problem within the path ("… at offset 2"); the offset is
  // made relative to the whole call.
  std::string InvalidPath(std::string_view path_text, const std::string& message,
                          size_t start) const {
    static constexpr std::string_view kAt = " at offset ";
    const size_t at = message.rfind(kAt);
    size_t offset = 0;
    if (at != std::string::npos) {
      const char* first = message.data() + at + kAt.size();
      const char* last = message.data() + message.size();
      auto [end, ec] = std::from_chars(first, last, offset);
      if (ec == std::errc() && end == last) {
        return fmt::format("invalid path '{}': {}{}{}", path_text, message.substr(0, at), kAt,
                           start + offset);
      }
    }
    return fmt::format("invalid path '{}' at offset {}: {}", path_text, start, message);
  }

  // Argument count, and the literals no run time value could make valid.
  // NONSTANDARD: AWS accepts such a definition and fails each execution that reaches the call
  // with States.Runtime "Invalid arguments in States.<Name>" (a wrong argument count included,
  // per the conformance cases run against AWS). A call that can only
  // fail is refused here instead, so that it is found before anything runs.
  Status<std::string> CheckArguments(const FunctionInfo& info, IntrinsicCallNode& node) {
    const int count = static_cast<int>(node.args.size());
    if (count < info.min_args || (info.max_args != kVariadic && count > info.max_args)) {
      return Fail(
          Error(fmt::format("{} {}, got {}", info.name, ArityText(info), count), node.offset));
    }
    for (size_t i = 0; i < node.args.size(); ++i) {
      const IntrinsicArgument& argument = node.args[i];
      if (argument.kind != IntrinsicArgument::Kind::kLiteral) continue;
      const ParamSpec& spec = info.param(i);
      if ((spec.literals & LiteralKindOf(argument.literal)) == 0) {
        return Fail(Error(fmt::format("argument {} of {} must be {}, got {}", i + 1, info.name,
                                      spec.expected, LiteralDescription(argument.literal)),
                          argument.offset));
      }
    }
    switch (node.id) {
      case FunctionId::kHash:
        return CheckHashAlgorithm(node.args[1]);
      case FunctionId::kJsonMerge: {
        const IntrinsicArgument& deep = node.args[2];
        if (deep.kind == IntrinsicArgument::Kind::kLiteral && deep.literal.get<bool>()) {
          return Fail(
              Error("States.JsonMerge only merges shallowly: its third argument must "
                    "be false",
                    deep.offset));
        }
        return {};
      }
      case FunctionId::kFormat:
        return CompileFormat(node);
      default:
        return {};
    }
  }

  Status<std::string> CheckHashAlgorithm(const IntrinsicArgument& algorithm) {
    if (algorithm.kind != IntrinsicArgument::Kind::kLiteral) return {};
    const std::string& name = algorithm.literal.get_ref<const std::string&>();
    const std::vector<std::string>& names = HashAlgorithmNames();
    if (std::find(names.begin(), names.end(), name) != names.end()) return {};
    std::string message =
        Error(fmt::format("'{}' is not a hash algorithm of States.Hash (MD5, SHA-1, SHA-256, "
                          "SHA-384 or SHA-512)",
                          name),
              algorithm.offset);
    std::string suggestion = Suggest(name, names);
    if (!suggestion.empty()) message += fmt::format(" (did you mean '{}'?)", suggestion);
    return Fail(std::move(message));
  }

  // A literal template is split now, from its source text (so "\{" stays a brace).
  Status<std::string> CompileFormat(IntrinsicCallNode& node) {
    const IntrinsicArgument& first = node.args[0];
    if (first.kind != IntrinsicArgument::Kind::kLiteral) return {};
    // The source text between the quotes; escapes were validated by ParseString.
    size_t end = first.offset + 1;
    while (text_[end] != '\'') end += text_[end] == '\\' ? 2 : 1;
    std::string_view source = text_.substr(first.offset + 1, end - first.offset - 1);
    std::optional<FormatTemplate> format = SplitFormatTemplate(source);
    if (!format) {
      return Fail(
          Error("the States.Format template has a '{' or '}' that is not part of a {} "
                "placeholder (write \\{ or \\} for a brace)",
                first.offset));
    }
    const size_t values = node.args.size() - 1;
    if (format->placeholders() != values) {
      return Fail(Error(fmt::format("the States.Format template has {} {{}} placeholder{} but "
                                    "{} value{} follow{}",
                                    format->placeholders(), format->placeholders() == 1 ? "" : "s",
                                    values, values == 1 ? "" : "s", values == 1 ? "s" : ""),
                        first.offset));
    }
    node.format = std::make_unique<FormatTemplate>(std::move(*format));
    return {};
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

Result<std::unique_ptr<IntrinsicCallNode>, std::string> ParseCallTree(std::string_view text) {
  return Parser(text).ParseWhole();
}

std::optional<FormatTemplate> SplitFormatTemplate(std::string_view text) {
  FormatTemplate format;
  format.pieces.emplace_back();
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size() &&
        (text[i + 1] == '{' || text[i + 1] == '}' || text[i + 1] == '\\' || text[i + 1] == '\'')) {
      format.pieces.back() += text[++i];
    } else if (c == '{') {
      if (i + 1 >= text.size() || text[i + 1] != '}') return std::nullopt;
      ++i;
      format.pieces.emplace_back();
    } else if (c == '}') {
      return std::nullopt;
    } else {
      format.pieces.back() += c;
    }
  }
  return format;
}

}  // namespace asl::intrinsics
