// The definition parser: Parallel and Map states, INLINE and DISTRIBUTED.
// https://states-language.net/spec.html#parallel-state
// https://states-language.net/spec.html#map-state
// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html
// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/testutil/parse_helpers.h"

namespace asl {
namespace {

using ::sfnsim_test::AssertParse;
using ::sfnsim_test::OneState;
using ::sfnsim_test::OnlyState;
using ::sfnsim_test::ParseCodes;
using ::sfnsim_test::ParseDiagnostics;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// An INLINE Map "S" with `fields` (JSON members starting with a comma).
std::string InlineMap(std::string_view fields) {
  return OneState(std::string(R"({"Type": "Map", "End": true,
    "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}})") +
                  std::string(fields) + "}");
}

// A DISTRIBUTED Map "S" (EXPRESS children) with `fields`.
std::string DistributedMap(std::string_view fields) {
  return OneState(std::string(R"({"Type": "Map", "End": true,
    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                      "StartAt": "I", "States": {"I": {"Type": "Succeed"}}})") +
                  std::string(fields) + "}");
}

// --- Parallel ------------------------------------------------------------------------------

TEST(ParserParallelTest, EveryField) {
  auto machine = AssertParse(OneState(R"json({"Type": "Parallel", "Comment": "c", "End": true,
    "InputPath": "$", "Parameters": {"x.$": "$"}, "ResultSelector": {"first.$": "$[0]"},
    "ResultPath": "$.r", "OutputPath": "$",
    "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
                                             "B": {"Type": "Succeed"}}},
                 {"StartAt": "C", "Comment": "second", "States": {"C": {"Type": "Fail"}}}]})json"));
  const State& s = OnlyState(machine);
  EXPECT_EQ(s.type, StateType::kParallel);
  ASSERT_EQ(s.branches.size(), 2u);
  EXPECT_EQ(s.branches[0]->pointer, "/States/S/Branches/0");
  EXPECT_EQ(s.branches[0]->states[0].pointer, "/States/S/Branches/0/States/A");
  EXPECT_EQ(s.branches[0]->states[0].next, 1u);
  EXPECT_EQ(s.branches[1]->comment, "second");
  EXPECT_TRUE(s.parameters.has_value());
  EXPECT_TRUE(s.result_selector.has_value());
}

TEST(ParserParallelTest, Branches) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Parallel", "End": true})json")),
              ElementsAre("/States/S: required field \"Branches\" is missing"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Parallel", "End": true,
                                                 "Branches": []})json")),
              ElementsAre("/States/S/Branches: Branches must contain at least one branch"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Parallel", "End": true,
                                                 "Branches": {"StartAt": "A"}})json")),
              ElementsAre("/States/S/Branches: expected an array, got object"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Parallel", "End": true,
                "Branches": [1, {"StartAt": "A", "States": {}}]})json")),
              ElementsAre("/States/S/Branches/0: expected a state machine object, got number 1",
                          "/States/S/Branches/1/States: States must declare at least one "
                          "state"));
}

// --- Map: the item processor ---------------------------------------------------------------

TEST(ParserMapTest, InlineWithItemProcessor) {
  auto machine = AssertParse(InlineMap(R"json(, "ItemsPath": "$.items", "MaxConcurrency": 2,
    "ItemSelector": {"value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
    "ResultSelector": {"n.$": "States.ArrayLength($)"}, "ResultPath": "$.out")json"));
  const State& s = OnlyState(machine);
  EXPECT_EQ(s.map_mode, MapMode::kInline);
  ASSERT_NE(s.processor, nullptr);
  EXPECT_EQ(s.processor->pointer, "/States/S/ItemProcessor");
  EXPECT_EQ(s.items_path->text(), "$.items");
  EXPECT_EQ(s.max_concurrency.value, 2);
  EXPECT_TRUE(s.parameters.has_value());
  EXPECT_FALSE(s.item_selector_is_legacy_parameters);
}

TEST(ParserMapTest, ExplicitInlineMode) {
  auto machine = AssertParse(OneState(R"json({"Type": "Map", "End": true,
    "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "I",
                      "States": {"I": {"Type": "Succeed"}}}})json"));
  EXPECT_EQ(OnlyState(machine).map_mode, MapMode::kInline);
}

TEST(ParserMapTest, LegacyIteratorAndParameters) {
  auto machine = AssertParse(OneState(R"json({"Type": "Map", "End": true,
    "Parameters": {"v.$": "$$.Map.Item.Value"},
    "Iterator": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}})json"));
  const State& s = OnlyState(machine);
  EXPECT_EQ(s.processor->pointer, "/States/S/Iterator");
  EXPECT_TRUE(s.item_selector_is_legacy_parameters);
  EXPECT_TRUE(s.parameters.has_value());
}

