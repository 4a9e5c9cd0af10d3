#include "asl/template/payload_template.h"

#include "asl/intrinsics/intrinsic_call.h"

#include <gtest/gtest.h>

namespace asl {
namespace {

PayloadTemplate Compile(std::string_view json) {
  auto compiled = PayloadTemplate::Compile(Json::parse(json));
  if (!compiled.ok()) {
    std::string issues;
    for (const TemplateIssue& issue : compiled.error()) {
      issues += issue.pointer + ": " + issue.message + "\n";
    }
    ADD_FAILURE() << json << " did not compile:\n" << issues;
    return PayloadTemplate();
  }
  return std::move(compiled).value();
}

// Every issue as "POINTER: MESSAGE" (plus " [intrinsic]"), one per line.
std::string Issues(std::string_view json) {
  auto compiled = PayloadTemplate::Compile(Json::parse(json));
  EXPECT_FALSE(compiled.ok()) << json << " compiled";
  if (compiled.ok()) return "";
  std::string out;
  for (const TemplateIssue& issue : compiled.error()) {
    out += issue.pointer + ": " + issue.message + (issue.intrinsic ? " [intrinsic]" : "") + "\n";
  }
  return out;
}

// Evaluates and returns compact JSON, or "<Error: Cause>".
std::string Render(const PayloadTemplate& tmpl, std::string_view input,
                std::string_view context = "{}") {
  Json in = Json::parse(input);
  Json ctx = Json::parse(context);
  auto result = tmpl.Evaluate(EvalContext{in, &ctx});
  if (!result.ok()) return "<" + result.error().name + ": " + result.error().cause + ">";
  return Dump(*result);
}

// Output order follows AWS (checked against the recorded histories): static fields first in
// document order, then the ".$" fields in the order Java's HashMap iterates their names.

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html
TEST(PayloadTemplateTest, AwsDocsExample) {
  PayloadTemplate tmpl = Compile(R"({
    "comment": "Selecting what I care about.",
    "MyDetails": {"size.$": "$.product.details.size", "exists.$": "$.product.availability",
                  "StaticValue": "foo"}})");
  EXPECT_FALSE(tmpl.is_static());
  EXPECT_FALSE(tmpl.uses_context());
  EXPECT_EQ(Render(tmpl, R"({"comment": "Example for Parameters.",
      "product": {"details": {"color": "blue", "size": "small", "material": "cotton"},
                  "availability": "in stock", "sku": "2317", "cost": "$23"}})"),
            R"({"comment":"Selecting what I care about.","MyDetails":{"StaticValue":"foo",)"
            R"("size":"small","exists":"in stock"}})");
}

TEST(PayloadTemplateTest, StaticTemplatesAreCopiedAsIs) {
  PayloadTemplate tmpl = Compile(R"({"a": 1, "b": {"c": [1, {"d": "$.not.a.path"}]}, "e.x": 2})");
  EXPECT_TRUE(tmpl.is_static());
  EXPECT_EQ(Render(tmpl, "{}"), R"({"a":1,"b":{"c":[1,{"d":"$.not.a.path"}]},"e.x":2})");
  EXPECT_TRUE(Compile("{}").is_static());
  EXPECT_EQ(Render(Compile("{}"), R"({"x":1})"), "{}");
}

TEST(PayloadTemplateTest, WholeInputAndNestedArrays) {
  PayloadTemplate tmpl = Compile(R"({
    "all.$": "$",
    "Entries": [{"Detail.$": "$.detail", "Source": "app"}, "literal", [{"n.$": "$.n"}]]})");
  EXPECT_EQ(Render(tmpl, R"({"detail": {"k": "v"}, "n": 3})"),
            R"({"Entries":[{"Source":"app","Detail":{"k":"v"}},"literal",[{"n":3}]],)"
            R"("all":{"detail":{"k":"v"},"n":3}})");
}

