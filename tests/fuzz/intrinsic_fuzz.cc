// Fuzz target: intrinsic function calls (asl/intrinsics/intrinsic_call.h), as a ".$" field or
// ResultSelector holds them. Input: the call on the first line, the state input after it.
// Checks that evaluation is deterministic for a fixed random seed.

#include <cstddef>
#include <cstdint>

#include "asl/base/json.h"
#include "asl/base/random.h"
#include "asl/intrinsics/intrinsic_call.h"
#include "tests/fuzz/fuzz_document.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto [call_text, document_text] = sfnsim_fuzz::SplitFirstLine(sfnsim_fuzz::AsText(data, size));
  asl::IntrinsicCall::LooksLikeCall(call_text);
  auto call = asl::IntrinsicCall::Parse(call_text);
  if (!call.ok()) {
    if (call.error().empty()) sfnsim_fuzz::Violated("a call refused without a reason");
    return 0;
  }
  asl::Json input = sfnsim_fuzz::DocumentFrom(document_text);
  asl::Json context = sfnsim_fuzz::ContextDocument();
  asl::Random first_random(7), second_random(7);
  auto first = call->Evaluate({input, &context, &first_random});
  auto second = call->Evaluate({input, &context, &second_random});
  if (first.ok() != second.ok()) sfnsim_fuzz::Violated("one call, two outcomes");
  // Compared as text (a NaN is not equal to itself), written as sfnsim writes JSON: ill-formed
  // UTF-8 replaced (the fuzzer's call text need not be UTF-8; a definition's always is).
  if (first.ok() && asl::Dump(*first) != asl::Dump(*second)) {
    sfnsim_fuzz::Violated("one call, two results");
  }
  if (!first.ok() && first.error().name.empty()) sfnsim_fuzz::Violated("an error without a name");
  return 0;
}