TEST(ParserMapTest, ProcessorIsRequiredAndUnique) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Map", "End": true})json")),
              ElementsAre("/States/S: required field \"ItemProcessor\" is missing"));
  // statelint's map-with-itemprocessor-and-iterator.json.
  EXPECT_THAT(ParseDiagnostics(InlineMap(R"json(, "Iterator": {"StartAt": "J",
                "States": {"J": {"Type": "Succeed"}}})json")),
              ElementsAre("/States/S/Iterator: \"Iterator\" cannot be used together with "
                          "\"ItemProcessor\""));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Map", "End": true,
                                                 "ItemProcessor": []})json")),
              ElementsAre("/States/S/ItemProcessor: expected a state machine object, got "
                          "array"));
}

// Issue 16 (24): AWS accepts a ProcessorConfig inside the deprecated Iterator (recorded in
// 2024) and reads it as an ItemProcessor's.
TEST(ParserMapTest, IteratorWithProcessorConfig) {
  auto inline_map = AssertParse(OneState(R"json({"Type": "Map", "End": true,
    "Iterator": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "I",
                 "States": {"I": {"Type": "Succeed"}}}})json"));
  EXPECT_EQ(OnlyState(inline_map).map_mode, MapMode::kInline);
  EXPECT_EQ(OnlyState(inline_map).processor->pointer, "/States/S/Iterator");
  auto distributed = AssertParse(OneState(R"json({"Type": "Map", "End": true,
    "Iterator": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                 "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}})json"));
  EXPECT_EQ(OnlyState(distributed).map_mode, MapMode::kDistributed);
  EXPECT_EQ(OnlyState(distributed).processor_execution_type, "EXPRESS");
  // Checked as an ItemProcessor's.
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Map", "End": true,
    "Iterator": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "I",
                 "States": {"I": {"Type": "Succeed"}}}})json")),
              ElementsAre("/States/S/Iterator/ProcessorConfig: Mode DISTRIBUTED needs "
                          "\"ExecutionType\" (STANDARD or EXPRESS)"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Map", "End": true,
    "Iterator": {"ProcessorConfig": {"Mode": "SERIAL"}, "StartAt": "I",
                 "States": {"I": {"Type": "Succeed"}}}})json")),
              ElementsAre("/States/S/Iterator/ProcessorConfig/Mode: unknown Mode \"SERIAL\": "
                          "expected INLINE or DISTRIBUTED"));
  // Still not valid in a state machine that is not a Map's processor.
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Parallel", "End": true,
    "Branches": [{"ProcessorConfig": {}, "StartAt": "I",
                  "States": {"I": {"Type": "Succeed"}}}]})json")),
              ElementsAre("/States/S/Branches/0/ProcessorConfig: field \"ProcessorConfig\" is "
                          "not valid in a nested state machine"));
}

TEST(ParserMapTest, ProcessorConfig) {
  auto config = [](const char* json) {
    return ParseDiagnostics(OneState(std::string(R"({"Type": "Map", "End": true,
      "ItemProcessor": {"ProcessorConfig": )") + json + R"(, "StartAt": "I",
                        "States": {"I": {"Type": "Succeed"}}}})"));
  };
  EXPECT_THAT(config("{}"), IsEmpty());
  EXPECT_THAT(config("\"INLINE\""),
              ElementsAre("/States/S/ItemProcessor/ProcessorConfig: expected an object, got "
                          "string \"INLINE\""));
  EXPECT_THAT(config(R"({"Mode": "PARALLEL"})"),
              ElementsAre("/States/S/ItemProcessor/ProcessorConfig/Mode: unknown Mode "
                          "\"PARALLEL\": expected INLINE or DISTRIBUTED"));
  EXPECT_THAT(config(R"({"Mode": "DISTRIBUTED"})"),
              ElementsAre("/States/S/ItemProcessor/ProcessorConfig: Mode DISTRIBUTED needs "
                          "\"ExecutionType\" (STANDARD or EXPRESS)"));
  EXPECT_THAT(config(R"({"Mode": "DISTRIBUTED", "ExecutionType": "SYNC"})"),
              ElementsAre("/States/S/ItemProcessor/ProcessorConfig/ExecutionType: unknown "
                          "ExecutionType \"SYNC\": expected STANDARD or EXPRESS"));
  EXPECT_THAT(config(R"({"ExecutionType": "EXPRESS"})"),
              ElementsAre("/States/S/ItemProcessor/ProcessorConfig/ExecutionType: "
                          "ExecutionType is only valid with Mode DISTRIBUTED"));
  EXPECT_THAT(config(R"({"Mode": "INLINE", "Concurrency": 2})"),
              ElementsAre("/States/S/ItemProcessor/ProcessorConfig/Concurrency: field "
                          "\"Concurrency\" is not valid in ProcessorConfig"));
  EXPECT_THAT(ParseCodes(OneState(R"json({"Type": "Map", "End": true, "ItemProcessor": {
                "ProcessorConfig": {"ExecutionType": "EXPRESS"}, "StartAt": "I",
                "States": {"I": {"Type": "Succeed"}}}})json")),
              ElementsAre("SFN0500"));
}

