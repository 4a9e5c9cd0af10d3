#include "asl/path/json_path.h"

#include <gtest/gtest.h>

namespace asl {
namespace {

// The Goessner bookstore, plus members that exercise names AWS accepts.
const char* kStore = R"({
  "store": {
    "book": [
      {"category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95},
      {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99},
      {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick",
       "isbn": "0-553", "price": 8.99},
      {"category": "fiction", "author": "J. R. R. Tolkien", "title": "LOTR",
       "isbn": "0-395", "price": 22.99}
    ],
    "bicycle": {"color": "red", "price": 19.95}
  },
  "my-key": 1,
  "a b": 2,
  "quote'd": 3,
  "n": null,
  "arr": [1, 2, 3, 4, 5],
  "empty": [],
  "s": "text"
})";

class JsonPathTest : public ::testing::Test {
 protected:
  JsonPath Compile(std::string_view text) {
    auto path = JsonPath::Parse(text);
    EXPECT_TRUE(path.ok()) << text << ": " << (path.ok() ? "" : path.error());
    return path.ok() ? std::move(path).value() : JsonPath();
  }
  // Evaluates and returns compact JSON, or "<not found: DETAIL>".
  std::string Eval(std::string_view text) { return EvalOn(text, doc_); }
  std::string EvalOn(std::string_view text, const Json& doc) {
    JsonPath path = Compile(text);
    std::optional<Json> value = path.Evaluate(doc);
    if (!value) return "<not found: " + path.NotFoundDetail(doc) + ">";
    EXPECT_EQ(path.NotFoundDetail(doc), "") << text;
    return Dump(*value);
  }
  std::string ParseError(std::string_view text) {
    auto path = JsonPath::Parse(text);
    EXPECT_FALSE(path.ok()) << text << " parsed";
    return path.ok() ? "" : path.error();
  }

  Json doc_ = Json::parse(kStore);
};

// --- Definite paths -----------------------------------------------------------------------

TEST_F(JsonPathTest, RootIsTheWholeDocument) {
  JsonPath path = Compile("$");
  EXPECT_TRUE(path.is_root());
  EXPECT_TRUE(path.is_definite());
  EXPECT_TRUE(path.is_reference());
  EXPECT_FALSE(path.is_context());
  EXPECT_EQ(path.Find(doc_), &doc_);
  EXPECT_EQ(path.NormalizedText(), "$");
}

TEST_F(JsonPathTest, ContextRoot) {
  JsonPath path = Compile("$$");
  EXPECT_TRUE(path.is_root());
  EXPECT_TRUE(path.is_context());
  JsonPath id = Compile("$$.Execution.Id");
  EXPECT_TRUE(id.is_context());
  EXPECT_FALSE(id.is_root());
  EXPECT_EQ(id.text(), "$$.Execution.Id");
}

TEST_F(JsonPathTest, FindReturnsThePointerIntoTheDocument) {
  JsonPath path = Compile("$.store.bicycle.color");
  EXPECT_TRUE(path.is_definite());
  EXPECT_TRUE(path.is_reference());
  const Json* found = path.Find(doc_);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found, &doc_["store"]["bicycle"]["color"]);
  EXPECT_EQ(Eval("$.store.bicycle.color"), R"("red")");
}

TEST_F(JsonPathTest, BracketNamesWithBothQuotes) {
  EXPECT_EQ(Eval("$['store']['bicycle']['price']"), "19.95");
  EXPECT_EQ(Eval(R"($["store"]["bicycle"].color)"), R"("red")");
  EXPECT_EQ(Eval("$[ 'a b' ]"), "2");
  EXPECT_TRUE(Compile("$['store']['bicycle']").is_definite());
}

