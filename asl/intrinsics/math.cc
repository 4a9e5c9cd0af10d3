// States.MathRandom and States.MathAdd.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-math-operation

#include "asl/intrinsics/function.h"
#include "asl/intrinsics/intrinsic_node.h"
#include "asl/intrinsics/java_random.h"
#include "asl/intrinsics/numbers.h"

namespace asl::intrinsics {

namespace {

// A number truncated toward zero that fits a Java int.
bool TruncatedInt32(const Json& value, int64_t* out) {
  const std::optional<int64_t> truncated = Truncate(value);
  if (!truncated || !FitsInt32(*truncated)) return false;
  *out = *truncated;
  return true;
}

}  // namespace

namespace impl {

// States.MathRandom(start, end[, seed]): a random integer with start <= n < end. The end is
// exclusive and start must be below end: AWS refuses (1, 1) and (10, 5) and never returns
// 999 for (1, 999) (conformance cases MRAND-001/005/006). Bounds are truncated: (1.6, 5.4)
// can give 1, (1.4, 1.6) is refused (MRAND-008/009). Bounds and the range must fit a Java int
// (sfnsim's choice past that limit).
//
// A seed makes the number a function of (start, end, seed) only: java.util.Random's
// nextInt(end - start) from that seed (java_random.h). Without one, context.random draws it.
Result<Json, Fault> MathRandom(const IntrinsicCallNode&, Args& args, const EvalContext& context) {
  int64_t start = 0, end = 0;
  if (!TruncatedInt32(args[0], &start) || !TruncatedInt32(args[1], &end) || start >= end ||
      !FitsInt32(end - start)) {
    return Fail(InvalidArguments(FunctionId::kMathRandom));
  }
  const auto bound = static_cast<int32_t>(end - start);
  if (args.size() == 3) {
    const std::optional<int64_t> seed = Truncate(args[2]);
    if (!seed) return Fail(InvalidArguments(FunctionId::kMathRandom));
    return Json(start + JavaRandom(*seed).NextInt(bound));
  }
  return Json(RandomFor(context).NextInRange(start, end - 1));
}

// States.MathAdd(a, b). "You must specify integer values in the range of -2147483648 and
// 2147483647 … If you specify a non-integer value for one or both the arguments, Step
// Functions will round it off to the nearest integer." (AWS docs.) The rounding is Java's
// Math.round, halves going up: recorded on AWS (LocalStack snapshot
// test_math_operations.py::test_math_add) 1.5 + 0 = 2, 2.5 + 0 = 3, -1.5 + 0 = -1,
// -2.5 + 0 = -2, -0.5 + 0.5 = 1, -1.5 + -1.51 = -3. A sum outside the int range is refused
// (sfnsim's choice: AWS's behaviour there is not documented).
Result<Json, Fault> MathAdd(const IntrinsicCallNode&, Args& args, const EvalContext&) {
  std::optional<int64_t> a = IsNumber(args[0]) ? RoundHalfUp(args[0]) : std::nullopt;
  std::optional<int64_t> b = IsNumber(args[1]) ? RoundHalfUp(args[1]) : std::nullopt;
  if (!a || !b || !FitsInt32(*a) || !FitsInt32(*b) || !FitsInt32(*a + *b)) {
    return Fail(InvalidArguments(FunctionId::kMathAdd));
  }
  return Json(*a + *b);
}

}  // namespace impl
}  // namespace asl::intrinsics