// --- Map: items ----------------------------------------------------------------------------

TEST(ParserMapTest, ItemsPath) {
  EXPECT_THAT(ParseDiagnostics(InlineMap(R"json(, "ItemsPath": "$$.Execution.Input.items")json")),
              IsEmpty());
  // statelint's map-with-null-itemspath.json.
  EXPECT_THAT(ParseDiagnostics(InlineMap(R"json(, "ItemsPath": null)json")),
              ElementsAre("/States/S/ItemsPath: expected a reference path string, got null"));
  EXPECT_THAT(ParseDiagnostics(InlineMap(R"json(, "ItemsPath": "$.items[*].id")json")),
              ElementsAre("/States/S/ItemsPath: \"$.items[*].id\" is not a reference path: a "
                          "wildcard ('*') is not allowed (only names and non-negative indexes "
                          "are)"));
  EXPECT_THAT(ParseDiagnostics(InlineMap(R"json(, "ItemsPath": "items")json")),
              ElementsAre("/States/S/ItemsPath: invalid JSONPath \"items\": a path must start "
                          "with '$' at offset 0"));
}

TEST(ParserMapTest, ItemSelectorAndParametersAreExclusive) {
  EXPECT_THAT(ParseDiagnostics(InlineMap(R"json(, "ItemSelector": {}, "Parameters": {})json")),
              ElementsAre("/States/S/Parameters: \"Parameters\" cannot be used together with "
                          "\"ItemSelector\""));
  // Any JSON value (AWS's schema): a string is a static value, not a path.
  EXPECT_THAT(ParseDiagnostics(InlineMap(R"json(, "ItemSelector": "$$.Map.Item.Value")json")),
              IsEmpty());
  EXPECT_THAT(ParseDiagnostics(InlineMap(R"json(, "ItemSelector": {"v.$": "Value"})json")),
              ElementsAre("/States/S/ItemSelector/v.$: The value for the field 'v.$' must be a "
                          "valid JSONPath or a valid intrinsic function call: 'Value' is neither "
                          "a path (starting with '$') nor an intrinsic function call "
                          "(States.…)"));
}