TEST_F(JsonPathTest, BracketNameEscapes) {
  EXPECT_EQ(Eval(R"($['quote\'d'])"), "3");
  EXPECT_EQ(Eval(R"($["quote'd"])"), "3");
  Json doc = Json::parse(R"({"a\"b": 1, "back\\slash": 2, "tab\t": 3, "é": 4, "😀": 5})");
  EXPECT_EQ(EvalOn(R"($["a\"b"])", doc), "1");
  EXPECT_EQ(EvalOn(R"($['back\\slash'])", doc), "2");
  EXPECT_EQ(EvalOn(R"($['tab\t'])", doc), "3");
  EXPECT_EQ(EvalOn(R"($['\u00e9'])", doc), "4");
  EXPECT_EQ(EvalOn(R"($['\ud83d\ude00'])", doc), "5");
}

// AWS's docs write "$.abc.['def ghi']": a bracket may follow a dot.
TEST_F(JsonPathTest, DotThenBracket) {
  EXPECT_EQ(Eval("$.['a b']"), "2");
  EXPECT_EQ(Eval("$.store.['bicycle'].color"), R"("red")");
  EXPECT_EQ(Eval("$.arr.[1]"), "2");
}

// Jayway reads a dot name up to the next '.' or '[', so punctuation is part of the name.
TEST_F(JsonPathTest, DotNamesTakePunctuation) {
  EXPECT_EQ(Eval("$.my-key"), "1");
  Json doc = Json::parse(R"({"a$b": 1, "x:y": 2, "détail": 3, "a]": 4})");
  EXPECT_EQ(EvalOn("$.a$b", doc), "1");
  EXPECT_EQ(EvalOn("$.x:y", doc), "2");
  EXPECT_EQ(EvalOn("$.détail", doc), "3");
  EXPECT_EQ(EvalOn("$.a]", doc), "4");
}

TEST_F(JsonPathTest, Indexes) {
  EXPECT_EQ(Eval("$.arr[0]"), "1");
  EXPECT_EQ(Eval("$.arr[4]"), "5");
  EXPECT_EQ(Eval("$.store.book[1].title"), R"("Sword")");
  EXPECT_EQ(Eval("$.arr[ 2 ]"), "3");
  EXPECT_TRUE(Compile("$.arr[0]").is_reference());
  EXPECT_EQ(Compile("$.store.book[1].title").Find(doc_), &doc_["store"]["book"][1]["title"]);
}

// Jayway treats [-1] as definite: the element itself, not a one-element array.
TEST_F(JsonPathTest, NegativeIndexIsDefiniteButNotAReference) {
  JsonPath last = Compile("$.arr[-1]");
  EXPECT_TRUE(last.is_definite());
  EXPECT_FALSE(last.is_reference());
  EXPECT_EQ(Eval("$.arr[-1]"), "5");
  EXPECT_EQ(Eval("$.arr[-5]"), "1");
  EXPECT_EQ(Eval("$.arr[-6]"), "<not found: No results for path: $['arr'][-6]>");
}

TEST_F(JsonPathTest, IndexOnTopLevelArray) {
  Json doc = Json::parse(R"([[1, 2], [3, 4]])");
  EXPECT_EQ(EvalOn("$[1][0]", doc), "3");
  EXPECT_EQ(EvalOn("$[*][1]", doc), "[2,4]");
}

// --- What AWS reports when a path selects nothing (Jayway's messages) ----------------------

// Recorded: "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']".
TEST_F(JsonPathTest, MissingLeafIsNoResults) {
  JsonPath path = Compile("$.NoSuchInputPath");
  EXPECT_EQ(path.Find(doc_), nullptr);
  EXPECT_FALSE(path.Evaluate(doc_).has_value());
  EXPECT_EQ(path.NotFoundDetail(doc_), "No results for path: $['NoSuchInputPath']");
  EXPECT_EQ(Eval("$.store.bicycle.size"),
            "<not found: No results for path: $['store']['bicycle']['size']>");
  EXPECT_EQ(Eval("$.arr[7]"), "<not found: No results for path: $['arr'][7]>");
}

// Recorded: "Invalid path '$.no.such.result.path' : Missing property in path $['no']".
TEST_F(JsonPathTest, MissingMiddleIsMissingProperty) {
  EXPECT_EQ(EvalOn("$.no.such.result.path", Json::object()),
            "<not found: Missing property in path $['no']>");
  EXPECT_EQ(Eval("$.store.car.color"), "<not found: Missing property in path $['store']['car']>");
  EXPECT_EQ(Eval("$.store.book[0].nope.x"),
            "<not found: Missing property in path $['store']['book'][0]['nope']>");
}

