// The array intrinsics.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-arrays

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "asl/intrinsics/function.h"
#include "asl/intrinsics/intrinsic_node.h"
#include "asl/intrinsics/java_text.h"
#include "asl/intrinsics/numbers.h"

namespace asl::intrinsics {

namespace {

// "The new array can contain up to 1000 elements." (States.ArrayRange)
constexpr int64_t kMaxRangeItems = 1000;

// Equality of two values as Java objects (what a Java Set of them would do): strings, booleans
// and null by value; integers with integers and decimals with decimals (1 and 1.0 differ, as
// Long and Double do, and so do 0.0 and -0.0); arrays item by item; objects by their key/value
// pairs in any order.
bool JavaEquals(const Json& a, const Json& b) {
  if (a.is_number_integer() && b.is_number_integer()) {
    if (a.is_number_unsigned() != b.is_number_unsigned()) {
      // One of them is above INT64_MAX only if it is unsigned and large.
      const Json& u = a.is_number_unsigned() ? a : b;
      const Json& s = a.is_number_unsigned() ? b : a;
      return u.get<uint64_t>() <= INT64_MAX &&
             static_cast<int64_t>(u.get<uint64_t>()) == s.get<int64_t>();
    }
    return a == b;
  }
  if (a.is_number_float() && b.is_number_float()) {
    const double x = a.get<double>(), y = b.get<double>();
    return x == y && std::signbit(x) == std::signbit(y);
  }
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!JavaEquals(a[i], b[i])) return false;
    }
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (const auto& [key, value] : a.items()) {
      auto other = b.find(key);
      if (other == b.end() || !JavaEquals(value, *other)) return false;
    }
    return true;
  }
  return a == b;
}

// A hash consistent with JavaEquals (object members combine in any order).
size_t JavaHash(const Json& value) {
  constexpr size_t kMix = 0x9E3779B97F4A7C15ull;
  switch (value.type()) {
    case Json::value_t::array: {
      size_t h = 1;
      for (const Json& item : value) h = h * 31 + JavaHash(item);
      return h;
    }
    case Json::value_t::object: {
      size_t h = 7;
      for (const auto& [key, item] : value.items()) {
        h += std::hash<std::string>()(key) ^ (JavaHash(item) * kMix);
      }
      return h;
    }
    case Json::value_t::number_unsigned:
      if (value.get<uint64_t>() <= INT64_MAX) return std::hash<int64_t>()(value.get<int64_t>());
      return std::hash<uint64_t>()(value.get<uint64_t>());
    case Json::value_t::number_integer:
      return std::hash<int64_t>()(value.get<int64_t>());
    case Json::value_t::number_float:
      return std::hash<double>()(value.get<double>()) ^ 0x5bd1e995;
    case Json::value_t::string:
      return std::hash<std::string>()(value.get_ref<const std::string&>());
    case Json::value_t::boolean:
      return value.get<bool>() ? 1231 : 1237;
    default:
      return 0;
  }
}

}  // namespace