TEST(ParserMapTest, MaxConcurrency) {
  EXPECT_THAT(ParseDiagnostics(InlineMap(R"json(, "MaxConcurrency": 0)json")), IsEmpty());
  EXPECT_THAT(ParseDiagnostics(InlineMap(R"json(, "MaxConcurrencyPath": "$.c")json")),
              IsEmpty());
  EXPECT_THAT(ParseDiagnostics(InlineMap(R"json(, "MaxConcurrency": -1)json")),
              ElementsAre("/States/S/MaxConcurrency: -1 is out of range: expected an integer "
                          "from 0 to 2147483647"));
  EXPECT_THAT(ParseDiagnostics(InlineMap(R"json(, "MaxConcurrency": 2.5)json")),
              ElementsAre("/States/S/MaxConcurrency: expected an integer, got number 2.5"));
  EXPECT_THAT(ParseDiagnostics(InlineMap(R"json(, "MaxConcurrency": 1,
                                              "MaxConcurrencyPath": "$..c")json")),
              ElementsAre("/States/S/MaxConcurrencyPath: \"MaxConcurrencyPath\" cannot be used "
                          "together with \"MaxConcurrency\"",
                          "/States/S/MaxConcurrencyPath: \"$..c\" is not a reference path: "
                          "recursive descent ('..') is not allowed (only names and non-negative "
                          "indexes are)"));
}

TEST(ParserMapTest, DistributedOnlyFieldsInAnInlineMap) {
  EXPECT_THAT(ParseDiagnostics(InlineMap(R"json(, "ToleratedFailurePercentage": 5,
    "ToleratedFailureCountPath": "$.n", "Label": "L", "ItemBatcher": {"MaxItemsPerBatch": 2},
    "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2",
                   "Parameters": {"Bucket": "b"}},
    "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                     "Parameters": {"Bucket": "b", "Prefix": "p"}})json")),
              ElementsAre("/States/S/ToleratedFailurePercentage: \"ToleratedFailurePercentage\" "
                          "is only valid in a Map with ProcessorConfig Mode DISTRIBUTED",
                          "/States/S/ToleratedFailureCountPath: \"ToleratedFailureCountPath\" is "
                          "only valid in a Map with ProcessorConfig Mode DISTRIBUTED",
                          "/States/S/ItemReader: \"ItemReader\" is only valid in a Map with "
                          "ProcessorConfig Mode DISTRIBUTED",
                          "/States/S/ItemBatcher: \"ItemBatcher\" is only valid in a Map with "
                          "ProcessorConfig Mode DISTRIBUTED",
                          "/States/S/ResultWriter: \"ResultWriter\" is only valid in a Map with "
                          "ProcessorConfig Mode DISTRIBUTED",
                          "/States/S/Label: \"Label\" is only valid in a Map with "
                          "ProcessorConfig Mode DISTRIBUTED"));
}

// --- Distributed Map -----------------------------------------------------------------------

TEST(ParserDistributedMapTest, EveryField) {
  auto machine = AssertParse(OneState(R"json({"Type": "Map", "End": true,
    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "I", "States": {"I": {"Type": "Succeed"}}},
    "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                   "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN",
                                    "CSVHeaders": ["a", "b"], "CSVDelimiter": "SEMICOLON",
                                    "MaxItems": 100},
                   "Parameters": {"Bucket": "b", "Key.$": "$.key"}},
    "ItemSelector": {"row.$": "$$.Map.Item.Value"},
    "ItemBatcher": {"MaxItemsPerBatch": 10, "MaxInputBytesPerBatch": 262144,
                    "BatchInput": {"run.$": "$$.Execution.Name"}},
    "MaxConcurrency": 1000, "ToleratedFailurePercentage": 2.5, "ToleratedFailureCount": 10,
    "Label": "Rows-2024_batch.v1",
    "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                     "Parameters": {"Bucket": "b", "Prefix": "out"},
                     "WriterConfig": {"OutputType": "JSONL", "Transformation": "FLATTEN"}},
    "ResultSelector": {"count.$": "$.ResultWriterDetails"},
    "Retry": [{"ErrorEquals": ["States.ItemReaderFailed"]}]})json"));
  const State& s = OnlyState(machine);
  EXPECT_EQ(s.map_mode, MapMode::kDistributed);
  EXPECT_EQ(s.processor_execution_type, "STANDARD");
  EXPECT_TRUE(s.item_reader.has_value());
  EXPECT_TRUE(s.item_batcher.has_value());
  EXPECT_TRUE(s.result_writer.has_value());
  EXPECT_EQ(s.tolerated_failure_percentage, 2.5);
  EXPECT_EQ(s.tolerated_failure_count.value, 10);
  EXPECT_EQ(s.label, "Rows-2024_batch.v1");
}

TEST(ParserDistributedMapTest, ToleratedFailures) {
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "ToleratedFailurePercentage": 100,
                                                   "ToleratedFailureCount": 0)json")),
              IsEmpty());
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "ToleratedFailurePercentage": 100.5,
                                                   "ToleratedFailureCount": -1)json")),
              ElementsAre("/States/S/ToleratedFailurePercentage: 100.5 is out of range: "
                          "expected a number from 0 to 100",
                          "/States/S/ToleratedFailureCount: -1 is out of range: expected an "
                          "integer from 0 to 2147483647"));
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "ToleratedFailurePercentage": 5,
    "ToleratedFailurePercentagePath": "$.p", "ToleratedFailureCount": 1,
    "ToleratedFailureCountPath": "$.c[*]")json")),
              ElementsAre("/States/S/ToleratedFailurePercentagePath: "
                          "\"ToleratedFailurePercentagePath\" cannot be used together with "
                          "\"ToleratedFailurePercentage\"",
                          "/States/S/ToleratedFailureCountPath: \"ToleratedFailureCountPath\" "
                          "cannot be used together with \"ToleratedFailureCount\"",
                          "/States/S/ToleratedFailureCountPath: \"$.c[*]\" is not a reference "
                          "path: a wildcard ('*') is not allowed (only names and non-negative "
                          "indexes are)"));
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "ToleratedFailurePercentage": "5")json")),
              ElementsAre("/States/S/ToleratedFailurePercentage: expected a number, got string "
                          "\"5\""));
}