TEST_F(JsonPathTest, NameOnANonObject) {
  EXPECT_EQ(Eval("$.s.x"),
            "<not found: Expected to find an object with property ['x'] in path $['s'] but "
            "found 'java.lang.String'. This is not a json object according to the "
            "JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.>");
  EXPECT_EQ(Eval("$.n.x"),
            "<not found: Expected to find an object with property ['x'] in path $['n'] but "
            "found 'null'. This is not a json object according to the JsonProvider: "
            "'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.>");
  EXPECT_EQ(Eval("$.arr.x"),
            "<not found: Expected to find an object with property ['x'] in path $['arr'] but "
            "found 'net.minidev.json.JSONArray'. This is not a json object according to the "
            "JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.>");
  EXPECT_EQ(Compile("$.s.x").Find(doc_), nullptr);
}

TEST_F(JsonPathTest, IndexOnANonArray) {
  EXPECT_EQ(Eval("$.store[0]"),
            "<not found: Filter: [0] can only be applied to arrays. Current context is: "
            R"({"book":[{"category":"reference","author":"Nigel Rees","title":"Sayings",)"
            R"("price":8.95},{"category":"fiction","author":"Evelyn Waugh","title":"Sword",)"
            R"("price":12.99},{"category":"fiction","author":"Herman Melville",)"
            R"("title":"Moby Dick","isbn":"0-553","price":8.99},{"category":"fiction",)"
            R"("author":"J. R. R. Tolkien","title":"LOTR","isbn":"0-395","price":22.99}],)"
            R"("bicycle":{"color":"red","price":19.95}}>)");
  EXPECT_EQ(Eval("$.s[0]"),
            "<not found: Filter: [0] can only be applied to arrays. Current context is: text>");
  EXPECT_EQ(Eval("$.n[0]"), "<not found: The path $['n'] is null>");
  EXPECT_EQ(Compile("$.s[0]").Find(doc_), nullptr);
}

// --- Indefinite paths ---------------------------------------------------------------------

TEST_F(JsonPathTest, Wildcards) {
  JsonPath path = Compile("$.store.book[*].author");
  EXPECT_FALSE(path.is_definite());
  EXPECT_FALSE(path.is_reference());
  EXPECT_EQ(Eval("$.store.book[*].author"),
            R"(["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"])");
  EXPECT_EQ(Eval("$.store.bicycle.*"), R"(["red",19.95])");
  EXPECT_EQ(Eval("$.store.bicycle[*]"), R"(["red",19.95])");
  EXPECT_EQ(Eval("$.arr.*"), "[1,2,3,4,5]");
  EXPECT_EQ(Eval("$.s.*"), "[]");  // a wildcard on a scalar selects nothing
  EXPECT_EQ(Eval("$.empty[*]"), "[]");
}

// ResultSelector {"flattenArray.$": "$[*][*]"} (AWS docs).
TEST_F(JsonPathTest, FlattenArrayOfArrays) {
  Json doc = Json::parse(R"([[1, 2, 3], [4, 5, 6]])");
  EXPECT_EQ(EvalOn("$[*][*]", doc), "[1,2,3,4,5,6]");
}

// Members missing after an indefinite step are skipped, not errors.
TEST_F(JsonPathTest, MissesAfterAnIndefiniteStepAreSkipped) {
  EXPECT_EQ(Eval("$.store.book[*].isbn"), R"(["0-553","0-395"])");
  EXPECT_EQ(Eval("$.store.book[*].nope.deeper"), "[]");
  EXPECT_EQ(Eval("$.store.*.color"), R"(["red"])");
  EXPECT_EQ(Eval("$.*[0]"), "[1]");  // only "arr" is a non-empty array at the top
}

