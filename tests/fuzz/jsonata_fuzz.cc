// Fuzz target: JSONata expressions (asl/jsonata/jsonata.h), as `sfnsim jsonata` and a `{% … %}`
// field evaluate them. Input: the expression on the first line, the input document after it
// (none: the input is undefined).
// Checks that no expression crashes, exhausts the stack or runs past the guards, that every
// error has a code, and that evaluation is deterministic for a fixed clock and random source.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "asl/base/json.h"
#include "asl/base/random.h"
#include "asl/jsonata/jsonata.h"
#include "tests/fuzz/fuzz_document.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

// Both evaluations of one input must agree; a time-guard stop (U1001) may come earlier or later
// with the machine's load, so only outcomes that did not hit it are compared.
struct Outcome {
  std::string text;  // the result as JSON, "undefined", or "error CODE"
  bool guard_stop = false;
};

Outcome EvaluateOnce(const asl::jsonata::Expression& expression, const asl::Json* input) {
  asl::Random random(7);
  asl::jsonata::EvaluateOptions options;
  // Well below libFuzzer's -timeout (10 s in run_fuzzers.sh): the coverage instrumentation makes
  // big values (a 10-million-item range of the reference suite's seeds) very slow to build.
  options.time_limit_ms = 1'000;
  options.now_ms = [] { return int64_t{1'767'225'600'000}; };
  options.random = [&random] { return random.NextDouble(); };
  asl::jsonata::Evaluation evaluation = expression.Evaluate(input, options);
  Outcome outcome;
  if (evaluation.error) {
    if (evaluation.error->code.empty()) sfnsim_fuzz::Violated("an error without a code");
    outcome.text = "error " + evaluation.error->code;
    outcome.guard_stop = evaluation.error->code == "U1001";
  } else if (evaluation.result) {
    // Compared as text (NaN is not equal to itself), ill-formed UTF-8 replaced as sfnsim writes.
    outcome.text = asl::Dump(*evaluation.result);
  } else {
    outcome.text = "undefined";
  }
  return outcome;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto [expression_text, document_text] =
      sfnsim_fuzz::SplitFirstLine(sfnsim_fuzz::AsText(data, size));
  auto compiled = asl::jsonata::Expression::Compile(expression_text);
  if (auto* error = std::get_if<asl::jsonata::Error>(&compiled)) {
    if (error->code.empty()) sfnsim_fuzz::Violated("a parse error without a code");
    return 0;
  }
  const auto& expression = std::get<asl::jsonata::Expression>(compiled);
  std::optional<asl::Json> input;
  if (!document_text.empty()) input = sfnsim_fuzz::DocumentFrom(document_text);
  const asl::Json* input_pointer = input ? &*input : nullptr;
  Outcome first = EvaluateOnce(expression, input_pointer);
  if (first.guard_stop) return 0;  // nothing to compare, and another run would be as slow
  Outcome second = EvaluateOnce(expression, input_pointer);
  if (!second.guard_stop && first.text != second.text) {
    sfnsim_fuzz::Violated("one expression, two outcomes");
  }
  return 0;
}