TEST(ParserDistributedMapTest, Label) {
  EXPECT_THAT(ParseDiagnostics(DistributedMap(
                  R"json(, "Label": "0123456789012345678901234567890123456789")json")),
              IsEmpty());
  EXPECT_THAT(ParseDiagnostics(DistributedMap(
                  R"json(, "Label": "01234567890123456789012345678901234567890")json")),
              ElementsAre("/States/S/Label: Label must be at most 40 characters, got 41"));
  auto problem = [](const char* label) {
    std::vector<std::string> all =
        ParseDiagnostics(DistributedMap(std::string(R"(, "Label": ")") + label + "\""));
    return all.size() == 1 ? all[0] : ::testing::PrintToString(all);
  };
  const std::string tail =
      ": whitespace, control characters and < > { } [ ] ? * \" # % \\ ^ | ~ ` $ & , ; : / are "
      "not allowed";
  EXPECT_EQ(problem("my label"), "/States/S/Label: Label cannot contain U+0020" + tail);
  EXPECT_EQ(problem("a/b"), "/States/S/Label: Label cannot contain \"/\"" + tail);
  EXPECT_EQ(problem("a\\u0001"), "/States/S/Label: Label cannot contain U+0001" + tail);
  EXPECT_EQ(problem("a\\u0085"), "/States/S/Label: Label cannot contain U+0085" + tail);
  EXPECT_EQ(problem("{x}"), "/States/S/Label: Label cannot contain \"{\"" + tail);
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "Label": "étiquette-中")json")),
              IsEmpty());
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "Label": 1)json")),
              ElementsAre("/States/S/Label: expected a string, got number 1"));
}

TEST(ParserDistributedMapTest, ItemReaderResourceAndParameters) {
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "ItemReader": {
                "Resource": "arn:aws:states:::s3:listObjectsV2",
                "Parameters": {"Bucket.$": "$.bucket", "Prefix": "in/"}})json")),
              IsEmpty());
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "ItemReader": {
                "Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "b"}})json")),
              ElementsAre("/States/S/ItemReader/Resource: \"arn:aws:states:::s3:putObject\" is "
                          "not a resource ItemReader can use: expected "
                          "arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2"));
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "ItemReader": {
                "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
                "Parameters": {"Bucket": "b"}})json")),
              ElementsAre("/States/S/ItemReader/Resource: "
                          "\"arn:aws:states:::aws-sdk:s3:getObject\" is not a resource "
                          "ItemReader can use: expected arn:aws:states:::s3:getObject or "
                          "arn:aws:states:::s3:listObjectsV2"));
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "ItemReader": {})json")),
              ElementsAre("/States/S/ItemReader: required field \"Resource\" is missing",
                          "/States/S/ItemReader: required field \"Parameters\" is missing"));
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "ItemReader": "s3://b/k")json")),
              ElementsAre("/States/S/ItemReader: expected an object, got string \"s3://b/k\""));
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "ItemReader": {
                "Resource": "arn:aws:states:::s3:getObject",
                "Arguments": {"Bucket": "b"}, "Parameter": {}})json")),
              ElementsAre("/States/S/ItemReader/Arguments: field \"Arguments\" is only valid "
                          "with QueryLanguage \"JSONata\"",
                          "/States/S/ItemReader/Parameter: field \"Parameter\" is not valid in "
                          "ItemReader (did you mean \"Parameters\"?)"));
  EXPECT_THAT(ParseCodes(DistributedMap(R"json(, "ItemReader": {
                "Resource": "arn:aws:states:::sqs:receiveMessage", "Parameters": {}})json")),
              ElementsAre("SFN0205"));
}