TEST(PayloadTemplateTest, PathValuesOfEveryType) {
  PayloadTemplate tmpl = Compile(
      R"({"s.$": "$.s", "n.$": "$.n", "b.$": "$.b", "z.$": "$.z", "o.$": "$.o", "a.$": "$.a[1]"})");
  EXPECT_EQ(Render(tmpl, R"({"s": "x", "n": 1.5, "b": false, "z": null, "o": {}, "a": [1, 2]})"),
            R"({"a":2,"b":false,"s":"x","z":null,"n":1.5,"o":{}})");
}

TEST(PayloadTemplateTest, IndefinitePathsYieldArrays) {
  PayloadTemplate tmpl = Compile(R"({
    "last3.$": "$.vals[3:]", "first.$": "$.vals[0]", "names.$": "$.items[*].name",
    "cheap.$": "$.items[?(@.price < 5)].name", "none.$": "$.items[?(@.price > 100)]",
    "flat.$": "$.nested[*][*]", "pair.$": "$.items[0]['name','price']"})");
  // The spec's example: {"first.$": "$.vals[0]", "last3.$": "$.vals[3:]"}.
  EXPECT_EQ(Render(tmpl, R"({"vals": [0, 10, 20, 30, 40, 50],
      "items": [{"name": "a", "price": 1}, {"name": "b", "price": 9}],
      "nested": [[1], [2, 3]]})"),
            R"({"last3":[30,40,50],"names":["a","b"],"flat":[1,2,3],"none":[],"cheap":["a"],)"
            R"("first":0,"pair":{"name":"a","price":1}})");
}

// Recorded on AWS (issue 16, item 25): a Pass with {"item.$": "$.items[*].itemValue"} on {}
// outputs {"item": []}; a definite path that finds nothing still fails.
TEST(PayloadTemplateTest, IndefinitePathOverMissingItemsIsAnEmptyList) {
  EXPECT_EQ(Render(Compile(R"({"item.$": "$.items[*].itemValue"})"), "{}"), R"({"item":[]})");
  EXPECT_EQ(Render(Compile(R"({"a.$": "$.x[1:]", "b.$": "$..y", "c.$": "$.x[?(@.k)]"})"), "{}"),
            R"({"a":[],"b":[],"c":[]})");
  EXPECT_EQ(Render(Compile(R"j({"n.$": "States.ArrayLength($.items[*])"})j"), "{}"),
            R"({"n":0})");
  EXPECT_EQ(Render(Compile(R"({"item.$": "$.items[0].itemValue"})"), "{}"),
            "<States.Runtime: The JSONPath '$.items[0].itemValue' specified for the field "
            "'item.$' could not be found in the input '{}'>");
}

TEST(PayloadTemplateTest, ContextPaths) {
  PayloadTemplate tmpl = Compile(
      R"({"TaskToken.$": "$$.Task.Token", "ctx.$": "$$", "in.$": "$.x", "deep": {"id.$": "$$.Execution.Id"}})");
  EXPECT_TRUE(tmpl.uses_context());
  EXPECT_EQ(Render(tmpl, R"({"x": 1})", R"({"Task": {"Token": "tok"}, "Execution": {"Id": "e"}})"),
            R"({"deep":{"id":"e"},"in":1,"ctx":{"Task":{"Token":"tok"},"Execution":{"Id":"e"}},)"
            R"("TaskToken":"tok"})");
  EXPECT_FALSE(Compile(R"({"a": {"b.$": "$.x"}})").uses_context());
  EXPECT_TRUE(Compile(R"({"a": [{"b.$": "$$.Map.Item.Value"}]})").uses_context());
}

// Recorded on AWS (the state prefix is added by the engine): "The JSONPath '$.JobName'
// specified for the field 'JobName.$' could not be found in the input '{}'".
TEST(PayloadTemplateTest, MissingPathIsStatesRuntime) {
  EXPECT_EQ(Render(Compile(R"({"JobName.$": "$.JobName"})"), "{}"),
            "<States.Runtime: The JSONPath '$.JobName' specified for the field 'JobName.$' "
            "could not be found in the input '{}'>");
  // Public report: "The JSONPath '$.application.address' specified for the field 'address.$'
  // could not be found in the input '{\"flagged\":false}'".
  EXPECT_EQ(Render(Compile(R"({"address.$": "$.application.address"})"), R"({ "flagged" : false })"),
            "<States.Runtime: The JSONPath '$.application.address' specified for the field "
            R"('address.$' could not be found in the input '{"flagged":false}'>)");
  // The field is the key as written, however deep; the path is quoted as written.
  EXPECT_EQ(Render(Compile(R"({"a": {"list": [{"v.$": "$['nope']"}]}})"), R"({"x":[1,2]})"),
            "<States.Runtime: The JSONPath '$['nope']' specified for the field 'v.$' could not "
            R"(be found in the input '{"x":[1,2]}'>)");
}

