// Run-time JSON nested 100,000 deep, given to every asl entry point that takes run-time JSON:
// none may overflow the stack. Each either works (walks without recursion) or refuses the value
// with States.Runtime, naming sfnsim's depth limit (asl/base/json_limits.h).

#include <gtest/gtest.h>

#include <string>

#include "asl/base/diagnostic.h"
#include "asl/base/json_limits.h"
#include "asl/choice/choice_rule.h"
#include "asl/intrinsics/intrinsic_call.h"
#include "asl/path/json_path.h"
#include "asl/path/reference_path.h"
#include "asl/runtime/io_pipeline.h"
#include "asl/template/payload_template.h"

namespace asl {
namespace {

constexpr int kDeep = 100000;

// {"a":{"a":…{"a":1}…}} with `depth` objects, built without recursion (and destroyed without
// it: nlohmann flattens a value before freeing it).
Json DeepObject(int depth) {
  Json root = Json::object();
  Json* innermost = &root;
  for (int i = 1; i < depth; ++i) {
    (*innermost)["a"] = Json::object();
    innermost = &(*innermost)["a"];
  }
  (*innermost)["a"] = 1;
  return root;
}

// [[…[]…]] with `depth` arrays.
Json DeepArray(int depth) {
  Json root = Json::array();
  Json* innermost = &root;
  for (int i = 1; i < depth; ++i) {
    innermost->push_back(Json::array());
    innermost = &innermost->back();
  }
  return root;
}

JsonPath Path(std::string_view text) {
  auto path = JsonPath::Parse(text);
  EXPECT_TRUE(path.ok()) << text;
  return path.ok() ? std::move(path).value() : JsonPath();
}

InputOutputPath IoPath(std::string_view text) {
  InputOutputPath field;
  field.kind = InputOutputPath::Kind::kPath;
  field.path = Path(text);
  return field;
}

ResultPathField ResultPath(std::string_view text) {
  ResultPathField field;
  field.kind = ResultPathField::Kind::kPath;
  auto path = ReferencePath::Parse(text, /*allow_context=*/false);
  EXPECT_TRUE(path.ok()) << text;
  field.path = std::move(path).value();
  return field;
}

PayloadTemplate Template(std::string_view json) {
  auto compiled = PayloadTemplate::Compile(Json::parse(json));
  EXPECT_TRUE(compiled.ok()) << json;
  return compiled.ok() ? std::move(compiled).value() : PayloadTemplate();
}

IntrinsicCall Call(std::string_view text) {
  auto call = IntrinsicCall::Parse(text);
  EXPECT_TRUE(call.ok()) << text << ": " << (call.ok() ? "" : call.error());
  return call.ok() ? std::move(call).value() : IntrinsicCall();
}

void ExpectDepthError(const Error& error) {
  EXPECT_EQ(error.name, "States.Runtime");
  EXPECT_NE(error.cause.find("nested more than 512 levels deep"), std::string::npos)
      << error.cause;
}

TEST(DeepJsonTest, DepthExceedsStopsEarlyAndCountsEmptyContainers) {
  EXPECT_FALSE(JsonDepthExceeds(Json(1), 0));
  EXPECT_TRUE(JsonDepthExceeds(Json::array(), 0));
  EXPECT_FALSE(JsonDepthExceeds(Json::array(), 1));
  EXPECT_FALSE(JsonDepthExceeds(Json::parse(R"({"a":[{"b":[]}],"c":{}})"), 4));
  EXPECT_TRUE(JsonDepthExceeds(Json::parse(R"({"a":[{"b":[]}],"c":{}})"), 3));
  EXPECT_FALSE(JsonDepthExceeds(DeepArray(kMaxJsonDepth), kMaxJsonDepth));
  EXPECT_TRUE(JsonDepthExceeds(DeepArray(kMaxJsonDepth + 1), kMaxJsonDepth));
  EXPECT_TRUE(JsonDepthExceeds(DeepObject(kDeep), kMaxJsonDepth));
  EXPECT_FALSE(JsonDepthExceeds(DeepObject(kDeep), kDeep));
}

TEST(DeepJsonTest, SerializedSizeAndDumpWalkWithoutRecursion) {
  Json deep = DeepObject(kDeep);
  std::string text = Dump(deep);
  EXPECT_EQ(text.size(), SerializedSize(deep));
  EXPECT_EQ(text.size(), size_t{kDeep} * 6 + 1);  // {"a": … 1 … }
  EXPECT_EQ(text.substr(0, 12), R"({"a":{"a":{")");
  EXPECT_EQ(text.substr(text.size() - kDeep - 1, 4), "1}}}");
  Json arrays = DeepArray(kDeep);
  EXPECT_EQ(Dump(arrays), std::string(kDeep, '[') + std::string(kDeep, ']'));
  EXPECT_EQ(SerializedSize(arrays), size_t{2} * kDeep);
}

// Objects below are made with room for their members: a growing object copies the members it
// already has (ordered_json), which would recurse through a deep one.
TEST(DeepJsonTest, SelectPathRefusesToCopyADeepSelection) {
  Json input = ObjectWithCapacity(2);
  input["deep"] = DeepObject(kDeep);
  input["flat"] = Json::parse(R"({"x":[1,2]})");
  Json storage;
  auto flat = SelectPath(IoPath("$.flat.x"), input, nullptr, storage);
  ASSERT_TRUE(flat.ok());
  EXPECT_EQ(Dump(**flat), "[1,2]");
  for (const char* path : {"$.deep", "$.deep.a", "$.*", "$..a", "$[?(@.deep)]",
                           "$['deep','flat']"}) {
    auto selected = SelectPath(IoPath(path), input, nullptr, storage);
    ASSERT_FALSE(selected.ok()) << path;
    ExpectDepthError(selected.error());
  }
  // "$" selects the input where it stands: nothing is copied.
  InputOutputPath whole;
  auto same = SelectPath(whole, input, nullptr, storage);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, &input);
}

TEST(DeepJsonTest, JsonPathEvaluationOnADeepDocument) {
  Json doc = DeepObject(kDeep);
  EXPECT_NE(Path("$.a.a.a").Find(doc), nullptr);
  EXPECT_FALSE(Path("$.a").Evaluate(doc).has_value());
  EXPECT_TRUE(Path("$.a").SelectsTooDeep(doc));
  EXPECT_NE(Path("$..a").NotFoundDetail(doc).find("nested more than 512"), std::string::npos);
  // Selections that stay within the limit still work on a deep document.
  EXPECT_EQ(Dump(*Path("$.nope[*]").Evaluate(doc)), "[]");
  Json wide = ObjectWithCapacity(2);
  wide["deep"] = std::move(doc);
  wide["list"] = Json::parse(R"([{"k":1},{"k":2}])");
  EXPECT_EQ(Dump(*Path("$.list[?(@.k == 2)].k").Evaluate(wide)), "[2]");
  // A filter comparing two deep subtrees compares them without recursion.
  Json twin = ObjectWithCapacity(2);
  twin["x"] = DeepObject(kDeep);  // moved in: a copy would recurse
  twin["y"] = DeepObject(kDeep);
  Json list = Json::array();
  list.push_back(std::move(twin));
  EXPECT_FALSE(Path("$[?(@.x == @.y)]").Evaluate(list).has_value());  // selects a deep item
  EXPECT_EQ(Dump(*Path("$[?(@.x != @.y)]").Evaluate(list)), "[]");
}

TEST(DeepJsonTest, ResultPathRefusesADeepResultAndKeepsTheInput) {
  Json input = Json::parse(R"({"keep":1})");
  auto applied = ApplyResultPath(ResultPath("$.r"), input, DeepObject(kDeep));
  ASSERT_FALSE(applied.ok());
  ExpectDepthError(applied.error());
  auto in_place = ApplyResultPathInPlace(ResultPath("$.r"), input, DeepArray(kDeep));
  ASSERT_FALSE(in_place.ok());
  ExpectDepthError(in_place.error());
  EXPECT_EQ(Dump(input), R"({"keep":1})");
  ResultPathField replace;  // absent: the result becomes the output
  ASSERT_FALSE(ApplyResultPath(replace, input, DeepArray(kDeep)).ok());
  ResultPathField discard;
  discard.kind = ResultPathField::Kind::kNull;
  EXPECT_TRUE(ApplyResultPath(discard, input, DeepArray(kDeep)).ok());
  // The bound counts the levels ResultPath adds: 510 + "$.a.b" is 512, one more is not.
  EXPECT_TRUE(ApplyResultPath(ResultPath("$.a.b"), input, DeepArray(kMaxJsonDepth - 2)).ok());
  EXPECT_FALSE(ApplyResultPath(ResultPath("$.a.b"), input, DeepArray(kMaxJsonDepth - 1)).ok());
  // A deep raw input with a small result: ResultPath walks only its own steps, and the member
  // it adds beside a deep one does not copy it.
  Json deep_input = DeepObject(kDeep);
  EXPECT_TRUE(ApplyResultPathInPlace(ResultPath("$.a.a.b"), deep_input, Json(2)).ok());
  EXPECT_EQ(deep_input["a"]["a"]["b"], 2);
  // Its error quotes the input: serialised without recursion.
  auto conflict = ApplyResultPath(ResultPath("$.a.a.a.a.a.a.a.a.a.a.a.a.a.x"), DeepArray(kDeep),
                                  Json(1));
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.error().name, "States.ReferencePathConflict");
}