namespace impl {

// States.Array: its arguments, in order, as an array.
Result<Json, Fault> Array(const IntrinsicCallNode&, Args& args, const EvalContext&) {
  Json out = Json::array();
  out.get_ref<Json::array_t&>().reserve(args.size());
  for (size_t i = 0; i < args.size(); ++i) out.push_back(args.Take(i));
  return out;
}

// States.ArrayPartition(array, chunk size): consecutive chunks, the last one possibly shorter.
// Input validation (AWS docs): an array first; "a non-zero, positive integer" chunk size. A
// fractional chunk size is truncated: AWS partitions by 2 for 2.6 and refuses 0.6, 0.49 and
// -0.4 (conformance cases AP-013..AP-018, run against AWS).
Result<Json, Fault> ArrayPartition(const IntrinsicCallNode&, Args& args, const EvalContext&) {
  if (!args[0].is_array() || !IsNumber(args[1])) {
    return Fail(InvalidArguments(FunctionId::kArrayPartition));
  }
  // Truncated toward zero, a chunk size below 1 is 0 or negative. A huge one is one chunk.
  const double chunk_size = ToDouble(args[1]);
  if (!(chunk_size >= 1)) return Fail(InvalidArguments(FunctionId::kArrayPartition));
  const size_t size = chunk_size >= 0x1p63 ? SIZE_MAX : static_cast<size_t>(chunk_size);

  Json source = args.Take(0);
  Json::array_t& items = source.get_ref<Json::array_t&>();
  Json out = Json::array();
  for (size_t start = 0; start < items.size(); start += std::min(size, items.size() - start)) {
    const size_t end = start + std::min(size, items.size() - start);
    Json chunk = Json::array();
    chunk.get_ref<Json::array_t&>().assign(std::make_move_iterator(items.begin() + start),
                                           std::make_move_iterator(items.begin() + end));
    out.push_back(std::move(chunk));
  }
  return out;
}

// States.ArrayContains(array, value). AWS compares the values' texts as Java prints them
// (java_text.h), so key order matters and a number matches the string of its digits. Observed
// against AWS (conformance cases AC-009, AC-024..AC-028): {"a":1,"b":2}
// does not contain {"b":2,"a":1}; ["true"] contains true; ["9007199254740991"] contains
// 9007199254740991; [{"a":1}] does not contain {"a":1,"extra":null}.
Result<Json, Fault> ArrayContains(const IntrinsicCallNode&, Args& args, const EvalContext&) {
  if (!args[0].is_array()) return Fail(InvalidArguments(FunctionId::kArrayContains));
  const std::string wanted = JavaText(args[1]);
  std::string text;
  for (const Json& item : args[0]) {
    text.clear();
    AppendJavaText(item, &text);
    if (text == wanted) return Json(true);
  }
  return Json(false);
}

// States.ArrayRange(first, last, step): first, first + step, … up to and including last.
// Input validation (AWS docs): integers; a non-zero step; at most 1000 items. Fractional
// arguments are truncated: AWS gives [1] for (1.6, 1.4, 1) and [5, 3, 1] for (5.4, -0.6, -2.4),
// and refuses a step of 0.49 (conformance cases ARANGE-014, -023, -024). A step of the wrong
// sign gives []; equal bounds give [first] whatever the step.
Result<Json, Fault> ArrayRange(const IntrinsicCallNode&, Args& args, const EvalContext&) {
  int64_t values[3];
  for (size_t i = 0; i < 3; ++i) {
    std::optional<int64_t> value = IsNumber(args[i]) ? Truncate(args[i]) : std::nullopt;
    // Java ints: beyond them the values are refused (sfnsim's choice; AWS's text is unknown).
    if (!value || !FitsInt32(*value)) return Fail(InvalidArguments(FunctionId::kArrayRange));
    values[i] = *value;
  }
  const int64_t first = values[0], last = values[1], step = values[2];
  if (step == 0) return Fail(InvalidArguments(FunctionId::kArrayRange));
  int64_t count = 0;
  if (step > 0 ? first <= last : first >= last) count = (last - first) / step + 1;
  if (count > kMaxRangeItems) return Fail(InvalidArguments(FunctionId::kArrayRange));
  Json out = Json::array();
  out.get_ref<Json::array_t&>().reserve(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) out.push_back(first + i * step);
  return out;
}

// States.ArrayGetItem(array, index). The index is truncated (AWS returns item 1 for 1.2); a
// negative one or one past the end is refused, except that AWS returns null for any index
// into an empty array (conformance cases AGI-009..AGI-015, run against AWS).
Result<Json, Fault> ArrayGetItem(const IntrinsicCallNode&, Args& args, const EvalContext&) {
  if (!args[0].is_array() || !IsNumber(args[1])) {
    return Fail(InvalidArguments(FunctionId::kArrayGetItem));
  }
  const std::optional<int64_t> index = Truncate(args[1]);
  if (!index || *index < 0) return Fail(InvalidArguments(FunctionId::kArrayGetItem));
  const Json& array = args[0];
  if (array.empty()) return Json(nullptr);
  if (static_cast<uint64_t>(*index) >= array.size()) {
    return Fail(InvalidArguments(FunctionId::kArrayGetItem));
  }
  return array[static_cast<size_t>(*index)];
}

// States.ArrayLength(array).
Result<Json, Fault> ArrayLength(const IntrinsicCallNode&, Args& args, const EvalContext&) {
  if (!args[0].is_array()) return Fail(InvalidArguments(FunctionId::kArrayLength));
  return Json(args[0].size());
}

// States.ArrayUnique(array): the items without repeats, first occurrences in order.
// Which values AWS counts as equal is not documented: sfnsim takes Java object equality
// (JavaEquals above), in keeping with the Java values AWS's implementation works on.
Result<Json, Fault> ArrayUnique(const IntrinsicCallNode&, Args& args, const EvalContext&) {
  if (!args[0].is_array()) return Fail(InvalidArguments(FunctionId::kArrayUnique));
  Json source = args.Take(0);
  Json::array_t& items = source.get_ref<Json::array_t&>();
  std::unordered_multimap<size_t, size_t> seen;  // hash -> index into `kept`
  Json out = Json::array();
  Json::array_t& kept = out.get_ref<Json::array_t&>();
  for (Json& item : items) {
    const size_t hash = JavaHash(item);
    auto [begin, end] = seen.equal_range(hash);
    const bool repeated = std::any_of(
        begin, end, [&](const auto& entry) { return JavaEquals(kept[entry.second], item); });
    if (repeated) continue;
    seen.emplace(hash, kept.size());
    kept.push_back(std::move(item));
  }
  return out;
}

}  // namespace impl
}  // namespace asl::intrinsics