TEST(ParserDistributedMapTest, ItemReaderConfig) {
  auto config = [](const char* json) {
    return ParseDiagnostics(DistributedMap(std::string(R"(, "ItemReader": {
      "Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b", "Key": "k"},
      "ReaderConfig": )") + json + "}"));
  };
  for (const char* ok : {R"({"InputType": "JSON"})", R"({"InputType": "JSONL"})",
                         R"({"InputType": "PARQUET"})",
                         R"({"InputType": "MANIFEST", "ManifestType": "S3_INVENTORY"})",
                         R"({"InputType": "MANIFEST", "ManifestType": "ATHENA_DATA"})",
                         R"({"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"})",
                         R"({"InputType": "JSON", "MaxItemsPath": "$$.Execution.Input.n"})",
                         R"({"InputType": "JSON", "MaxItems": 100000000})"}) {
    EXPECT_THAT(config(ok), IsEmpty()) << ok;
  }
  EXPECT_THAT(config(R"({"InputType": "XML", "CSVHeaderLocation": "LAST_ROW",
                         "CSVDelimiter": ",", "ManifestType": "X"})"),
              ElementsAre("/States/S/ItemReader/ReaderConfig/InputType: unknown InputType "
                          "\"XML\": expected CSV, JSON, JSONL, MANIFEST or PARQUET",
                          "/States/S/ItemReader/ReaderConfig/CSVHeaderLocation: unknown "
                          "CSVHeaderLocation \"LAST_ROW\": expected FIRST_ROW or GIVEN",
                          "/States/S/ItemReader/ReaderConfig/CSVDelimiter: unknown CSVDelimiter "
                          "\",\": expected COMMA, PIPE, SEMICOLON, SPACE or TAB",
                          "/States/S/ItemReader/ReaderConfig/ManifestType: unknown ManifestType "
                          "\"X\": expected S3_INVENTORY or ATHENA_DATA"));
  EXPECT_THAT(config(R"({"InputType": "CSV", "CSVHeaderLocation": "GIVEN"})"),
              ElementsAre("/States/S/ItemReader/ReaderConfig: required field \"CSVHeaders\" is "
                          "missing"));
  EXPECT_THAT(config(R"({"InputType": "CSV", "CSVHeaderLocation": "GIVEN",
                         "CSVHeaders": ["a", 2]})"),
              ElementsAre("/States/S/ItemReader/ReaderConfig/CSVHeaders/1: expected a string, "
                          "got number 2"));
  EXPECT_THAT(config(R"({"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": []})"),
              ElementsAre("/States/S/ItemReader/ReaderConfig/CSVHeaders: CSVHeaders must name "
                          "at least one column"));
  EXPECT_THAT(config(R"({"InputType": "JSON", "MaxItems": 100000001})"),
              ElementsAre("/States/S/ItemReader/ReaderConfig/MaxItems: 100000001 is out of "
                          "range: expected an integer from 0 to 100000000"));
  EXPECT_THAT(config(R"({"InputType": "JSON", "MaxItems": 5, "MaxItemsPath": "$.n"})"),
              ElementsAre("/States/S/ItemReader/ReaderConfig/MaxItemsPath: \"MaxItemsPath\" "
                          "cannot be used together with \"MaxItems\""));
  EXPECT_THAT(config(R"({"InputTyp": "JSON"})"),
              ElementsAre("/States/S/ItemReader/ReaderConfig/InputTyp: field \"InputTyp\" is "
                          "not valid in ReaderConfig (did you mean \"InputType\"?)"));
  EXPECT_THAT(config("[]"),
              ElementsAre("/States/S/ItemReader/ReaderConfig: expected an object, got array"));
}