TEST(DeepJsonTest, PayloadTemplatesRefuseDeepSelections) {
  Json input = ObjectWithCapacity(2);
  input["deep"] = DeepObject(kDeep);
  input["n"] = 1;
  EvalContext context{input};
  auto inner = Template(R"({"n.$": "$.n", "x.$": "$.deep.a.a.a.a.a.a.a.a.a.a.a.a.a.a"})")
                   .Evaluate(context);
  ASSERT_FALSE(inner.ok());  // the selection is still 99,986 deep
  ExpectDepthError(inner.error());
  auto small = Template(R"({"n.$": "$.n", "miss.$": "$.nope[*]"})").Evaluate(context);
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(Dump(*small), R"({"n":1,"miss":[]})");
  for (const char* tmpl : {R"j({"x.$": "$.deep"})j", R"j({"x.$": "$"})j", R"j({"x.$": "$..a"})j",
                           R"j({"x.$": "$.*"})j", R"j({"x.$": "States.JsonToString($.deep)"})j",
                           R"j({"x.$": "States.Array($.deep)"})j",
                           R"j({"x.$": "States.ArrayLength($.*)"})j"}) {
    auto evaluated = Template(tmpl).Evaluate(context);
    ASSERT_FALSE(evaluated.ok()) << tmpl;
    ExpectDepthError(evaluated.error());
  }
}