TEST(PayloadTemplateTest, EveryKindOfMissIsNotFound) {
  const char* kInput = R"({"s": "x", "list": [1], "n": null})";
  EXPECT_EQ(Render(Compile(R"({"v.$": "$.s.deeper"})"), kInput),
            "<States.Runtime: The JSONPath '$.s.deeper' specified for the field 'v.$' could not "
            R"(be found in the input '{"s":"x","list":[1],"n":null}'>)");
  EXPECT_EQ(Render(Compile(R"({"v.$": "$.list[3]"})"), kInput),
            "<States.Runtime: The JSONPath '$.list[3]' specified for the field 'v.$' could not "
            R"(be found in the input '{"s":"x","list":[1],"n":null}'>)");
  // An indefinite path selects a list, possibly empty (issue 16, item 25).
  EXPECT_EQ(Render(Compile(R"({"v.$": "$.missing[*]"})"), kInput), R"({"v":[]})");
  // A member that holds null is found.
  EXPECT_EQ(Render(Compile(R"({"v.$": "$.n"})"), kInput), R"({"v":null})");
}

TEST(PayloadTemplateTest, MissingContextPathQuotesTheContextObject) {
  EXPECT_EQ(Render(Compile(R"({"v.$": "$$.Map.Item.Value"})"), R"({"x":1})",
                R"({"Execution":{"Id":"e"}})"),
            "<States.Runtime: The JSONPath '$$.Map.Item.Value' specified for the field 'v.$' "
            R"(could not be found in the input '{"Execution":{"Id":"e"}}'>)");
}

TEST(PayloadTemplateTest, FirstFailureInDocumentOrderWins) {
  PayloadTemplate tmpl = Compile(R"({"ok.$": "$.a", "bad1.$": "$.b", "bad2.$": "$.c"})");
  EXPECT_EQ(Render(tmpl, R"({"a":1})"),
            "<States.Runtime: The JSONPath '$.b' specified for the field 'bad1.$' could not be "
            R"(found in the input '{"a":1}'>)");
}

TEST(PayloadTemplateTest, DuplicateAfterStrippingKeepsTheLaterValue) {
  EXPECT_EQ(Render(Compile(R"({"x": "static", "y": 0, "x.$": "$.v"})"), R"({"v": 1})"),
            R"({"x":1,"y":0})");
}

TEST(PayloadTemplateTest, KeysWithSpecialCharacters) {
  PayloadTemplate tmpl = Compile(R"({"a/b~c.$": "$['a b']", ".$": "$.v", "x.$.$": "$.v"})");
  EXPECT_EQ(Render(tmpl, R"({"a b": 1, "v": 2})"), R"({"":2,"a/b~c":1,"x.$":2})");
}

// --- Intrinsic function calls -------------------------------------------------------------

TEST(PayloadTemplateTest, IntrinsicCalls) {
  PayloadTemplate tmpl = Compile(R"x({
    "greeting.$": "States.Format('Hello, {}!', $.name)",
    "values.$": "States.ArrayRange(0, 3, 1)",
    "nested": {"sum.$": "States.MathAdd($.n, 1)"},
    "plain": "States.Format('not evaluated')"})x");
  EXPECT_FALSE(tmpl.is_static());
  EXPECT_FALSE(tmpl.uses_context());
  EXPECT_EQ(Render(tmpl, R"({"name": "Ada", "n": 41})"),
            R"x({"nested":{"sum":42},"plain":"States.Format('not evaluated')","greeting":"Hello, Ada!",)x"
            R"("values":[0,1,2,3]})");
}