// ...and so are misses in the definite prefix: an indefinite path selects a list, possibly
// empty, where Jayway would throw. Recorded on AWS (issue 16, item 25): "$.items[*].itemValue"
// on {} gives [].
TEST_F(JsonPathTest, MissInTheDefinitePrefixOfAnIndefinitePathSelectsNothing) {
  EXPECT_EQ(EvalOn("$.items[*].itemValue", Json::object()), "[]");
  EXPECT_EQ(Eval("$.nope[*]"), "[]");
  EXPECT_EQ(Eval("$.nope.deeper[0:2]"), "[]");
  EXPECT_EQ(Eval("$.s[*]"), "[]");
  EXPECT_EQ(Eval("$.s[0:2]"), "[]");
  EXPECT_EQ(Eval("$.n[0,1]"), "[]");
  EXPECT_EQ(Eval("$.nope..a"), "[]");
  EXPECT_EQ(Eval("$.s.x[*]"), "[]");
  // Definite paths, and a definite prefix ending in ['a','b'] (one object, definite for
  // Jayway), still fail as before.
  EXPECT_EQ(Eval("$.nope.x"), "<not found: Missing property in path $['nope']>");
  EXPECT_EQ(Eval("$.nope['a','b']"), "<not found: Missing property in path $['nope']>");
  // What Jayway throws as an invalid path (not a missing one) fails too.
  EXPECT_EQ(Eval("$.s[?(@.a)]"),
            "<not found: Filter: [?] can not be applied to primitives. Current context is: "
            "text>");
}

TEST_F(JsonPathTest, Slices) {
  EXPECT_EQ(Eval("$.arr[1:3]"), "[2,3]");
  EXPECT_EQ(Eval("$.arr[:2]"), "[1,2]");
  EXPECT_EQ(Eval("$.arr[3:]"), "[4,5]");
  EXPECT_EQ(Eval("$.arr[-2:]"), "[4,5]");
  EXPECT_EQ(Eval("$.arr[:-1]"), "[1,2,3,4]");
  EXPECT_EQ(Eval("$.arr[2:100]"), "[3,4,5]");
  EXPECT_EQ(Eval("$.arr[10:]"), "[]");
  EXPECT_EQ(Eval("$.arr[3:1]"), "[]");
  EXPECT_EQ(Eval("$.empty[0:2]"), "[]");
  EXPECT_EQ(Eval("$.store.book[:2].title"), R"(["Sayings","Sword"])");
  EXPECT_FALSE(Compile("$.arr[0:1]").is_definite());
}

// Jayway's arithmetic, which AWS inherits: the step is ignored, and [from:to] walks from a
// negative `from` through negative indexes.
TEST_F(JsonPathTest, SliceQuirksFromJayway) {
  EXPECT_EQ(Eval("$.arr[0:4:2]"), "[1,2,3,4]");
  EXPECT_EQ(Eval("$.arr[-2:2]"), "[4,5,1,2]");
  EXPECT_EQ(Eval("$.arr[0:-1]"), "[]");
}

TEST_F(JsonPathTest, IndexUnions) {
  EXPECT_EQ(Eval("$.arr[0,2]"), "[1,3]");
  EXPECT_EQ(Eval("$.arr[4, 0, 9, -1]"), "[5,1,5]");
  EXPECT_EQ(Eval("$.store.book[0,3].title"), R"(["Sayings","LOTR"])");
  EXPECT_FALSE(Compile("$.arr[0,1]").is_definite());
}

// Jayway: a final ['a','b'] builds one object of the members found (AWS console output
// recorded in a public gist); it is not wrapped in an array after a definite prefix.
TEST_F(JsonPathTest, NameUnionAtTheEndMerges) {
  EXPECT_EQ(Eval("$.store.bicycle['color','price']"), R"({"color":"red","price":19.95})");
  EXPECT_EQ(Eval("$.store.bicycle['color','size']"), R"({"color":"red"})");
  EXPECT_EQ(Eval("$.store.book[*]['title','isbn']"),
            R"([{"title":"Sayings"},{"title":"Sword"},{"title":"Moby Dick","isbn":"0-553"},)"
            R"({"title":"LOTR","isbn":"0-395"}])");
  JsonPath merge = Compile("$['a b', 'my-key']");
  EXPECT_FALSE(merge.is_definite());
  EXPECT_EQ(Eval("$['a b', 'my-key']"), R"({"a b":2,"my-key":1})");
}

