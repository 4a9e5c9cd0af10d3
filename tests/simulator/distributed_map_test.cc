// Distributed Map settings read at run time: ItemBatcher (literal and path limits, BatchInput as a
// payload template) and the tolerated failure count/percentage, literal or from the state input.

#include <gtest/gtest.h>

#include <string>

#include "tests/testutil/simulator/engine_harness.h"

namespace {

using sfnsim_test::ParseMachine;
using sfnsim_test::RunMachine;

// A Distributed Map whose children echo their input; `settings` are spliced into the Map state.
std::string EchoMap(const std::string& settings) {
  return R"({"StartAt":"M","States":{"M":{"Type":"Map",)" + settings + R"(,
      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                       "StartAt":"Echo","States":{"Echo":{"Type":"Pass","End":true}}},
      "End":true}}})";
}

// Children fail on items with {"fail": true}.
std::string FailingMap(const std::string& settings) {
  return R"({"StartAt":"M","States":{"M":{"Type":"Map",)" + settings + R"(,
      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
        "StartAt":"Check","States":{
          "Check":{"Type":"Choice","Choices":[{"Variable":"$.fail","BooleanEquals":true,
                                              "Next":"Boom"}],"Default":"Ok"},
          "Boom":{"Type":"Fail","Error":"Item.Failed"},
          "Ok":{"Type":"Succeed"}}},
      "End":true}}})";
}

constexpr const char* kFiveItems = R"({"items":[1,2,3,4,5],"size":2,"tag":"t"})";

