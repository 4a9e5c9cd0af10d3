// sfnsim balance: the year buckets of buckets_by_year.yaml against customer_id % 21 buckets, both
// simulated; the balanced run must agree with scenarios/buckets_balanced.yaml.

#include <gtest/gtest.h>

#include <string>

#include "asl/base/json.h"
#include "tests/integration/cli_test_util.h"

namespace {

using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

const std::string kYearBucketsScenario =
    std::string(SFNSIM_SOURCE_DIR) + "/scenarios/buckets_by_year.yaml";
// The repository's scenarios read ../fixtures: allowed explicitly (docs/security.md).
const std::string kBalance =
    "balance --allow-outside " + std::string(SFNSIM_SOURCE_DIR) + "/fixtures ";

TEST(CliBalanceTest, YearBucketsAreSkewedAndTheBalancedSplitIsShorter) {
  ScratchDir dir;
  auto r = RunSfnsim(kBalance + kYearBucketsScenario + " --format json", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  asl::Json report = asl::Json::parse(r.out);
  const asl::Json& written = report["written"];
  const asl::Json& balanced = report["balanced"];
  ASSERT_EQ(written["buckets"].size(), 21u);
  ASSERT_EQ(balanced["buckets"].size(), 21u);
  int64_t written_rows = 0, balanced_rows = 0;
  for (const asl::Json& b : written["buckets"]) written_rows += b["rows"].get<int64_t>();
  for (const asl::Json& b : balanced["buckets"]) balanced_rows += b["rows"].get<int64_t>();
  EXPECT_EQ(written_rows, 20000);
  EXPECT_EQ(balanced_rows, 20000);
  // 2004 holds a few dozen customers, 2024 thousands: the largest bucket runs > 3x the mean.
  EXPECT_GT(written["imbalance"].get<double>(), 3.0);
  EXPECT_LT(balanced["imbalance"].get<double>(), 1.3);
  EXPECT_GE(report["saving"].get<double>(), 0.30);
  // The same balanced buckets written as a scenario (buckets_balanced.yaml: 16.777 s, with the
  // engine latency's defaults; 13.370 s without).
  EXPECT_EQ(balanced["makespan_ms"], 16777);
  EXPECT_EQ(report["balanced_predicates"][20], "customer_id % 21 = 20");
  // AWS's default quota for us-east-1 (bucket 5,000, 1,500/s): the floor is the transitions
  // beyond the burst at the refill rate.
  EXPECT_EQ(report["transitions_per_second"], 1500.0);
  int64_t transitions = written["transitions"].get<int64_t>();
  EXPECT_GT(transitions, 20000);
  EXPECT_EQ(written["transition_floor_ms"].get<int64_t>(), (transitions - 5000) * 1000 / 1500);
  EXPECT_LT(written["transition_floor_ms"].get<int64_t>(), written["makespan_ms"].get<int64_t>());
  EXPECT_GE(written["concurrency"].get<int64_t>(), 5);
}

// --report: the page holds both runs (as written, balanced) and the balance comparison.
TEST(CliBalanceTest, TheReportHoldsBothRunsAndTheComparison) {
  ScratchDir dir;
  auto r = RunSfnsim(kBalance + kYearBucketsScenario + " --report " + dir.Path("b.html"), dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string page = ScratchDir::Read(dir.Path("b.html"));
  const std::string open = "<script type=\"application/json\" id=\"sfnsim-data\">";
  size_t begin = page.find(open);
  ASSERT_NE(begin, std::string::npos);
  begin += open.size();
  asl::Json data = asl::Json::parse(page.substr(begin, page.find("</script>", begin) - begin));
  ASSERT_EQ(data["runs"].size(), 2u);
  EXPECT_EQ(data["runs"][0]["buckets"].size(), 21u);
  for (const asl::Json& b : data["runs"][0]["buckets"]) {  // years: as written
    std::string year = b["bucket"].get<std::string>();
    EXPECT_TRUE(year.size() == 4 && year >= "2004" && year <= "2024") << year;
  }
  EXPECT_EQ(data["runs"][1]["buckets"][0]["bucket"].get<std::string>().rfind("mod21-", 0), 0u);
  EXPECT_NE(page.find("\"balanced_predicates\":[\"customer_id % 21 = 0\""), std::string::npos);
}

TEST(CliBalanceTest, ImbalanceThresholdFailsTheRun) {
  ScratchDir dir;
  auto r = RunSfnsim(
      kBalance + kYearBucketsScenario + " --max-imbalance 2 --transitions-per-second 100000", dir);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  // A raised quota: its burst (333,333) holds every transition, so there is no floor line.
  EXPECT_NE(r.out.find("state-transition quota 100000/s"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("the transition quota alone needs"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("is above --max-imbalance 2.00"), std::string::npos) << r.out;
}

TEST(CliBalanceTest, AScenarioWithoutBucketsIsAClearError) {
  ScratchDir dir;
  std::string scenario = dir.Write("nobuckets.yaml", R"(name: nobuckets
state_machines:
  - name: m
    definition: {StartAt: P, States: {P: {Type: Pass, End: true}}}
start: {state_machine: m, input: {}}
report: {bucket: /bucketId}
)");
  auto r = RunSfnsim(kBalance + scenario, dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("balance needs the start input's /buckets"), std::string::npos) << r.err;
}

}  // namespace