// Recorded on AWS: "Invalid path '$['a', 'b'].v' : Multi properties can only be used as path
// leafs: $['a', 'b']".
TEST_F(JsonPathTest, NameUnionInTheMiddleFails) {
  Json doc = Json::parse(R"({"a": {"v": 1}, "b": {"v": 2}, "c": {"v": 3}})");
  EXPECT_EQ(EvalOn("$['a', 'b'].v", doc),
            "<not found: Multi properties can only be used as path leafs: $['a', 'b']>");
}

TEST_F(JsonPathTest, RecursiveDescentByName) {
  EXPECT_EQ(Eval("$..author"),
            R"(["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"])");
  EXPECT_EQ(Eval("$..price"), "[8.95,12.99,8.99,22.99,19.95]");
  EXPECT_EQ(Eval("$.store..price"), "[8.95,12.99,8.99,22.99,19.95]");
  EXPECT_EQ(Eval("$..nothing"), "[]");
  EXPECT_EQ(Eval("$..book[2].title"), R"(["Moby Dick"])");
  EXPECT_EQ(Eval("$..['color']"), R"(["red"])");
  Json nested = Json::parse(R"({"name": 1, "a": {"name": 2, "b": [{"name": 3}]}})");
  EXPECT_EQ(EvalOn("$..name", nested), "[1,2,3]");  // parents before children
  EXPECT_FALSE(Compile("$..name").is_definite());
}

TEST_F(JsonPathTest, RecursiveDescentWildcardAndIndexes) {
  Json doc = Json::parse(R"({"a": {"b": 1}, "c": [2, [3]]})");
  // Jayway lists all children of a node, then descends into each child.
  EXPECT_EQ(EvalOn("$..*", doc), R"([{"b":1},[2,[3]],1,2,[3],3])");
  EXPECT_EQ(EvalOn("$..[0]", doc), "[2,3]");
  EXPECT_EQ(EvalOn("$..[*]", doc), R"([{"b":1},[2,[3]],1,2,[3],3])");
  EXPECT_EQ(Eval("$..book[-1:].title"), R"(["LOTR"])");
}

// --- Filters ------------------------------------------------------------------------------

TEST_F(JsonPathTest, FilterComparisons) {
  EXPECT_EQ(Eval("$.store.book[?(@.price < 10)].title"), R"(["Sayings","Moby Dick"])");
  EXPECT_EQ(Eval("$.store.book[?(@.price <= 8.99)].title"), R"(["Sayings","Moby Dick"])");
  EXPECT_EQ(Eval("$.store.book[?(@.price > 20)].title"), R"(["LOTR"])");
  EXPECT_EQ(Eval("$.store.book[?(@.price >= 12.99)].title"), R"(["Sword","LOTR"])");
  EXPECT_EQ(Eval("$.store.book[?(@.category == 'reference')].author"), R"(["Nigel Rees"])");
  EXPECT_EQ(Eval(R"($.store.book[?(@.category=="reference")].author)"), R"(["Nigel Rees"])");
  EXPECT_EQ(Eval("$.store.book[?(@.category != 'fiction')].title"), R"(["Sayings"])");
  EXPECT_EQ(Eval("$.arr[?(@ > 3)]"), "[4,5]");
  EXPECT_EQ(Eval("$.arr[?(@ == 2)]"), "[2]");
  EXPECT_EQ(Eval("$.store.book[?(@.title > 'M')].title"), R"(["Sayings","Sword","Moby Dick"])");
}

TEST_F(JsonPathTest, FilterExistence) {
  EXPECT_EQ(Eval("$.store.book[?(@.isbn)].title"), R"(["Moby Dick","LOTR"])");
  EXPECT_EQ(Eval("$.store.book[?(!@.isbn)].title"), R"(["Sayings","Sword"])");
  Json doc = Json::parse(R"([{"tag": null}, {"tag": false}, {}, {"tag": {"x": 1}}])");
  // Existence is presence: a null or false member exists.
  EXPECT_EQ(EvalOn("$[?(@.tag)]", doc), R"([{"tag":null},{"tag":false},{"tag":{"x":1}}])");
  EXPECT_EQ(EvalOn("$[?(@.tag.x)]", doc), R"([{"tag":{"x":1}}])");
}