TEST(ParserDistributedMapTest, ItemBatcher) {
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "ItemBatcher": {
                "MaxItemsPerBatchPath": "$.n", "MaxInputBytesPerBatchPath": "$.b"})json")),
              IsEmpty());
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "ItemBatcher": {"BatchInput": {}})json")),
              ElementsAre("/States/S/ItemBatcher: ItemBatcher needs \"MaxItemsPerBatch\", "
                          "\"MaxItemsPerBatchPath\", \"MaxInputBytesPerBatch\" or "
                          "\"MaxInputBytesPerBatchPath\""));
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "ItemBatcher": {"MaxItemsPerBatch": 0,
                "MaxInputBytesPerBatch": 262145, "BatchInput": "x", "MaxItems": 1})json")),
              // BatchInput may be any JSON value (AWS's schema).
              ElementsAre("/States/S/ItemBatcher/MaxItemsPerBatch: 0 is out of range: expected "
                          "an integer from 1 to 2147483647",
                          "/States/S/ItemBatcher/MaxInputBytesPerBatch: 262145 is out of range: "
                          "expected an integer from 1 to 262144",
                          "/States/S/ItemBatcher/MaxItems: field \"MaxItems\" is not valid in "
                          "ItemBatcher"));
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "ItemBatcher": {"MaxItemsPerBatch": 2,
                "MaxItemsPerBatchPath": "$.n"})json")),
              ElementsAre("/States/S/ItemBatcher/MaxItemsPerBatchPath: \"MaxItemsPerBatchPath\" "
                          "cannot be used together with \"MaxItemsPerBatch\""));
}

TEST(ParserDistributedMapTest, ResultWriter) {
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "ResultWriter": {
                "WriterConfig": {"Transformation": "COMPACT", "OutputType": "JSON"}})json")),
              IsEmpty());
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "ResultWriter": {
                "Resource": "arn:aws:states:::s3:getObject"})json")),
              ElementsAre("/States/S/ResultWriter/Resource: \"arn:aws:states:::s3:getObject\" "
                          "is not a resource ResultWriter can use: expected "
                          "arn:aws:states:::s3:putObject",
                          "/States/S/ResultWriter: required field \"Parameters\" is missing"));
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "ResultWriter": {
                "Parameters": {"Bucket": "b"}})json")),
              ElementsAre("/States/S/ResultWriter: required field \"Resource\" is missing"));
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "ResultWriter": {})json")),
              ElementsAre("/States/S/ResultWriter: ResultWriter needs \"Resource\" and "
                          "\"Parameters\", or \"WriterConfig\""));
  EXPECT_THAT(ParseDiagnostics(DistributedMap(R"json(, "ResultWriter": {
                "WriterConfig": {"Transformation": "FLAT", "OutputType": "CSV",
                                 "Compression": "GZIP"}})json")),
              ElementsAre("/States/S/ResultWriter/WriterConfig/OutputType: unknown OutputType "
                          "\"CSV\": expected JSON or JSONL",
                          "/States/S/ResultWriter/WriterConfig/Transformation: unknown "
                          "Transformation \"FLAT\": expected NONE, COMPACT or FLATTEN",
                          "/States/S/ResultWriter/WriterConfig/Compression: field "
                          "\"Compression\" is not valid in WriterConfig"));
}

// --- Express state machines and child workflows --------------------------------------------

TEST(ParserDistributedMapTest, ExpressRules) {
  ParseOptions express{.express = true};
  const char* kStandardChildren = R"json({"StartAt": "M", "States": {"M": {"Type": "Map",
    "End": true, "ItemProcessor": {
      "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "I",
      "States": {"I": {"Type": "Task", "End": true,
                       "Resource": "arn:aws:states:::states:startExecution.sync:2"}}}}}})json";
  EXPECT_THAT(ParseDiagnostics(kStandardChildren), IsEmpty());
  EXPECT_THAT(ParseDiagnostics(kStandardChildren, express),
              ElementsAre("/States/M/ItemProcessor: an EXPRESS state machine cannot run "
                          "STANDARD child workflows"));
  // EXPRESS children follow the EXPRESS rules even in a STANDARD machine.
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "M", "States": {"M": {"Type": "Map",
    "End": true, "ItemProcessor": {
      "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "I",
      "States": {"I": {"Type": "Task", "End": true,
                       "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken"}}}}}})json"),
              ElementsAre("/States/M/ItemProcessor/States/I/Resource: EXPRESS state machines do "
                          "not support '.waitForTaskToken' service integrations"));
  // An INLINE Map runs in its machine: the machine's rules apply.
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "M", "States": {"M": {"Type": "Map",
    "End": true, "ItemProcessor": {"StartAt": "I",
      "States": {"I": {"Type": "Task", "End": true,
                       "Resource": "arn:aws:states:::ecs:runTask.sync"}}}}}})json", express),
              ElementsAre("/States/M/ItemProcessor/States/I/Resource: EXPRESS state machines do "
                          "not support '.sync' service integrations"));
  EXPECT_THAT(ParseCodes(kStandardChildren, express), ElementsAre("SFN0503"));
}

}  // namespace
}  // namespace asl
