#pragma once
// One JSONata evaluation as `sfnsim jsonata` runs it: the local equivalent of the JSONata
// playground (try.jsonata.org) with Step Functions' function set, so an expression can be tried
// before it goes into a `{% … %}` field. The expression, an input document, variable bindings,
// the clock `$now`/`$millis` read and the seed `$random`/`$uuid` draw from; the outcome is a
// value, undefined, a JSONata error (parse or evaluation), or a file that cannot be used.
// The functions are FunctionSet::StepFunctions(): AWS's additions ($partition, $uuid, …) are
// there and the functions AWS refuses ($eval) are not.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

#include "asl/base/json.h"
#include "asl/jsonata/error.h"

namespace asl {

struct JsonataQuery {
  std::string expression;
  std::string input_path;     // a JSON file, "-" for `stdin`; empty: the input is undefined
  std::string bindings_path;  // a JSON object file: {"name": value} binds $name; empty: none
  int64_t now_ms = 0;         // what $now and $millis return (milliseconds since the epoch)
  uint64_t seed = 0;          // the source of $random, $shuffle and $uuid
  // Guards, so that no expression hangs or exhausts the stack of the command.
  int64_t time_limit_ms = 10'000;
  int max_depth = 0;  // 0: the engine's default
};

struct JsonataOutcome {
  enum class Kind {
    kResult,      // `result` holds the value
    kUndefined,   // the expression evaluated to nothing
    kError,       // `error`: the expression did not parse or failed while evaluating
    kUnreadable,  // `unreadable`: the input or bindings file (named in the text) is unusable
  };
  Kind kind = Kind::kUndefined;
  Json result;
  jsonata::Error error;
  std::string unreadable;
};

// Reads the files (`stdin` for "-"), compiles the expression and evaluates it once.
JsonataOutcome RunJsonataQuery(const JsonataQuery& query, std::istream& stdin_stream);

// The outcome as one line of JSON, exactly one of {"result": VALUE}, {"undefined": true} or
// {"error": {"code", "message", "position", "token"}} (position and token null when the error
// has none). Not for kUnreadable, which is a usage error rather than an answer.
std::string JsonataOutcomeJson(const JsonataOutcome& outcome);

// The outcome for a person: the value as indented JSON, or the error with the expression and a
// caret under the position. Empty for undefined.
std::string JsonataOutcomeText(const JsonataOutcome& outcome, std::string_view expression);

}  // namespace asl
