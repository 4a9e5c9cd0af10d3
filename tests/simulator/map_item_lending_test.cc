// A Map item lent to the Context object while the ItemSelector runs ($$.Map.Item.Value without a
// copy, Execution::Context): every selector sees what it would with a copy, and the items are
// back in place afterwards.

#include <gtest/gtest.h>

#include "tests/testutil/simulator/engine_harness.h"

namespace {

using sfnsim_test::ParseMachine;
using sfnsim_test::RunMachine;

std::string RunItemSelector(const std::string& selector) {
  auto machine = ParseMachine(R"({"StartAt":"M","States":{"M":{"Type":"Map",
      "ItemsPath":"$.page.rows","ItemSelector":)" + selector + R"(,
      "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
      "ResultPath":"$.results","End":true}}})");
  auto run = RunMachine(machine, R"({"page":{"rows":[{"id":1},{"id":2}]},"other":"o"})");
  EXPECT_EQ(run.status, sim::ExecutionStatus::kSucceeded);
  return asl::Dump(run.output);
}

TEST(MapItemLendingTest, SelectorsSeeTheItemWhereverTheyLook) {
  const std::string page = R"("page":{"rows":[{"id":1},{"id":2}]},"other":"o")";
  // Lent: the selector reads no field the items lie under.
  EXPECT_EQ(RunItemSelector(R"({"v.$":"$$.Map.Item.Value","i.$":"$$.Map.Item.Index",
                                "o.$":"$.other"})"),
            "{" + page + R"(,"results":[{"v":{"id":1},"i":0,"o":"o"},)" +
                R"({"v":{"id":2},"i":1,"o":"o"}]})");
  EXPECT_EQ(RunItemSelector(R"({"id.$":"$$.Map.Item.Value.id","ctx.$":"$$.Map"})"),
            "{" + page + R"(,"results":[{"ctx":{"Item":{"Index":0,"Value":{"id":1}}},"id":1},)" +
                R"({"ctx":{"Item":{"Index":1,"Value":{"id":2}}},"id":2}]})");
  // Copied: the selector reads where the items lie, and sees each of them there.
  EXPECT_EQ(RunItemSelector(R"({"v.$":"$$.Map.Item.Value","rows.$":"$.page.rows"})"),
            "{" + page + R"(,"results":[{"v":{"id":1},"rows":[{"id":1},{"id":2}]},)" +
                R"({"v":{"id":2},"rows":[{"id":1},{"id":2}]}]})");
  EXPECT_EQ(RunItemSelector(R"j({"v.$":"$$.Map.Item.Value","n.$":"States.ArrayLength($..id)"})j"),
            "{" + page + R"(,"results":[{"v":{"id":1},"n":2},{"v":{"id":2},"n":2}]})");
}

// Items in a workflow variable are never lent: the selector can read the variable.
TEST(MapItemLendingTest, ItemsInAVariableStayWhereTheSelectorCanReadThem) {
  auto machine = ParseMachine(R"j({"StartAt":"A","States":{
      "A":{"Type":"Pass","Assign":{"v":{"rows":[{"id":1},{"id":2}]}},"Next":"M"},
      "M":{"Type":"Map","ItemsPath":"$v.rows",
        "ItemSelector":{"id.$":"$$.Map.Item.Value.id","n.$":"States.ArrayLength($v.rows)",
                        "first.$":"$v.rows[0].id"},
        "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
        "End":true}}})j");
  auto run = RunMachine(machine, "{}");
  ASSERT_EQ(run.status, sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(asl::Dump(run.output), R"([{"id":1,"n":2,"first":1},{"id":2,"n":2,"first":1}])");
}

}  // namespace
