// FunctionSet::StepFunctions(): the functions an expression in a Step Functions state sees.
//
// AWS implements JSONata 2.0.6 and supports every built-in function of it except `$eval`
// ("use $parse instead"), and adds six of its own: developer guide, "Transforming data with
// JSONata in Step Functions", section "JSONata functions provided by Step Functions". Behaviour
// the guide does not state was measured on AWS by others (floci-io/floci #2662, #2676): `$range`
// includes the end when the step lands on it and truncates non-integer arguments towards zero;
// `$random(42)` is java.util.Random(42).nextDouble() = 0.7275636800328681; `$partition` with a
// chunk size below 1 raises. AWS's error texts for these functions are not recorded anywhere we
// could find: ours are listed in docs/jsonata.md.

#include <cmath>
#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "asl/intrinsics/hash_digests.h"
#include "asl/intrinsics/java_random.h"
#include "asl/jsonata/error.h"
#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/function_set.h"
#include "asl/jsonata/library.h"

namespace asl::jsonata {
namespace {

// The code a failure of one of AWS's own functions carries (AWS's own code is unknown).
constexpr const char* kSfnFunctionError = "States.QueryEvaluationError";
// The largest array $range builds: the reference's range operator limit. AWS has no cap of its
// own but fails on memory somewhere between 2e5 and 5e5 items (floci-io/floci #2676).
constexpr double kSfnMaxRangeItems = 1e7;

[[noreturn]] void SfnFail(const std::string& message) {
  Throw(kSfnFunctionError, std::nullopt, std::nullopt, message);
}

std::string SfnNumberText(double d) { return NumberToString(d); }

// $partition(array, chunkSize): consecutive chunks of chunkSize items, the last one shorter.
Value SfnPartition(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined() || args[1].IsUndefined()) return Value();
  double size = std::trunc(args[1].AsNumber());
  if (!(size >= 1))
    SfnFail("The chunk size of $partition must be a positive integer, but was " +
         SfnNumberText(args[1].AsNumber()));
  Value items = args[0];
  Value out = Value::NewArray();
  auto chunk_size = static_cast<size_t>(std::min(size, 4294967295.0));
  size_t n = items.IsArray() ? items.Size() : 1;
  for (size_t start = 0; start < n; start += chunk_size) {
    Value chunk = Value::NewArray();
    for (size_t i = start; i < n && i < start + chunk_size; ++i)
      chunk.Owned()->items.push_back(items.IsArray() ? items.At(i) : items);
    out.Owned()->items.push_back(std::move(chunk));
  }
  return out;
}

// $range(start, end, step): start, start + step, ... up to and including end.
Value SfnRange(CallContext&, std::vector<Value>& args) {
  for (const auto& arg : args)
    if (arg.IsUndefined()) return Value();
  double start = std::trunc(args[0].AsNumber());
  double end = std::trunc(args[1].AsNumber());
  double step = std::trunc(args[2].AsNumber());
  if (step == 0) SfnFail("The step of $range must not be 0");
  Value out = Value::NewArray();
  double count = std::floor((end - start) / step) + 1;
  if (count <= 0) return out;
  if (count > kSfnMaxRangeItems)
    SfnFail("$range would build " + SfnNumberText(count) + " items; sfnsim allows at most 1e7");
  auto n = static_cast<size_t>(count);
  out.Owned()->items.reserve(n);
  for (size_t i = 0; i < n; ++i)
    out.Owned()->items.push_back(Value::Number(start + static_cast<double>(i) * step));
  return out;
}

// $hash(value, algorithm): the hexadecimal digest of the string's UTF-8 bytes.
Value SfnHash(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  std::string_view data = args[0].AsString();
  std::string_view algorithm = args[1].IsUndefined() ? "" : args[1].AsString();
  if (algorithm == "MD5") return Value::String(intrinsics::Md5Hex(data));
  if (algorithm == "SHA-1") return Value::String(intrinsics::Sha1Hex(data));
  if (algorithm == "SHA-256") return Value::String(intrinsics::Sha256Hex(data));
  if (algorithm == "SHA-384") return Value::String(intrinsics::Sha384Hex(data));
  if (algorithm == "SHA-512") return Value::String(intrinsics::Sha512Hex(data));
  SfnFail("The hash algorithm '" + std::string(algorithm) +
       "' is not supported: use MD5, SHA-1, SHA-256, SHA-384 or SHA-512");
}

// $random([seed]): uniform in [0, 1). With a seed, java.util.Random(seed).nextDouble() (the
// value AWS returns for seed 42); without one, the simulation's random source.
Value SfnRandom(CallContext& ctx, std::vector<Value>& args) {
  if (args.empty() || args[0].IsUndefined()) return Value::Number(ctx.evaluator.Random());
  double seed = std::trunc(args[0].AsNumber());
  // Java converts a double seed to long by saturating.
  int64_t java_seed = seed >= 9.2233720368547758e18    ? INT64_MAX
                      : seed <= -9.2233720368547758e18 ? INT64_MIN
                                                        : static_cast<int64_t>(seed);
  intrinsics::JavaRandom random(java_seed);
  int64_t high = static_cast<uint32_t>(random.Next(26));
  int64_t low = static_cast<uint32_t>(random.Next(27));
  return Value::Number(static_cast<double>((high << 27) + low) * 0x1.0p-53);
}

// $uuid(): a version 4 UUID (RFC 4122 text, lowercase) from the simulation's random source.
Value SfnUuid(CallContext& ctx, std::vector<Value>&) {
  uint64_t words[4];
  for (auto& word : words)
    word = static_cast<uint64_t>(std::floor(ctx.evaluator.Random() * 4294967296.0)) & 0xFFFFFFFF;
  uint64_t high = (words[0] << 32) | words[1];
  uint64_t low = (words[2] << 32) | words[3];
  high = (high & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
  low = (low & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;    // variant 10
  return Value::String(fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", high >> 32,
                                   (high >> 16) & 0xFFFF, high & 0xFFFF, low >> 48,
                                   low & 0xFFFFFFFFFFFFull));
}

// $parse(text): the JSON value the string holds.
Value SfnParse(CallContext& ctx, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  Json parsed = Json::parse(args[0].AsString(), nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) SfnFail("$parse: the string is not valid JSON");
  return Value::Borrow(ctx.evaluator.AdoptJson(std::move(parsed)));
}

}  // namespace

const FunctionSet& FunctionSet::StepFunctions() {
  static const FunctionSet* set = [] {
    auto* functions = new FunctionSet(Standard());
    functions->Remove("eval");
    BindBuiltin(functions, "partition", "<an:a>", SfnPartition);
    BindBuiltin(functions, "range", "<nnn:a>", SfnRange);
    BindBuiltin(functions, "hash", "<s-s:s>", SfnHash);
    BindBuiltin(functions, "random", "<n?:n>", SfnRandom);
    BindBuiltin(functions, "uuid", "<:s>", SfnUuid);
    BindBuiltin(functions, "parse", "<s-:x>", SfnParse);
    return functions;
  }();
  return *set;
}

}  // namespace asl::jsonata