TEST(DistributedMapTest, BatchesByLiteralItemCountWithoutBatchInputKey) {
  auto r = RunMachine(ParseMachine(EchoMap(R"("ItemsPath":"$.items",
                                              "ItemBatcher":{"MaxItemsPerBatch":2})")),
                      kFiveItems);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(asl::Dump(r.output), R"([{"Items":[1,2]},{"Items":[3,4]},{"Items":[5]}])");
}

TEST(DistributedMapTest, BatchSizeFromPathAndBatchInputTemplate) {
  auto r = RunMachine(
      ParseMachine(EchoMap(R"("ItemsPath":"$.items",
          "ItemBatcher":{"MaxItemsPerBatchPath":"$.size",
                         "BatchInput":{"fixed":1,"tag.$":"$.tag","name.$":"$$.Execution.Name"}})")),
      kFiveItems);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded);
  // Static fields first, then the ".$" fields in AWS's (Java HashMap) order.
  const std::string batch_input = R"("BatchInput":{"fixed":1,"name":"run","tag":"t"})";
  EXPECT_EQ(asl::Dump(r.output), "[{" + batch_input + R"(,"Items":[1,2]},{)" + batch_input +
                                     R"(,"Items":[3,4]},{)" + batch_input + R"(,"Items":[5]}])");
}

TEST(DistributedMapTest, BatchBytesFromPath) {
  // Each item serialises to 1 byte: 3 bytes per batch.
  auto r = RunMachine(ParseMachine(EchoMap(R"("ItemsPath":"$.items",
                                              "ItemBatcher":{"MaxInputBytesPerBatchPath":"$.b"})")),
                      R"({"items":[1,2,3,4,5],"b":3})");
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(asl::Dump(r.output), R"([{"Items":[1,2,3]},{"Items":[4,5]}])");
}

TEST(DistributedMapTest, BatchPathThatIsNotAPositiveIntegerFailsTheExecution) {
  auto r = RunMachine(ParseMachine(EchoMap(R"("ItemsPath":"$.items",
                                              "ItemBatcher":{"MaxItemsPerBatchPath":"$.size"})")),
                      R"({"items":[1],"size":0})");
  ASSERT_EQ(r.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(r.error.name, "States.Runtime");
  EXPECT_NE(r.error.cause.find("The MaxItemsPerBatchPath parameter does not reference an integer "
                               "from 1 to 2147483647: $.size == 0"),
            std::string::npos)
      << r.error.cause;
}

TEST(DistributedMapTest, MissingBatchPathFailsTheExecution) {
  auto r = RunMachine(ParseMachine(EchoMap(R"("ItemsPath":"$.items",
                                              "ItemBatcher":{"MaxItemsPerBatchPath":"$.nope"})")),
                      R"({"items":[1]})");
  ASSERT_EQ(r.status, sim::ExecutionStatus::kFailed);
  EXPECT_NE(r.error.cause.find("Invalid path '$.nope'"), std::string::npos) << r.error.cause;
}

constexpr const char* kTwoFailures =
    R"({"items":[{"fail":true},{"fail":false},{"fail":true},{"fail":false}],"n":2,"p":50})";

TEST(DistributedMapTest, ToleratedFailureCountFromPath) {
  auto tolerant = RunMachine(
      ParseMachine(FailingMap(R"("ItemsPath":"$.items","ToleratedFailureCountPath":"$.n")")),
      kTwoFailures);
  EXPECT_EQ(tolerant.status, sim::ExecutionStatus::kSucceeded);
  auto strict = RunMachine(
      ParseMachine(FailingMap(R"("ItemsPath":"$.items","ToleratedFailureCountPath":"$.n")")),
      R"({"items":[{"fail":true},{"fail":false},{"fail":true},{"fail":false}],"n":1})");
  EXPECT_EQ(strict.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(strict.error.name, "States.ExceedToleratedFailureThreshold");
}

TEST(DistributedMapTest, ToleratedFailurePercentageFromPath) {
  auto tolerant = RunMachine(
      ParseMachine(FailingMap(R"("ItemsPath":"$.items","ToleratedFailurePercentagePath":"$.p")")),
      kTwoFailures);
  EXPECT_EQ(tolerant.status, sim::ExecutionStatus::kSucceeded);
  auto strict = RunMachine(
      ParseMachine(FailingMap(R"("ItemsPath":"$.items","ToleratedFailurePercentagePath":"$.p")")),
      R"({"items":[{"fail":true},{"fail":false},{"fail":true},{"fail":false}],"p":25.5})");
  EXPECT_EQ(strict.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(strict.error.name, "States.ExceedToleratedFailureThreshold");
}

TEST(DistributedMapTest, ToleratedPercentageOutOfRangeFailsTheExecution) {
  auto r = RunMachine(
      ParseMachine(FailingMap(R"("ItemsPath":"$.items","ToleratedFailurePercentagePath":"$.p")")),
      R"({"items":[],"p":101})");
  ASSERT_EQ(r.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(r.error.cause, "ToleratedFailurePercentage must be between 0 and 100.");
}

// A JSONata Map state (its children stay JSONPath, the top level's language): the batcher's
// limits and BatchInput and the tolerated percentage are expressions over $states.input.
TEST(DistributedMapTest, JsonataBatcherAndBatchInputAreExpressions) {
  auto r = RunMachine(ParseMachine(EchoMap(R"("QueryLanguage":"JSONata",
      "Items":"{% $states.input.items %}",
      "ItemBatcher":{"MaxItemsPerBatch":"{% $states.input.size %}",
                     "BatchInput":{"tag":"{% $states.input.tag %}","n":"{% $count($states.input.items) %}"}})")),
                      kFiveItems);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded) << r.error.cause;
  const std::string batch_input = R"("BatchInput":{"tag":"t","n":5})";
  EXPECT_EQ(asl::Dump(r.output), "[{" + batch_input + R"(,"Items":[1,2]},{)" + batch_input +
                                     R"(,"Items":[3,4]},{)" + batch_input + R"(,"Items":[5]}])");
}

TEST(DistributedMapTest, JsonataToleratedFailurePercentageIsAnExpression) {
  const std::string map = FailingMap(R"("QueryLanguage":"JSONata",
      "Items":"{% $states.input.items %}",
      "ToleratedFailurePercentage":"{% $states.input.p %}")");
  EXPECT_EQ(RunMachine(ParseMachine(map), kTwoFailures).status,
            sim::ExecutionStatus::kSucceeded);
  auto strict = RunMachine(
      ParseMachine(map),
      R"({"items":[{"fail":true},{"fail":false},{"fail":true},{"fail":false}],"p":25.5})");
  EXPECT_EQ(strict.error.name, "States.ExceedToleratedFailureThreshold");
  auto out_of_range = RunMachine(ParseMachine(map), R"({"items":[],"p":101})");
  EXPECT_EQ(out_of_range.error.cause, "ToleratedFailurePercentage must be between 0 and 100.");
}

}  // namespace
