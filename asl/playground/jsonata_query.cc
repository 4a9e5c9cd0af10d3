#include "asl/playground/jsonata_query.h"

#include <fmt/format.h>

#include <istream>
#include <iterator>
#include <optional>
#include <variant>

#include "asl/base/random.h"
#include "asl/jsonata/jsonata.h"
#include "asl/load/source_text.h"

namespace asl {

namespace {

// A JSON document from `path` ("-": the stream), or the message naming what is wrong with it.
std::variant<Json, std::string> ReadJsonDocument(const std::string& path, std::string_view role,
                                                 std::istream& stdin_stream) {
  std::string text;
  std::string name = path;
  if (path == "-") {
    name = "<stdin>";
    text.assign(std::istreambuf_iterator<char>(stdin_stream), std::istreambuf_iterator<char>());
  } else {
    auto read = ReadTextFile(path);
    if (!read.ok()) return ReadErrorText(read.error());
    text = std::move(read.value());
  }
  auto parsed = ParseText(text, TextSyntax::kJson);
  if (!parsed.ok()) {
    std::string message;
    for (const TextError& e : parsed.error()) {
      std::string where = e.line > 0 ? fmt::format("{}:{}:{}", name, e.line, e.column) : name;
      if (!message.empty()) message += '\n';
      message += fmt::format("{}: {} must be JSON: {}", where, role, e.message);
    }
    return message;
  }
  return std::move(parsed.value().value);
}

JsonataOutcome Unreadable(std::string message) {
  JsonataOutcome outcome;
  outcome.kind = JsonataOutcome::Kind::kUnreadable;
  outcome.unreadable = std::move(message);
  return outcome;
}

JsonataOutcome Failed(jsonata::Error error) {
  JsonataOutcome outcome;
  outcome.kind = JsonataOutcome::Kind::kError;
  outcome.error = std::move(error);
  return outcome;
}

// Code points of `text` before byte `end`.
size_t CodePointsBefore(std::string_view text, size_t end) {
  size_t count = 0;
  for (size_t i = 0; i < end && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
  return count;
}

}  // namespace

JsonataOutcome RunJsonataQuery(const JsonataQuery& query, std::istream& stdin_stream) {
  std::optional<Json> input;
  if (!query.input_path.empty()) {
    auto read = ReadJsonDocument(query.input_path, "the input", stdin_stream);
    if (auto* message = std::get_if<std::string>(&read)) return Unreadable(*message);
    input = std::move(std::get<Json>(read));
  }
  std::optional<Json> bindings;
  if (!query.bindings_path.empty()) {
    auto read = ReadJsonDocument(query.bindings_path, "the bindings", stdin_stream);
    if (auto* message = std::get_if<std::string>(&read)) return Unreadable(*message);
    bindings = std::move(std::get<Json>(read));
    if (!bindings->is_object()) {
      return Unreadable(fmt::format(
          "{}: the bindings must be a JSON object ({{\"name\": value}} binds $name), not {}",
          query.bindings_path == "-" ? "<stdin>" : query.bindings_path,
          TypeWithArticle(*bindings)));
    }
  }

  auto compiled = jsonata::Expression::Compile(query.expression);
  if (auto* error = std::get_if<jsonata::Error>(&compiled)) return Failed(std::move(*error));

  Random random(query.seed);
  jsonata::EvaluateOptions options;
  options.functions = &jsonata::FunctionSet::StepFunctions();
  options.bindings = bindings ? &*bindings : nullptr;
  options.time_limit_ms = query.time_limit_ms;
  options.max_depth = query.max_depth;
  const int64_t now_ms = query.now_ms;
  options.now_ms = [now_ms] { return now_ms; };
  options.random = [&random] { return random.NextDouble(); };
  jsonata::Evaluation evaluation =
      std::get<jsonata::Expression>(compiled).Evaluate(input ? &*input : nullptr, options);
  if (evaluation.error) return Failed(std::move(*evaluation.error));
  JsonataOutcome outcome;
  if (evaluation.result) {
    outcome.kind = JsonataOutcome::Kind::kResult;
    outcome.result = std::move(*evaluation.result);
  }
  return outcome;
}

std::string JsonataOutcomeJson(const JsonataOutcome& outcome) {
  Json out = Json::object();
  switch (outcome.kind) {
    case JsonataOutcome::Kind::kResult:
      out["result"] = outcome.result;
      break;
    case JsonataOutcome::Kind::kUndefined:
      out["undefined"] = true;
      break;
    case JsonataOutcome::Kind::kError:
    case JsonataOutcome::Kind::kUnreadable: {
      const jsonata::Error& e = outcome.error;
      Json error = Json::object();
      error["code"] = e.code;
      error["message"] = e.message;
      error["position"] = e.position ? Json(*e.position) : Json(nullptr);
      error["token"] = e.token ? Json(*e.token) : Json(nullptr);
      out["error"] = std::move(error);
      break;
    }
  }
  return out.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string JsonataOutcomeText(const JsonataOutcome& outcome, std::string_view expression) {
  switch (outcome.kind) {
    case JsonataOutcome::Kind::kResult:
      return outcome.result.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    case JsonataOutcome::Kind::kUndefined:
      return "";
    case JsonataOutcome::Kind::kUnreadable:
      return outcome.unreadable + "\n";
    case JsonataOutcome::Kind::kError:
      break;
  }
  const jsonata::Error& e = outcome.error;
  std::string text = fmt::format("{}: {}", e.code, e.message.empty() ? "(no message)" : e.message);
  if (e.token) text += fmt::format(" (token '{}')", *e.token);
  text += '\n';
  if (!e.position) return text;
  // The reference's position is the character just past the offending token: point at the
  // token's last character, on its own line of the expression.
  size_t target = *e.position > 0 ? static_cast<size_t>(*e.position - 1) : 0;
  size_t line_start = 0;
  int line = 1;
  size_t byte = 0;
  for (size_t seen = 0; byte < expression.size() && seen < target; ++byte) {
    if ((static_cast<unsigned char>(expression[byte]) & 0xC0) != 0x80) ++seen;
    if (expression[byte] == '\n') {
      line_start = byte + 1;
      ++line;
    }
  }
  size_t line_end = expression.find('\n', line_start);
  std::string_view source_line =
      expression.substr(line_start, line_end == std::string_view::npos ? std::string_view::npos
                                                                        : line_end - line_start);
  size_t column = CodePointsBefore(expression.substr(line_start), byte - line_start);
  if (line > 1) text += fmt::format("  at line {}, column {}\n", line, column + 1);
  text += fmt::format("  {}\n  {}^\n", source_line, std::string(column, ' '));
  return text;
}

}  // namespace asl