TEST_F(JsonPathTest, FilterLogic) {
  EXPECT_EQ(Eval("$.store.book[?(@.price < 10 && @.isbn)].title"), R"(["Moby Dick"])");
  EXPECT_EQ(Eval("$.store.book[?(@.price > 20 || @.category == 'reference')].title"),
            R"(["Sayings","LOTR"])");
  EXPECT_EQ(Eval("$.store.book[?(@.isbn && (@.price < 9 || @.price > 22))].title"),
            R"(["Moby Dick","LOTR"])");
  EXPECT_EQ(Eval("$.store.book[?(!(@.price < 10))].title"), R"(["Sword","LOTR"])");
  // && binds tighter than ||.
  EXPECT_EQ(Eval("$.arr[?(@ == 1 || @ > 2 && @ < 4)]"), "[1,3]");
}

TEST_F(JsonPathTest, FilterOperandsAndLiterals) {
  Json doc = Json::parse(R"({"limit": 2, "items": [
      {"n": 1, "s": "1", "b": true, "z": null, "o": {"k": [1, 2]}},
      {"n": 2.0, "s": "x", "b": false, "o": {"k": [2, 1]}},
      {"n": 3, "s": "3.0", "o": {"k": 1}}]})");
  EXPECT_EQ(EvalOn("$.items[?(@.n == $.limit)].n", doc), "[2.0]");
  EXPECT_EQ(EvalOn("$.items[?(@.n > $.limit)].n", doc), "[3]");
  EXPECT_EQ(EvalOn("$.items[?(@.b == true)].n", doc), "[1]");
  EXPECT_EQ(EvalOn("$.items[?(@.b == false)].n", doc), "[2.0]");
  EXPECT_EQ(EvalOn("$.items[?(@.z == null)].n", doc), "[1]");
  EXPECT_EQ(EvalOn("$.items[?(@.n == -1e1)].n", doc), "[]");
  EXPECT_EQ(EvalOn("$.items[?(@.n == 2)].n", doc), "[2.0]");  // numbers compare by value
  // A number and a numeric string are equal (Jayway converts); ordering needs same types.
  EXPECT_EQ(EvalOn("$.items[?(@.s == 1)].n", doc), "[1]");
  EXPECT_EQ(EvalOn("$.items[?(@.n == '3')].n", doc), "[3]");
  EXPECT_EQ(EvalOn("$.items[?(@.s > 0)].n", doc), "[]");
  // A missing member equals nothing, so != holds.
  EXPECT_EQ(EvalOn("$.items[?(@.b != true)].n", doc), "[2.0,3]");
  EXPECT_EQ(EvalOn("$.items[?(@.missing == null)].n", doc), "[]");
  // Paths with brackets, and indefinite operands compared as arrays.
  EXPECT_EQ(EvalOn("$.items[?(@.o['k'][0] == 2)].n", doc), "[2.0]");
  EXPECT_EQ(EvalOn("$.items[?(@.o.k[*] == @.o.k[*])].n", doc), "[1,2.0,3]");
  EXPECT_EQ(EvalOn("$.items[?(@['s'] == 'x')].n", doc), "[2.0]");
  // Strings may hold characters that end a path or a filter.
  Json odd = Json::parse(R"([{"v": "a)]"}, {"v": "b"}])");
  EXPECT_EQ(EvalOn("$[?(@.v == 'a)]')].v", odd), R"(["a)]"])");
}

// Jayway tests a filter on an object against the object itself.
TEST_F(JsonPathTest, FilterOnAnObject) {
  EXPECT_EQ(Eval("$.store.bicycle[?(@.color == 'red')].price"), "[19.95]");
  EXPECT_EQ(Eval("$.store.bicycle[?(@.color == 'blue')].price"), "[]");
}

TEST_F(JsonPathTest, RecursiveFilter) {
  EXPECT_EQ(Eval("$..[?(@.price > 19)].price"), "[22.99,19.95]");
  EXPECT_EQ(Eval("$..book[?(@.author == 'Evelyn Waugh')].price"), "[12.99]");
}

// --- Evaluate against an EvalContext ------------------------------------------------------

