// sfnsim lint: findings on the reference pipeline's fixtures, the text and JSON shapes, and the
// exit codes (1 for an error-level finding, 2 for input that cannot be read).

#include <gtest/gtest.h>

#include <string>

#include "asl/base/json.h"
#include "tests/integration/cli_test_util.h"

namespace {

using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

std::string LintFixture(const std::string& name) {
  return std::string(SFNSIM_SOURCE_DIR) + "/fixtures/definitions/" + name;
}

// Issue 16, item 23: a loop that only the data bounds is a warning (SFN1106), with the path and
// how many iterations fit once the Map items are stated; it is an error (SFN1100, exit 1) only
// when a stated bound (sfnsim:max-iterations) is proven not to fit.
TEST(CliLintTest, FirstIterationReportsItsHistoryLimitRisk) {
  ScratchDir dir;
  auto r = RunSfnsim("lint " + LintFixture("first_iteration.asl.json") + " --format json", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  asl::Json report = asl::Json::parse(r.out);
  EXPECT_EQ(report["errors"], 0);
  EXPECT_EQ(report["warnings"], 5);
  const asl::Json* loop = nullptr;
  for (const asl::Json& f : report["findings"]) {
    if (f["code"] == "SFN1106") loop = &f;
  }
  ASSERT_NE(loop, nullptr) << r.out;
  EXPECT_EQ((*loop)["severity"], "warning");
  EXPECT_EQ((*loop)["state"], "PublishPage");
  EXPECT_EQ((*loop)["pointer"], "/States/PublishPage");
  EXPECT_EQ((*loop)["path"], "PublishPage -> MorePages -> GetNextPage -> PublishPage");
  EXPECT_GT((*loop)["line"].get<int>(), 1);

  // With the Map items stated the warning says how many iterations fit.
  r = RunSfnsim("lint " + LintFixture("first_iteration.asl.json") + " --map-items 999,1000", dir);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find(": warning SFN1106: /States/PublishPage: the loop writes 11 + 7 × "
                       "items(PublishPage) events per iteration"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("at most 3 iterations fit under the limit"), std::string::npos) << r.out;

  // A stated bound of 4 iterations where 3 fit: proven, so an error.
  r = RunSfnsim("lint " + LintFixture("first_iteration_four_pages.asl.json") +
                    " --map-items 999,1000",
                dir);
  ASSERT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find(": error SFN1100: /States/PublishPage: the loop writes 11 + 7 × "
                       "items(PublishPage) events per iteration"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("is more than the 3 that fit under the 25,000-event history limit"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("    path: PublishPage -> MorePages -> GetNextPage -> PublishPage\n"),
            std::string::npos);
  EXPECT_NE(r.out.find("1 error, 4 warnings, 0 info"), std::string::npos) << r.out;
}

TEST(CliLintTest, ProductionFixturesHaveNoErrorLevelFinding) {
  ScratchDir dir;
  for (const char* name : {"production_executor.asl.json", "production_orchestrator.asl.json"}) {
    auto r = RunSfnsim(std::string("lint ") + LintFixture(name) + " --format json", dir);
    EXPECT_EQ(r.exit_code, 0) << name << r.err << r.out;
    asl::Json report = asl::Json::parse(r.out);
    EXPECT_EQ(report["errors"], 0) << name;
    for (const asl::Json& f : report["findings"]) EXPECT_NE(f["severity"], "error") << f.dump();
  }
  // The template's executor too (the substituted definition).
  auto r = RunSfnsim("lint " + std::string(SFNSIM_SOURCE_DIR) +
                         "/fixtures/templates/production.yaml --logical-id ExecutorStateMachine"
                         " -s TopicArn=arn:aws:sns:us-east-1:123456789012:customer-backfill",
                     dir);
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
}

TEST(CliLintTest, ExitCodesAndCodeList) {
  ScratchDir dir;
  auto r = RunSfnsim("lint " + dir.Path("missing.json"), dir);
  EXPECT_EQ(r.exit_code, 2);
  std::string invalid = dir.Write("invalid.json", R"({"StartAt": "A", "States": {}})");
  r = RunSfnsim("lint " + invalid, dir);
  EXPECT_EQ(r.exit_code, 1);
  r = RunSfnsim("lint --list-codes", dir);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("SFN1100  error    a loop nothing bounds"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("SFN1200  warning  a Task with no Retry for transient errors"),
            std::string::npos);
  // Warnings only: exit 0.
  r = RunSfnsim("lint " + LintFixture("orchestrator.asl.json"), dir);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("warning SFN1200: /States/ProcessBuckets/ItemProcessor/States/"
                       "RunBucketQuery: Task \"RunBucketQuery\""),
            std::string::npos)
      << r.out;
}

}  // namespace
