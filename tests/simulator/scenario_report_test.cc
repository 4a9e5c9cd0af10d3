// What a finished scenario reports: keys compared (lost ones as ranges in key order), the
// summary's lines for lost rows and failed executions, and the JUnit document.

#include <gtest/gtest.h>

#include "simulator/scenario/report_format.h"
#include "simulator/scenario/row_check.h"

namespace {

std::vector<std::string> Keys(int64_t first, int64_t last) {
  std::vector<std::string> out;
  for (int64_t k = first; k <= last; ++k) out.push_back(std::to_string(k));
  return out;
}

TEST(RowCheckTest, CountsEveryKindOfKey) {
  std::vector<std::string> published = {"1", "2", "2", "4", "7", "x"};
  sim::RowCheck rows = sim::CompareKeys(Keys(1, 5), published);
  EXPECT_EQ(rows.expected, 5);
  EXPECT_EQ(rows.published_once, 2);  // 1, 4
  EXPECT_EQ(rows.duplicated, 1);      // 2
  EXPECT_EQ(rows.lost, 2);            // 3, 5
  EXPECT_EQ(rows.unexpected, 2);      // 7, x: messages
  EXPECT_EQ(rows.duplicated_sample, std::vector<std::string>{"2"});
  ASSERT_EQ(rows.lost_ranges.size(), 2u);
  EXPECT_EQ(rows.lost_ranges[0].first, "3");
  EXPECT_EQ(rows.lost_ranges[0].count, 1);
  EXPECT_EQ(rows.lost_ranges[1].first, "5");
}

TEST(RowCheckTest, LostKeysAreRangesInNumericOrder) {
  // As text, "10280" sorts before "741"; a failed executor's rows are 741-883 and 1001-1010.
  std::vector<std::string> expected = Keys(1, 12000);
  std::reverse(expected.begin(), expected.end());
  std::vector<std::string> published;
  for (int64_t k = 1; k <= 12000; ++k) {
    if ((k < 741 || k > 883) && (k < 1001 || k > 1010)) published.push_back(std::to_string(k));
  }
  sim::RowCheck rows = sim::CompareKeys(expected, published);
  EXPECT_EQ(rows.lost, 153);
  EXPECT_EQ(rows.lost_range_count, 2);
  ASSERT_EQ(rows.lost_ranges.size(), 2u);
  EXPECT_EQ(rows.lost_ranges[0].first, "741");
  EXPECT_EQ(rows.lost_ranges[0].last, "883");
  EXPECT_EQ(rows.lost_ranges[0].count, 143);
  EXPECT_EQ(rows.lost_ranges[1].first, "1001");
  EXPECT_EQ(rows.lost_ranges[1].last, "1010");
}

TEST(RowCheckTest, TextKeysSortAsTextAndRangesAreCapped) {
  sim::RowCheck rows = sim::CompareKeys({"b", "a", "c", "a"}, {"b"});
  EXPECT_EQ(rows.expected, 3);  // distinct keys
  ASSERT_EQ(rows.lost_ranges.size(), 2u);
  EXPECT_EQ(rows.lost_ranges[0].first, "a");
  EXPECT_EQ(rows.lost_ranges[1].first, "c");

  std::vector<std::string> odd;  // every even key lost: 50 ranges of one key
  for (int64_t k = 1; k <= 100; k += 2) odd.push_back(std::to_string(k));
  rows = sim::CompareKeys(Keys(1, 100), odd);
  EXPECT_EQ(rows.lost, 50);
  EXPECT_EQ(rows.lost_range_count, 50);
  EXPECT_EQ(rows.lost_ranges.size(), sim::RowCheck::kMaxRanges);
  EXPECT_EQ(rows.lost_ranges.back().first, "40");
  EXPECT_EQ(rows.lost_ranges.back().count, 1);
}

TEST(RowCheckTest, CanonicalIntegersAreTheTextToStringWrites) {
  EXPECT_EQ(sim::CanonicalInteger("0"), 0);
  EXPECT_EQ(sim::CanonicalInteger("17"), 17);
  EXPECT_EQ(sim::CanonicalInteger("-3"), -3);
  EXPECT_EQ(sim::CanonicalInteger("9223372036854775807"), INT64_MAX);
  for (const char* text : {"", "007", "-0", "-07", "+1", "1.0", "1e3", " 1", "1 ", "x",
                           "9223372036854775808"}) {
    EXPECT_EQ(sim::CanonicalInteger(text), std::nullopt) << text;
  }
}

// Integer keys are compared as numbers only where that cannot change a match: a key matches
// when its text is the same.
TEST(RowCheckTest, KeysMatchByTextWhateverTheirForm) {
  // Every expected key canonical: "07" and "+7" are not "7".
  sim::RowCheck rows = sim::CompareKeys({"7", "8", "-2"}, {"07", "7", "+7", "-2", "-2", "9"});
  EXPECT_EQ(rows.expected, 3);
  EXPECT_EQ(rows.published_once, 1);  // 7
  EXPECT_EQ(rows.duplicated, 1);      // -2
  EXPECT_EQ(rows.lost, 1);            // 8
  EXPECT_EQ(rows.unexpected, 3);      // 07, +7, 9
  EXPECT_EQ(rows.duplicated_sample, std::vector<std::string>{"-2"});
  ASSERT_EQ(rows.lost_ranges.size(), 1u);
  EXPECT_EQ(rows.lost_ranges[0].first, "8");

  // An expected key that is not canonical: compared as text, still in numeric order.
  rows = sim::CompareKeys({"007", "7", "10", "9"}, {"7", "007", "07", "10"});
  EXPECT_EQ(rows.expected, 4);
  EXPECT_EQ(rows.published_once, 3);  // 007, 7, 10
  EXPECT_EQ(rows.lost, 1);            // 9
  EXPECT_EQ(rows.unexpected, 1);      // 07
  ASSERT_EQ(rows.lost_ranges.size(), 1u);
  EXPECT_EQ(rows.lost_ranges[0].first, "9");
}

sim::ScenarioReport FailedRun() {
  sim::ScenarioReport r;
  r.scenario = "no_retry";
  r.file = "scenarios/no_retry.yaml";
  r.seed = 1;
  sim::ExecutionRecord orchestrator;
  orchestrator.state_machine = "orchestrator";
  orchestrator.name = "backfill";
  orchestrator.status = "SUCCEEDED";
  orchestrator.history_events = 279;
  sim::ExecutionRecord executor;
  executor.state_machine = "executor";
  executor.name = "q-1";
  executor.status = "FAILED";
  executor.error = "SNS.InternalErrorException";
  executor.cause = "Internal Error";
  executor.bucket = "2009";
  executor.published = 78;
  executor.history_events = 600;
  r.executions = {orchestrator, executor};
  std::vector<std::string> published = Keys(1, 740);
  for (int64_t k = 884; k <= 1000; k += 2) published.push_back(std::to_string(k));
  r.rows = sim::CompareKeys(Keys(1, 1000), published);
  r.duration_ms = 12'708;
  r.faults_injected = r.faults_unhandled = 1;
  r.expectations = {{"rows.lost", true, ">= 1", "201", 12},
                    {"status", false, "FAILED", "SUCCEEDED", 3}};
  return r;
}

TEST(ReportFormatTest, SummaryNamesFailedExecutionsAndLostRanges) {
  std::string summary = sim::FormatSummary(FailedRun());
  EXPECT_NE(summary.find("  executions  2 started: 1 FAILED, 1 SUCCEEDED\n"), std::string::npos)
      << summary;
  EXPECT_NE(summary.find("FAILED executor/q-1 [2009] after 78 published: "
                         "SNS.InternalErrorException: Internal Error\n"),
            std::string::npos)
      << summary;
  EXPECT_NE(summary.find("  rows        799 of 1,000 published once, 0 duplicated, 201 lost\n"),
            std::string::npos)
      << summary;
  // 741-883, then every odd key from 885 to 999: 1 + 58 ranges, the first 20 shown, wrapped.
  EXPECT_NE(summary.find("              never published, by key: 741-883 (143), 885, 887, "),
            std::string::npos)
      << summary;
  EXPECT_NE(summary.find(", ... 39 more ranges\n"), std::string::npos) << summary;
  for (size_t start = 0, end; (end = summary.find('\n', start)) != std::string::npos;
       start = end + 1) {
    if (summary.compare(start, 14, std::string(14, ' ')) == 0 &&
        summary.find("never published", start) < end) {
      EXPECT_LE(end - start, 100u);
    }
  }
  EXPECT_NE(summary.find("    FAIL status: expected FAILED, got SUCCEEDED\n"), std::string::npos);
  // The starting execution has no bucket: no empty brackets.
  sim::ScenarioReport alone = FailedRun();
  alone.executions.erase(alone.executions.begin());
  alone.executions[0].bucket.clear();
  EXPECT_NE(sim::FormatSummary(alone).find("FAILED executor/q-1 after 78 published: "),
            std::string::npos);
  EXPECT_NE(summary.find("  result      FAIL (1 of 2 expectations hold)\n"), std::string::npos);
}

TEST(ReportFormatTest, CompletionReachesEveryPublishedRow) {
  sim::ScenarioReport r;
  r.buckets = {"2023", "2024"};
  r.duration_ms = 4000;
  // 2024's last two publishes were in flight when its executor failed at 4 s: SNS answered
  // after the last execution stopped, and they still count.
  r.published = {{1000, 0}, {2000, 0}, {3000, 1}, {4010, 1}, {4020, 1}};
  std::string table = sim::FormatCompletion(r, 2);
  EXPECT_EQ(table,
            "  bucket        rows    2.010s    4.020s\n"
            "  2023             2      100%      100%\n"
            "  2024             3        0%      100%\n"
            "  overall          5       40%      100%\n")
      << table;
}

TEST(ReportFormatTest, JUnitHasATestcasePerExpectationWithItsLine) {
  sim::ScenarioReport r = FailedRun();
  r.expectations[0].expected = "<a & \"b\">";
  std::string xml = sim::FormatJUnit({r});
  EXPECT_NE(xml.find("<testsuites name=\"sfnsim\" tests=\"3\" failures=\"1\">"), std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testcase classname=\"no_retry\" name=\"run\" "
                     "file=\"scenarios/no_retry.yaml\"></testcase>"),
            std::string::npos);
  EXPECT_NE(xml.find("<testcase classname=\"no_retry\" name=\"rows.lost\" "
                     "file=\"scenarios/no_retry.yaml\" line=\"12\"></testcase>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("name=\"status\" file=\"scenarios/no_retry.yaml\" line=\"3\"><failure "
                     "message=\"expected FAILED, got SUCCEEDED\">"),
            std::string::npos)
      << xml;
  EXPECT_EQ(xml.find("<a & "), std::string::npos);  // escaped in system-out too
  EXPECT_NE(xml.find("&lt;a &amp; &quot;b&quot;&gt;"), std::string::npos);
}

}  // namespace