TEST(PayloadTemplateTest, IntrinsicReadingTheContextObject) {
  PayloadTemplate tmpl = Compile(R"x({"id.$": "States.Format('run {}', $$.Execution.Name)"})x");
  EXPECT_TRUE(tmpl.uses_context());
  EXPECT_EQ(Render(tmpl, "{}", R"({"Execution": {"Name": "e1"}})"), R"({"id":"run e1"})");
}

// The call's own error (name and cause) comes through unchanged.
TEST(PayloadTemplateTest, IntrinsicFailuresPassThrough) {
  EXPECT_EQ(Render(Compile(R"x({"v.$": "States.Format('{}', $.nope)"})x"), R"({"a":1})"),
            "<States.Runtime: The function 'States.Format('{}', $.nope)' had the following "
            "error: The JsonPath argument for the field '$.nope' could not be found in the "
            R"(input '{"a":1}'>)");
  EXPECT_EQ(Render(Compile(R"x({"v.$": "States.MathAdd($.s, 1)"})x"), R"({"s":"x"})"),
            "<States.Runtime: The function 'States.MathAdd($.s, 1)' had the following error: "
            "Invalid arguments in States.MathAdd>");
}

TEST(PayloadTemplateTest, MalformedIntrinsicIsAnIntrinsicIssue) {
  auto compiled =
      PayloadTemplate::Compile(Json::parse(R"x({"a": {"v.$": "States.Formt('x')"}})x"));
  ASSERT_FALSE(compiled.ok());
  ASSERT_EQ(compiled.error().size(), 1u);
  const TemplateIssue& issue = compiled.error()[0];
  EXPECT_EQ(issue.pointer, "/a/v.$");
  EXPECT_TRUE(issue.intrinsic);
  auto parse = IntrinsicCall::Parse("States.Formt('x')");
  ASSERT_FALSE(parse.ok());
  EXPECT_EQ(issue.message,
            "The value for the field 'v.$' must be a valid JSONPath or a valid intrinsic "
            "function call: " + parse.error());
  // Path problems are not intrinsic issues.
  EXPECT_EQ(Issues(R"({"a.$": "$.", "b.$": "States.Array(1,"})"),
            "/a.$: The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic "
            "function call: expected a name after '.' at offset 2\n"
            "/b.$: The value for the field 'b.$' must be a valid JSONPath or a valid intrinsic "
            "function call: " + IntrinsicCall::Parse("States.Array(1,").error() +
                " [intrinsic]\n");
}

// --- Compile issues -----------------------------------------------------------------------

// AWS accepts any JSON value (aws/amazon-states-language-service#83): an array's items are
// templates, a scalar is a static value.
TEST(PayloadTemplateTest, TemplateMayBeAnyValue) {
  EXPECT_EQ(Render(Compile("[1]"), "{}"), "[1]");
  EXPECT_EQ(Render(Compile(R"("$.x")"), R"({"x":1})"), R"("$.x")");
  EXPECT_EQ(Render(Compile("null"), "{}"), "null");
  EXPECT_EQ(Render(Compile(R"([{"v.$": "$.x"}, 2, [{"w.$": "$.y[*]"}]])"), R"({"x":1,"y":[3]})"),
            R"([{"v":1},2,[{"w":[3]}]])");
  EXPECT_EQ(Issues(R"([{"a.$": 1}])"),
            "/0/a.$: The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic "
            "function call: got a number\n");
}

TEST(PayloadTemplateTest, DynamicValueMustBeAString) {
  EXPECT_EQ(Issues(R"({"a.$": 1})"),
            "/a.$: The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic "
            "function call: got a number\n");
  EXPECT_EQ(Issues(R"({"a.$": {"b": "$.x"}})"),
            "/a.$: The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic "
            "function call: got an object\n");
  EXPECT_EQ(Issues(R"({"a.$": null})"),
            "/a.$: The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic "
            "function call: got a null\n");
  EXPECT_EQ(Issues(R"({"a.$": ["$.x"]})"),
            "/a.$: The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic "
            "function call: got an array\n");
}

TEST(PayloadTemplateTest, DynamicValueMustBeAPathOrACall) {
  EXPECT_EQ(Issues(R"({"a.$": "literal"})"),
            "/a.$: The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic "
            "function call: 'literal' is neither a path (starting with '$') nor an intrinsic "
            "function call (States.…)\n");
  EXPECT_EQ(Issues(R"({"a.$": ""})"),
            "/a.$: The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic "
            "function call: '' is neither a path (starting with '$') nor an intrinsic function "
            "call (States.…)\n");
  EXPECT_EQ(Issues(R"({"a.$": "$.a b"})"),
            "/a.$: The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic "
            "function call: a name after '.' cannot contain whitespace (write ['a name']) at "
            "offset 3\n");
}

TEST(PayloadTemplateTest, EveryIssueIsReportedWithItsPointer) {
  EXPECT_EQ(Issues(R"({
      "ok.$": "$.fine",
      "a.$": 1,
      "nested": {"deep": [{"x": 1}, {"b.$": "$."}]},
      "c/d.$": "$[",
      "e~f": {"g.$": true}})"),
            "/a.$: The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic "
            "function call: got a number\n"
            "/nested/deep/1/b.$: The value for the field 'b.$' must be a valid JSONPath or a "
            "valid intrinsic function call: expected a name after '.' at offset 2\n"
            "/c~1d.$: The value for the field 'c/d.$' must be a valid JSONPath or a valid "
            "intrinsic function call: unterminated '[' at offset 1\n"
            "/e~0f/g.$: The value for the field 'g.$' must be a valid JSONPath or a valid "
            "intrinsic function call: got a boolean\n");
}

