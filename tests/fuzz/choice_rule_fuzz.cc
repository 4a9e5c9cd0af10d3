// Fuzz target: Choice rules (asl/choice/choice_rule.h): And/Or/Not trees, every comparison
// operator, …Path operands, timestamps, StringMatches patterns. Input: [rule, state input] as
// JSON (see fuzz_pair.h); the rule is compiled both as a top-level rule (with Next) and as a
// nested one. Checks that a refused rule says why and that evaluation is deterministic.

#include <cstddef>
#include <cstdint>

#include "asl/choice/choice_rule.h"
#include "tests/fuzz/fuzz_input.h"
#include "tests/fuzz/fuzz_pair.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto pair = sfnsim_fuzz::PairFrom(sfnsim_fuzz::AsText(data, size));
  if (!pair) return 0;
  asl::Json context = sfnsim_fuzz::ContextDocument();
  for (bool top_level : {true, false}) {
    asl::DiagnosticList diagnostics;
    asl::ChoiceRule rule =
        asl::ChoiceRule::Compile(pair->first, "/States/C/Choices/0", top_level, diagnostics);
    if (!rule.valid()) {
      if (!diagnostics.HasErrors()) sfnsim_fuzz::Violated("a rule refused without an error");
      continue;
    }
    auto first = rule.Evaluate({pair->second, &context, nullptr});
    auto second = rule.Evaluate({pair->second, &context, nullptr});
    if (first.ok() != second.ok()) sfnsim_fuzz::Violated("one rule, two outcomes");
    if (first.ok() && *first != *second) sfnsim_fuzz::Violated("one rule, two verdicts");
  }
  return 0;
}