TEST(DeepJsonTest, ChoiceRulesReadScalarsOfADeepInput) {
  Json input = DeepObject(kDeep);
  DiagnosticList diagnostics;
  ChoiceRule rule = ChoiceRule::Compile(
      Json::parse(R"({"Variable": "$.a.a", "StringEquals": "x", "Next": "N"})"), "", true,
      diagnostics);
  ASSERT_TRUE(rule.valid());
  auto matched = rule.Evaluate(EvalContext{input});
  ASSERT_TRUE(matched.ok());
  EXPECT_FALSE(*matched);
  ChoiceRule present = ChoiceRule::Compile(
      Json::parse(R"({"Variable": "$.a.a.a", "IsPresent": true, "Next": "N"})"), "", true,
      diagnostics);
  ASSERT_TRUE(present.valid());
  EXPECT_TRUE(*present.Evaluate(EvalContext{input}));
}

// "States.StringToJson of a 10,000-deep string crashes" (issue 16): now refused before parsing,
// with the error AWS gives arguments it refuses.
TEST(DeepJsonTest, StringToJsonRefusesDeepText) {
  IntrinsicCall call = Call("States.StringToJson($.s)");
  for (int depth : {kMaxJsonDepth + 1, 10000, kDeep}) {
    Json input = Json::object();
    input["s"] = std::string(depth, '[') + std::string(depth, ']');
    auto parsed = call.Evaluate(EvalContext{input});
    ASSERT_FALSE(parsed.ok()) << depth;
    EXPECT_EQ(parsed.error().name, "States.Runtime");
    EXPECT_NE(parsed.error().cause.find("Invalid arguments in States.StringToJson"),
              std::string::npos);
  }
  Json input = Json::object();
  input["s"] = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  auto parsed = call.Evaluate(EvalContext{input});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(JsonValueDepth(*parsed), kMaxJsonDepth);
}

TEST(DeepJsonTest, IntrinsicArgumentsAreCheckedBeforeFunctionsCopyThem) {
  Json input = Json::object();
  input["deep"] = DeepArray(kDeep);
  for (const char* text : {"States.JsonToString($.deep)", "States.Array($.deep)",
                           "States.ArrayContains($.deep, 1)", "States.ArrayUnique($.deep)",
                           "States.Hash($.deep, 'MD5')", "States.ArrayLength($..*)"}) {
    auto evaluated = Call(text).Evaluate(EvalContext{input});
    ASSERT_FALSE(evaluated.ok()) << text;
    ExpectDepthError(evaluated.error());
  }
}

// A loop whose Pass state wraps its input one level per iteration ({"x.$": "$"}) must stop at
// the depth limit with an error located at that state (the engine prefixes the state's name),
// not grow until something overflows.
TEST(DeepJsonTest, AValueBuiltOneLevelPerIterationStopsAtTheLimit) {
  PayloadTemplate wrap = Template(R"({"x.$": "$"})");
  ResultPathField replace;
  Json value = Json::object();
  int iterations = 0;
  while (true) {
    auto built = wrap.Evaluate(EvalContext{value});
    ASSERT_TRUE(built.ok()) << iterations;
    auto output = ApplyResultPath(replace, Json(), std::move(built).value());
    if (!output.ok()) {
      ExpectDepthError(output.error());
      break;
    }
    value = std::move(output).value();
    ASSERT_LT(++iterations, 1000);
  }
  EXPECT_EQ(iterations, kMaxJsonDepth - 1);
  EXPECT_EQ(JsonValueDepth(value), kMaxJsonDepth);
}

}  // namespace
}  // namespace asl
