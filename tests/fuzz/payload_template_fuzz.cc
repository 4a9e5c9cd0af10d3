// Fuzz target: payload templates (asl/template/payload_template.h): Parameters, ResultSelector,
// ItemSelector with paths and intrinsic calls at any depth. Input: [template, state input] as
// JSON (see fuzz_pair.h). Checks that compile issues are located and explained, and that a
// compiled template evaluates the same way twice.

#include <cstddef>
#include <cstdint>

#include "asl/base/json.h"
#include "asl/base/random.h"
#include "asl/template/payload_template.h"
#include "tests/fuzz/fuzz_input.h"
#include "tests/fuzz/fuzz_pair.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto pair = sfnsim_fuzz::PairFrom(sfnsim_fuzz::AsText(data, size));
  if (!pair) return 0;
  auto compiled = asl::PayloadTemplate::Compile(pair->first);
  if (!compiled.ok()) {
    if (compiled.error().empty()) sfnsim_fuzz::Violated("a template refused without an issue");
    for (const asl::TemplateIssue& issue : compiled.error()) {
      if (issue.message.empty()) sfnsim_fuzz::Violated("an issue without text");
    }
    return 0;
  }
  asl::Json context = sfnsim_fuzz::ContextDocument();
  asl::Random first_random(3), second_random(3);
  auto first = compiled->Evaluate({pair->second, &context, &first_random});
  auto second = compiled->Evaluate({pair->second, &context, &second_random});
  if (first.ok() != second.ok()) sfnsim_fuzz::Violated("one template, two outcomes");
  // Compared as text: a NaN is not equal to itself.
  if (first.ok() && asl::Dump(*first) != asl::Dump(*second)) {
    sfnsim_fuzz::Violated("one template, two payloads");
  }
  if (compiled->is_static() && first.ok() && !compiled->uses_context()) {
    auto again = compiled->Evaluate({asl::Json::object(), &context, &first_random});
    if (!again.ok() || asl::Dump(*again) != asl::Dump(*first)) {
      sfnsim_fuzz::Violated("a static template varies");
    }
  }
  return 0;
}
