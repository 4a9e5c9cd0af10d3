// The third pipeline (docs/pipeline.md (e)) through the binary: the Distributed Map reads
// Athena's CSV export from S3 and the report gives its Map Run in DescribeMapRun's terms, in the
// text summary and in the --log's MapRunEnded line; a missing export fails the Map the way AWS
// does, the file named.

#include <gtest/gtest.h>

#include <sstream>

#include "asl/base/json.h"
#include "tests/integration/cli_test_util.h"

namespace {

using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

const std::string kSource = SFNSIM_SOURCE_DIR;

TEST(CliDistributedPipeline, ReportsTheMapRunAsDescribeMapRunDoes) {
  ScratchDir dir;
  auto r = RunSfnsim("run --allow-outside " + kSource + "/fixtures " + kSource +
                         "/scenarios/backfill_distributed.yaml --log " + dir.Path("log.jsonl"),
                     dir);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(": SUCCEEDED, 100,000 items in 200 child executions (200 succeeded, 0 "
                       "failed, 0 pending), results written: 200\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("history     largest 14 events (backfill-distributed/backfill)"),
            std::string::npos)
      << r.out;
  std::istringstream log(ScratchDir::Read(dir.Path("log.jsonl")));
  std::string line;
  int map_runs = 0;
  while (std::getline(log, line)) {
    asl::Json event = asl::Json::parse(line);
    if (event["event"] != "MapRunEnded") continue;
    ++map_runs;
    const asl::Json& run = event["mapRun"];
    EXPECT_EQ(run["status"], "SUCCEEDED");
    EXPECT_EQ(run["maxConcurrency"], 100);
    EXPECT_EQ(run["itemCounts"]["total"], 100000);
    EXPECT_EQ(run["itemCounts"]["succeeded"], 100000);
    EXPECT_EQ(run["itemCounts"]["resultsWritten"], 100000);
    EXPECT_EQ(run["executionCounts"]["succeeded"], 200);
  }
  EXPECT_EQ(map_runs, 1);
}

TEST(CliDistributedPipeline, AMissingExportFailsTheMapNamingTheFile) {
  ScratchDir dir;
  // The export goes to a bucket the reader does not read from: the object is missing.
  std::string input = R"({"topicArn":"arn:aws:sns:us-east-1:123456789012:customer-backfill",
      "exportBucket":"backfill-athena-results","exportPrefix":"exports/",
      "resultBucket":"backfill-results","athena":{"database":"retail","workGroup":"primary"}})";
  std::string scenario = ScratchDir::Read(kSource + "/scenarios/backfill_distributed.yaml");
  // Athena writes under exports/, the reader reads under other/: a missing object.
  std::string definition = ScratchDir::Read(
      kSource + "/fixtures/definitions/distributed_backfill.asl.json");
  size_t at = definition.find("States.Format('{}{}.csv',$.exportPrefix");
  ASSERT_NE(at, std::string::npos);
  definition.replace(at, std::string("States.Format('{}{}.csv',$.exportPrefix").size(),
                     "States.Format('other/{}{}.csv',$.exportPrefix");
  std::string definition_path = dir.Write("distributed.asl.json", definition);
  std::string input_path = dir.Write("input.json", input);
  for (auto [from, to] : {std::pair<std::string, std::string>{
                              "../fixtures/definitions/distributed_backfill.asl.json",
                              definition_path},
                          {"../fixtures/inputs/distributed_backfill.input.json", input_path}}) {
    size_t pos = scenario.find(from);
    ASSERT_NE(pos, std::string::npos) << from;
    scenario.replace(pos, from.size(), to);
  }
  std::string path = dir.Write("missing.yaml", scenario);
  auto r = RunSfnsim("run --allow-outside " + dir.Path("") + " " + path, dir);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("States.ItemReaderFailed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Cannot read s3://backfill-athena-results/other/exports/"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("NoSuchKey"), std::string::npos) << r.out;
}

}  // namespace