TEST_F(JsonPathTest, EvaluateWithContext) {
  Json input = Json::parse(R"({"x": 1})");
  Json context = Json::parse(R"({"Execution": {"Id": "arn:exec"}})");
  EvalContext eval{input, &context};
  EXPECT_EQ(Dump(*Compile("$.x").Evaluate(eval)), "1");
  EXPECT_EQ(Dump(*Compile("$$.Execution.Id").Evaluate(eval)), R"("arn:exec")");
  EXPECT_EQ(Dump(*Compile("$$").Evaluate(eval)), Dump(context));
  EXPECT_FALSE(Compile("$$.Execution.Name").Evaluate(eval).has_value());
}

// --- Normalized text ----------------------------------------------------------------------

TEST_F(JsonPathTest, NormalizedText) {
  EXPECT_EQ(Compile("$.a.b[0]").NormalizedText(), "$['a']['b'][0]");
  EXPECT_EQ(Compile(R"($["a"]['b'])").NormalizedText(), R"($["a"]['b'])");
  EXPECT_EQ(Compile("$.a[*].b").NormalizedText(), "$['a'][*]['b']");
  EXPECT_EQ(Compile("$..a..*").NormalizedText(), "$..['a']..[*]");
  EXPECT_EQ(Compile("$.a[1:2][:3][-1:][0,1]").NormalizedText(), "$['a'][1:2][:3][-1:][0,1]");
  EXPECT_EQ(Compile("$['a','b']").NormalizedText(), "$['a','b']");
  EXPECT_EQ(Compile("$.a[?(@.x)]").NormalizedText(), "$['a'][?]");
}

// --- Parse errors -------------------------------------------------------------------------

TEST_F(JsonPathTest, ParseErrorsAtTheRoot) {
  EXPECT_EQ(ParseError(""), "the path is empty at offset 0");
  EXPECT_EQ(ParseError("a.b"), "a path must start with '$' at offset 0");
  EXPECT_EQ(ParseError(" $.a"), "a path must start with '$' at offset 0");
  EXPECT_EQ(ParseError("$-"), "expected '.' or '[' after '$' at offset 1");
  // "$name" is a workflow variable; what follows it must be a step.
  EXPECT_EQ(ParseError("$a-"), "expected '.' or '[' after '$a' at offset 2");
  EXPECT_EQ(ParseError("$1a"), "a variable name must not start with a digit at offset 1");
  EXPECT_EQ(ParseError("$$a"), "expected '.' or '[' after '$$' at offset 2");
  EXPECT_EQ(ParseError("$$$"), "expected '.' or '[' after '$$' at offset 2");
}

TEST_F(JsonPathTest, ParseErrorsInDotSteps) {
  EXPECT_EQ(ParseError("$."), "expected a name after '.' at offset 2");
  EXPECT_EQ(ParseError("$.a."), "expected a name after '.' at offset 4");
  EXPECT_EQ(ParseError("$.."), "expected a name, '*' or '[' after '..' at offset 3");
  EXPECT_EQ(ParseError("$...a"), "unexpected '.' at offset 3");
  EXPECT_EQ(ParseError("$.a b"),
            "a name after '.' cannot contain whitespace (write ['a name']) at offset 3");
  EXPECT_EQ(ParseError("$.a "),
            "a name after '.' cannot contain whitespace (write ['a name']) at offset 3");
  EXPECT_EQ(ParseError("$.list.length()"),
            "functions such as length() are not supported at offset 13");
  EXPECT_EQ(ParseError("$.*a"), "expected '.' or '[' but found 'a' at offset 3");
  EXPECT_EQ(ParseError("$['a']b"), "expected '.' or '[' but found 'b' at offset 6");
}

