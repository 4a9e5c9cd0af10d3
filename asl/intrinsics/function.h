#pragma once
// What the implementation of one intrinsic function sees: its id, its evaluated arguments, and
// the way it reports a failure. Internal to asl/intrinsics.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/error_names.h"
#include "asl/base/json.h"
#include "asl/base/random.h"
#include "asl/base/result.h"
#include "asl/base/eval_context.h"

namespace asl {
struct IntrinsicCallNode;
}

namespace asl::intrinsics {

// "The input string can't exceed 10,000 characters" (States.Hash, States.Base64Encode/Decode;
// AWS docs). Characters are counted as Java counts them (UTF-16 code units); the conformance
// cases run against AWS accept 10000 and refuse 10001.
inline constexpr size_t kMaxIntrinsicInputLength = 10000;

// The 18 functions of JSONPath mode, in the order of the AWS documentation.
enum class FunctionId : uint8_t {
  kArray,
  kArrayPartition,
  kArrayContains,
  kArrayRange,
  kArrayGetItem,
  kArrayLength,
  kArrayUnique,
  kBase64Encode,
  kBase64Decode,
  kHash,
  kJsonMerge,
  kStringToJson,
  kJsonToString,
  kMathRandom,
  kMathAdd,
  kStringSplit,
  kUuid,
  kFormat,
  kCount,
};

// Sources cited in this directory as "conformance cases XX-NNN": an intrinsic conformance suite
// of a TypeScript Step Functions emulator (files tests/support/conformance/intrinsicCases/
// States.<Name>.ts) whose cases were executed against AWS; a case's expectation, or its
// skipReason when the emulator differed, states what AWS did.
//
// The error name AWS gives a call whose arguments it refuses (wrong type, out of range, too
// many ArrayRange items, …). Three independent runs against real AWS report "States.Runtime"
// with a cause containing "Invalid arguments in States.<Name>", not States.IntrinsicFailure:
//  - an integration test of a CloudFormation stack: error == 'States.Runtime', cause contains
//    'Invalid arguments in States.MathAdd' (MathAdd of a string);
//  - a blog report of a live run: "States.Runtime: Invalid arguments in States.StringToJson";
//  - the conformance cases: every refused argument (ArrayPartition, ArrayRange, Base64*, Hash,
//    MathRandom, …) is States.Runtime with "Invalid arguments in States.<Name>".
// States.Runtime cannot be caught by Retry/Catch, which is what AWS does with these.
inline constexpr std::string_view kInvalidArgumentsError = errors::kRuntime;

// A failure inside a call. IntrinsicCall::Evaluate turns it into an asl::Error whose cause
// names the whole expression, as AWS does.
struct Fault {
  std::string_view error;  // the error name (points at a constant)
  std::string message;     // the part of the cause after "... had the following error: "
};

// "Invalid arguments in States.MathAdd": AWS's cause for refused arguments (see above).
Fault InvalidArguments(FunctionId id);

// The algorithms of States.Hash, as AWS spells them (hash.cc).
const std::vector<std::string>& HashAlgorithmNames();

// The generator for States.UUID and unseeded States.MathRandom: context.random, or when the
// caller gave none, a generator of this thread with a fixed seed (uuid.cc).
Random& RandomFor(const EvalContext& context);

// The value of one evaluated argument: a reference to a node that outlives the call (a
// literal of the compiled call, or a node of the input / Context object), or a value the
// argument produced itself (a nested call, an indefinite path).
class Value {
 public:
  Value() = default;
  static Value Ref(const Json* node) {
    Value v;
    v.ref_ = node;
    return v;
  }
  static Value Own(Json value) {
    Value v;
    v.owned_ = std::move(value);
    return v;
  }

  const Json& get() const { return ref_ != nullptr ? *ref_ : owned_; }
  // The value itself: moved out when owned, copied when referenced.
  Json Take() { return ref_ != nullptr ? *ref_ : std::move(owned_); }

 private:
  const Json* ref_ = nullptr;
  Json owned_;
};

// The evaluated arguments of one call, in order. Up to kInline values live on the stack.
class Args {
 public:
  explicit Args(size_t count) : count_(count) {
    if (count > kInline) heap_ = std::make_unique<Value[]>(count);
  }
  Args(const Args&) = delete;
  Args& operator=(const Args&) = delete;

  size_t size() const { return count_; }
  const Json& operator[](size_t i) const { return slot(i).get(); }
  Json Take(size_t i) { return slot(i).Take(); }
  Value& slot(size_t i) { return heap_ ? heap_[i] : inline_[i]; }
  const Value& slot(size_t i) const { return heap_ ? heap_[i] : inline_[i]; }

 private:
  static constexpr size_t kInline = 4;
  size_t count_;
  Value inline_[kInline];
  std::unique_ptr<Value[]> heap_;
};

// One function's implementation. `call` is the compiled call (for what was decided at load
// time, e.g. a literal States.Format template); `args` holds as many values as the call has
// arguments, arity having been checked at load time.
using Impl = Result<Json, Fault> (*)(const IntrinsicCallNode& call, Args& args,
                                     const EvalContext& context);

// The implementations, one file per family (array.cc, encoding.cc, hash.cc, json.cc, math.cc,
// string.cc, uuid.cc).
namespace impl {
Result<Json, Fault> Array(const IntrinsicCallNode&, Args&, const EvalContext&);
Result<Json, Fault> ArrayPartition(const IntrinsicCallNode&, Args&, const EvalContext&);
Result<Json, Fault> ArrayContains(const IntrinsicCallNode&, Args&, const EvalContext&);
Result<Json, Fault> ArrayRange(const IntrinsicCallNode&, Args&, const EvalContext&);
Result<Json, Fault> ArrayGetItem(const IntrinsicCallNode&, Args&, const EvalContext&);
Result<Json, Fault> ArrayLength(const IntrinsicCallNode&, Args&, const EvalContext&);
Result<Json, Fault> ArrayUnique(const IntrinsicCallNode&, Args&, const EvalContext&);
Result<Json, Fault> Base64Encode(const IntrinsicCallNode&, Args&, const EvalContext&);
Result<Json, Fault> Base64Decode(const IntrinsicCallNode&, Args&, const EvalContext&);
Result<Json, Fault> Hash(const IntrinsicCallNode&, Args&, const EvalContext&);
Result<Json, Fault> JsonMerge(const IntrinsicCallNode&, Args&, const EvalContext&);
Result<Json, Fault> StringToJson(const IntrinsicCallNode&, Args&, const EvalContext&);
Result<Json, Fault> JsonToString(const IntrinsicCallNode&, Args&, const EvalContext&);
Result<Json, Fault> MathRandom(const IntrinsicCallNode&, Args&, const EvalContext&);
Result<Json, Fault> MathAdd(const IntrinsicCallNode&, Args&, const EvalContext&);
Result<Json, Fault> StringSplit(const IntrinsicCallNode&, Args&, const EvalContext&);
Result<Json, Fault> Uuid(const IntrinsicCallNode&, Args&, const EvalContext&);
Result<Json, Fault> Format(const IntrinsicCallNode&, Args&, const EvalContext&);
}  // namespace impl

}  // namespace asl::intrinsics
