// States.StringToJson, States.JsonToString and States.JsonMerge.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-json-manipulate

#include <algorithm>
#include <numeric>
#include <vector>

#include "asl/base/json_limits.h"
#include "asl/intrinsics/function.h"
#include "asl/intrinsics/intrinsic_node.h"

namespace asl::intrinsics::impl {

// States.StringToJson(string): the JSON value the string holds. Recorded on AWS (LocalStack
// snapshot test_json_manipulation.py::test_string_to_json): "" and " " give null, "-0" gives
// 0, "1.1" 1.1, "\"HelloWorld\"" "HelloWorld". A string that is not JSON is refused (AWS's
// "Invalid arguments in States.StringToJson" is reported for a non-string argument; for a
// malformed string it is sfnsim's choice, as is refusing text after the value).
//
// NONSTANDARD: a text nested deeper than kMaxJsonDepth is refused the same way, before it is
// parsed (asl/base/json_limits.h): the value would enter the run and every copy of it recurse
// once per level. AWS's own parser (Jackson) has a nesting bound too (1,000 levels by default);
// what AWS answers beyond it is not recorded.
Result<Json, Fault> StringToJson(const IntrinsicCallNode&, Args& args, const EvalContext&) {
  if (!args[0].is_string()) return Fail(InvalidArguments(FunctionId::kStringToJson));
  const std::string& text = args[0].get_ref<const std::string&>();
  if (text.find_first_not_of(" \t\n\r") == std::string::npos) return Json(nullptr);
  std::optional<Json> value = ParseJsonWithinLimits(text);
  if (!value) return Fail(InvalidArguments(FunctionId::kStringToJson));
  return std::move(*value);
}

// States.JsonToString(value): the value as compact JSON text. Recorded on AWS:
// {"Arg1":1,"Arg2":[]} gives "{\"Arg1\":1,\"Arg2\":[]}", [1, 2, "HelloWorld"] gives
// "[1,2,\"HelloWorld\"]".
Result<Json, Fault> JsonToString(const IntrinsicCallNode&, Args& args, const EvalContext&) {
  return Json(Dump(args[0]));
}

// States.JsonMerge(object, object, false): a shallow merge, the second object's members
// winning. "Currently, Step Functions only supports the shallow merging mode; therefore, you
// must specify the boolean value as false." (AWS docs.)
//
// The merged object's members come out sorted by key. Recorded on AWS (intrinsic_json_merge):
// {"a":…,"b":2,"d":3} merged with {"a":…,"c":3,"d":4} gives {"a":…,"b":2,"c":3,"d":4}, which
// neither the first object's order nor "first's keys, then the second's new keys" produces.
// Sorting reproduces it; AWS's actual rule (a Java map's order) is not documented.
Result<Json, Fault> JsonMerge(const IntrinsicCallNode&, Args& args, const EvalContext&) {
  if (!args[0].is_object() || !args[1].is_object() || !args[2].is_boolean() ||
      args[2].get<bool>()) {
    return Fail(InvalidArguments(FunctionId::kJsonMerge));
  }
  Json merged = args.Take(0);
  Json::object_t& members = merged.get_ref<Json::object_t&>();
  for (const auto& [key, value] : args[1].items()) members[key] = value;

  // (ordered_map's operator[] takes a key, so members are reached through an iterator.)
  const auto member = members.begin();
  std::vector<size_t> order(members.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return member[a].first < member[b].first; });
  Json out = Json::object();
  Json::object_t& sorted = out.get_ref<Json::object_t&>();
  sorted.reserve(members.size());
  for (size_t i : order) sorted.emplace_back(member[i].first, std::move(member[i].second));
  return out;
}

}  // namespace asl::intrinsics::impl
