// States.UUID.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-uuid-generate

#include <fmt/format.h>

#include "asl/intrinsics/function.h"
#include "asl/intrinsics/intrinsic_node.h"

namespace asl::intrinsics {

Random& RandomFor(const EvalContext& context) {
  if (context.random != nullptr) return *context.random;
  // Only callers that give no generator get here (tools evaluating one call); a fixed seed
  // keeps them reproducible.
  thread_local Random fallback(0x5EED);
  return fallback;
}

namespace impl {

// States.UUID(): "a version 4 universally unique identifier (v4 UUID) generated using random
// numbers" (AWS docs), in the RFC 4122 text form, lowercase: 122 random bits from
// context.random, the version nibble 4 and the variant bits 10.
Result<Json, Fault> Uuid(const IntrinsicCallNode&, Args&, const EvalContext& context) {
  Random& random = RandomFor(context);
  uint64_t high = random.Next();
  uint64_t low = random.Next();
  high = (high & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
  low = (low & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;    // variant 10
  return Json(fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", high >> 32, (high >> 16) & 0xFFFF,
                          high & 0xFFFF, low >> 48, low & 0xFFFFFFFFFFFFull));
}

}  // namespace impl
}  // namespace asl::intrinsics