TEST(PayloadTemplateTest, MovesKeepTheCompiledTree) {
  PayloadTemplate original = Compile(R"({"v.$": "$.x"})");
  PayloadTemplate moved = std::move(original);
  EXPECT_EQ(Render(moved, R"({"x": 7})"), R"({"v":7})");
  PayloadTemplate assigned;
  EXPECT_TRUE(assigned.is_static());
  EXPECT_EQ(Render(assigned, R"({"x": 7})"), "{}");
  assigned = std::move(moved);
  EXPECT_EQ(Render(assigned, R"({"x": 8})"), R"({"v":8})");
}

// The engine hands a ResultSelector only the part of a service's answer it reads
// (DeferredResult): the fields must cover every way the template can read its input.
TEST(PayloadTemplateTest, InputFieldsReadNameTheTopLevelFieldsOfEveryPath) {
  using Fields = std::optional<std::vector<std::string>>;
  EXPECT_EQ(Compile(R"j({"MessageId.$": "$.MessageId"})j").input_fields_read(),
            Fields({"MessageId"}));
  EXPECT_EQ(Compile(R"j({"a.$": "$.A.b[0]", "n": {"b.$": "$['B']"},
                        "c": ["$.x", {"d.$": "$.A"}]})j")
                .input_fields_read(),
            Fields({"A", "B"}));
  // Intrinsic arguments, nested calls included; context and variable paths read no input.
  EXPECT_EQ(Compile(R"j({"f.$": "States.Format('{}-{}', $.Id, States.ArrayLength($.Items))",
                        "e.$": "$$.Execution.Id", "v.$": "$counter.n"})j")
                .input_fields_read(),
            Fields({"Id", "Items"}));
  EXPECT_EQ(Compile(R"j({"static": 1})j").input_fields_read(), Fields(std::vector<std::string>{}));
  // Anything that may read more than named top-level fields.
  for (const char* unbounded :
       {R"j({"all.$": "$"})j", R"j({"w.$": "$.*"})j", R"j({"d.$": "$..MessageId"})j",
        R"j({"i.$": "$[0]"})j", R"j({"n.$": "$['a','b']"})j", R"j({"f.$": "$.a[?(@.x == 1)]"})j",
        R"j({"j.$": "States.JsonToString($)"})j", R"j({"x": {"y.$": "$.ok", "z.$": "$"}})j"}) {
    EXPECT_EQ(Compile(unbounded).input_fields_read(), std::nullopt) << unbounded;
  }
}

}  // namespace
}  // namespace asl