TEST_F(JsonPathTest, ParseErrorsInBrackets) {
  EXPECT_EQ(ParseError("$["), "unterminated '[' at offset 1");
  EXPECT_EQ(ParseError("$[]"), "empty brackets at offset 1");
  EXPECT_EQ(ParseError("$[a]"),
            "expected a quoted name, an index, a slice, '*' or '?(' after '[' at offset 2");
  EXPECT_EQ(ParseError("$['a"), "unterminated string (missing ') at offset 2");
  EXPECT_EQ(ParseError(R"($["a'])"), "unterminated string (missing \") at offset 2");
  EXPECT_EQ(ParseError("$['a'"), "expected ',' or ']' at offset 5");
  EXPECT_EQ(ParseError("$['a' 'b']"), "expected ',' or ']' but found ''' at offset 6");
  EXPECT_EQ(ParseError("$['a',]"), "expected a quoted name at offset 6");
  EXPECT_EQ(ParseError(R"($['a\q'])"), "invalid escape '\\q' at offset 4");
  EXPECT_EQ(ParseError(R"($['\u12'])"), "invalid \\u escape (expected 4 hex digits) at offset 3");
  EXPECT_EQ(ParseError("$[*"), "expected ']' after '[*' at offset 3");
  EXPECT_EQ(ParseError("$[0"), "unterminated '[' at offset 1");
  EXPECT_EQ(ParseError("$[1.5]"), "unexpected '.' in an index or slice at offset 3");
  EXPECT_EQ(ParseError("$[0,]"), "expected an index at offset 4");
  EXPECT_EQ(ParseError("$[1-]"), "invalid index '1-' at offset 2");
  EXPECT_EQ(ParseError("$[2147483648]"), "index out of range at offset 2");
  EXPECT_EQ(ParseError("$[:]"), "a slice needs a start or an end at offset 2");
  EXPECT_EQ(ParseError("$[::2]"), "a slice needs a start or an end at offset 2");
  EXPECT_EQ(ParseError("$[1:2:3:4]"), "a slice has at most three numbers at offset 2");
}

TEST_F(JsonPathTest, ParseErrorsInFilters) {
  EXPECT_EQ(ParseError("$[?@.a]"), "expected '(' after '[?' at offset 3");
  EXPECT_EQ(ParseError("$[?(@.a"), "unterminated filter: expected ')' at offset 7");
  EXPECT_EQ(ParseError("$[?(@.a)"), "expected ']' after the filter at offset 8");
  EXPECT_EQ(ParseError("$[?()]"),
            "expected a value (@…, $…, a string, a number, true, false or null) at offset 4");
  EXPECT_EQ(ParseError("$[?(@.a ==)]"),
            "expected a value (@…, $…, a string, a number, true, false or null) at offset 10");
  EXPECT_EQ(ParseError("$[?(1)]"),
            "a literal alone is not a condition (compare it, or test a path) at offset 4");
  EXPECT_EQ(ParseError("$[?(@.a =~ /x/)]"),
            "unsupported filter operator '=~' (supported: == != < <= > >= && || !) at offset 8");
  EXPECT_EQ(ParseError("$[?(@.a in ['x'])]"),
            "unsupported filter operator 'in' (supported: == != < <= > >= && || !) at offset 8");
  EXPECT_EQ(ParseError("$[?(@.a == [1])]"),
            "JSON array and object literals are not supported in filters at offset 11");
  EXPECT_EQ(ParseError("$[?(@.a == 1.)]"), "invalid number at offset 11");
  EXPECT_EQ(ParseError("$[?(@.a == 1 &&)]"),
            "expected a value (@…, $…, a string, a number, true, false or null) at offset 15");
  EXPECT_EQ(ParseError("$[?((@.a == 1)]"), "expected ')' but found ']' at offset 14");
  EXPECT_EQ(ParseError("$[?(@a)]"), "expected '.' or '[' after '@' at offset 5");
  EXPECT_EQ(ParseError("$[?(@.a == 'x)]"), "unterminated string (missing ') at offset 11");
}

TEST_F(JsonPathTest, CopiesAndMovesKeepTheCompiledSteps) {
  JsonPath original = Compile("$.store.book[?(@.price < 10)].title");
  JsonPath copy = original;
  JsonPath moved = std::move(original);
  EXPECT_EQ(Dump(*copy.Evaluate(doc_)), R"(["Sayings","Moby Dick"])");
  EXPECT_EQ(Dump(*moved.Evaluate(doc_)), R"(["Sayings","Moby Dick"])");
  JsonPath assigned;
  assigned = copy;
  EXPECT_EQ(assigned.text(), "$.store.book[?(@.price < 10)].title");
  EXPECT_EQ(assigned.steps().size(), 4u);
}

}  // namespace
}  // namespace asl
