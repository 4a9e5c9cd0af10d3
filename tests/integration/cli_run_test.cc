// sfnsim run: exit codes, the JUnit report, per-execution history files, the JSON-lines log with
// the story's correlation ids, and seeds. Small scenarios over the reference pipeline (a few
// hundred customers), so each run takes well under a second.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "asl/base/json.h"
#include "tests/integration/cli_test_util.h"

namespace {

namespace fs = std::filesystem;
using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

const std::string kFixtures = (fs::path(SFNSIM_SOURCE_DIR) / "fixtures").string();
// The scenarios below live in scratch directories and read the fixtures: allowed explicitly
// (docs/security.md).
const std::string kRun = "run --allow-outside " + kFixtures + " ";

// The (b) pipeline (no Retry) over 300 customers and three year buckets (2022-2024: 35, 43 and
// 51 rows), with `faults` and `expect` filled in.
std::string Pipeline(const std::string& faults, const std::string& expect) {
  std::string text = R"(seed: 7
sns: {topics: [{name: customer-backfill}]}
athena:
  databases: [retail]
  tables: [{database: retail, generator: customers, rows: 300, seed: 1}]
state_machines:
  - {name: backfill-orchestrator, definition_file: FIXTURES/definitions/orchestrator.asl.json}
  - {name: backfill-executor, definition_file: FIXTURES/definitions/executor.asl.json}
faults: FAULTS
start:
  state_machine: backfill-orchestrator
  name: backfill
  input:
    buckets:
      - {id: "2022", predicate: registration_year = 2022}
      - {id: "2023", predicate: registration_year = 2023}
      - {id: "2024", predicate: registration_year = 2024}
    topicArn: arn:aws:sns:us-east-1:123456789012:customer-backfill
    athena: {database: retail, workGroup: primary, outputLocation: "s3://results/"}
    executorStateMachineArn: arn:aws:states:us-east-1:123456789012:stateMachine:backfill-executor
report: {bucket: /bucketId}
expect:
)";
  for (const auto& [word, value] :
       {std::pair<std::string, std::string>{"FIXTURES", kFixtures}, {"FAULTS", faults}}) {
    for (size_t at; (at = text.find(word)) != std::string::npos;)
      text.replace(at, word.size(), value);
  }
  return text + expect;
}

constexpr const char* kAllPublished = R"(  status: SUCCEEDED
  all_executions_succeeded: true
  executions: 4
  published_once:
    topic: customer-backfill
    key: customerId
    query: SELECT customer_id FROM retail.customers WHERE registration_year >= 2022
  max_history_events: 400
)";

// 10 % of publishes fail: some executors fail, whichever the seed.
constexpr const char* kTenPercent = "[{service: sns, api: publish, rate: 0.1}]";

// A minimal XML well-formedness check: tags nest and close, attributes are quoted, no raw '<'
// or '&' outside markup and entities. Returns "" or what is wrong.
std::string XmlProblem(const std::string& xml) {
  std::vector<std::string> open;
  size_t i = 0;
  if (xml.starts_with("<?xml")) i = xml.find("?>") + 2;
  while (i < xml.size()) {
    if (xml[i] == '&') {
      size_t semi = xml.find(';', i);
      std::string entity = xml.substr(i, semi == std::string::npos ? 8 : semi - i + 1);
      if (entity != "&amp;" && entity != "&lt;" && entity != "&gt;" && entity != "&quot;" &&
          entity != "&apos;") {
        return "bad entity " + entity;
      }
      i = semi + 1;
      continue;
    }
    if (xml[i] != '<') {
      if (xml[i] == '>') return "raw '>' in text";
      ++i;
      continue;
    }
    size_t end = xml.find('>', i);
    if (end == std::string::npos) return "unterminated tag";
    std::string tag = xml.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.find('<') != std::string::npos) return "'<' inside a tag";
    if (tag.starts_with("/")) {
      if (open.empty() || open.back() != tag.substr(1)) return "mismatched </" + tag.substr(1);
      open.pop_back();
      continue;
    }
    bool self_closing = tag.ends_with("/");
    if (self_closing) tag.pop_back();
    static const std::regex kTag(R"(^([A-Za-z_][\w.-]*)(\s+[A-Za-z_][\w.-]*="[^"<]*")*\s*$)");
    std::smatch m;
    if (!std::regex_match(tag, m, kTag)) return "malformed tag <" + tag + ">";
    if (!self_closing) open.push_back(m[1]);
  }
  return open.empty() ? "" : "unclosed <" + open.back() + ">";
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::vector<asl::Json> JsonLines(const std::string& text) {
  std::vector<asl::Json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(asl::Json::parse(line));
  return out;
}

TEST(CliRunTest, ExitCodeZeroWhenEveryExpectationHolds) {
  ScratchDir dir;
  std::string scenario = dir.Write("ok.yaml", Pipeline("[]", kAllPublished));
  auto r = RunSfnsim(kRun + scenario, dir);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("scenario ok (" + scenario + "), seed 7\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  rows        129 of 129 published once, 0 duplicated, 0 lost\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  result      PASS (5 of 5 expectations hold)"), std::string::npos);
  EXPECT_EQ(r.err, "");  // not a terminal: no progress line
}

TEST(CliRunTest, ExitCodeOneWhenAnExpectationFails) {
  ScratchDir dir;
  std::string scenario = dir.Write("lossy.yaml", Pipeline(kTenPercent, kAllPublished));
  auto r = RunSfnsim(kRun + "--quiet " + scenario, dir);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("    FAIL all_executions_succeeded: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("    FAIL published_once: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("never published, by key: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  result      FAIL"), std::string::npos);

  // The same run, expected to lose rows, passes.
  std::string expected_loss =
      dir.Write("expected_loss.yaml", Pipeline(kTenPercent, R"(  status: SUCCEEDED
  executions_by_status: {FAILED: {min: 1, max: 3}}
  rows:
    topic: customer-backfill
    key: customerId
    query: SELECT customer_id FROM retail.customers WHERE registration_year >= 2022
    lost: {min: 1}
    duplicated: 0
  faults: {unhandled: {min: 1}, retried: 0}
)"));
  r = RunSfnsim(kRun + expected_loss, dir);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;

  // Several scenarios: one failing makes the run fail.
  std::string ok = dir.Write("ok.yaml", Pipeline("[]", kAllPublished));
  r = RunSfnsim(kRun + ok + " " + scenario, dir);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(Count(r.out, "\nscenario "), 1u);  // both summaries printed
}

TEST(CliRunTest, ExitCodeTwoForAnInvalidScenarioWithALocatedError) {
  ScratchDir dir;
  std::string bad = dir.Write("bad.yaml", Pipeline("[]", "  status: DONE\n  execution: 4\n"));
  auto r = RunSfnsim(kRun + bad, dir);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(bad + ":23: /expect/status: \"DONE\" is not an execution status"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(bad + ":24: /expect/execution: unknown field \"execution\" (did you mean "
                             "\"executions\"?)"),
            std::string::npos)
      << r.err;

  r = RunSfnsim(kRun + dir.Path("missing.yaml"), dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing.yaml"), std::string::npos) << r.err;

  // An invalid scenario beside a passing one: still 2, and the valid one still runs.
  std::string ok = dir.Write("ok.yaml", Pipeline("[]", kAllPublished));
  r = RunSfnsim(kRun + ok + " " + bad, dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("result      PASS"), std::string::npos) << r.out;

  r = RunSfnsim("run", dir);  // no scenario: usage
  EXPECT_EQ(r.exit_code, 2);
}

TEST(CliRunTest, JUnitHasOneTestcasePerExpectation) {
  ScratchDir dir;
  std::string scenario = dir.Write("lossy.yaml", Pipeline(kTenPercent, kAllPublished));
  std::string junit = dir.Path("junit.xml");
  auto r = RunSfnsim(kRun + scenario + " --junit " + junit, dir);
  ASSERT_EQ(r.exit_code, 1) << r.err;
  std::string xml = ScratchDir::Read(junit);
  EXPECT_EQ(XmlProblem(xml), "") << xml;
  // The run itself plus the five expectations, each with its line in the scenario file.
  EXPECT_EQ(Count(xml, "<testsuite "), 1u);
  EXPECT_EQ(Count(xml, "<testcase "), 6u);
  EXPECT_NE(xml.find("<testsuites name=\"sfnsim\" tests=\"6\" failures=\""), std::string::npos);
  const std::map<std::string, int> lines = {{"status", 23},
                                            {"all_executions_succeeded", 24},
                                            {"executions", 25},
                                            {"published_once", 26},
                                            {"max_history_events", 30}};
  for (const auto& [name, line] : lines) {
    EXPECT_NE(xml.find("<testcase classname=\"lossy\" name=\"" + name + "\" file=\"" + scenario +
                       "\" line=\"" + std::to_string(line) + "\">"),
              std::string::npos)
        << name << "\n"
        << xml;
  }
  // Failed expectations carry a <failure> saying what was expected and what happened.
  std::regex failure(R"(name="published_once"[^>]*><failure message="expected every key of the )"
                     R"(query published once to customer-backfill, got \d+ of 129 once, 0 )"
                     R"(duplicated, \d+ lost, 0 unexpected">)");
  EXPECT_TRUE(std::regex_search(xml, failure)) << xml;
  EXPECT_EQ(Count(xml, "<failure "),
            2u + (xml.find("name=\"executions\" file=\"" + scenario + "\" line=\"25\"><failure") !=
                  std::string::npos))
      << xml;
  EXPECT_NE(xml.find("<system-out>scenario lossy"), std::string::npos);  // the summary
}

TEST(CliRunTest, HistoryDirHoldsEveryExecutionInAwsCliShape) {
  ScratchDir dir;
  std::string scenario = dir.Write("ok.yaml", Pipeline("[]", kAllPublished));
  std::string histories = dir.Path("histories");
  std::string log = dir.Path("run.jsonl");
  auto r = RunSfnsim(kRun + scenario + " --history-dir " + histories + " --log " + log, dir);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::map<std::string, int64_t> events_by_execution;  // from the log's ExecutionEnded lines
  for (const asl::Json& line : JsonLines(ScratchDir::Read(log))) {
    if (line["event"] != "ExecutionEnded") continue;
    std::string arn = line["execution"];
    // arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME -> MACHINE.NAME.json
    std::string machine_and_name = arn.substr(arn.find(":execution:") + 11);
    machine_and_name[machine_and_name.find(':')] = '.';
    events_by_execution[machine_and_name + ".json"] = line["historyEvents"];
  }
  ASSERT_EQ(events_by_execution.size(), 4u);  // the orchestrator and three executors
  std::set<std::string> files;
  for (const auto& entry : fs::directory_iterator(histories)) {
    files.insert(entry.path().filename().string());
  }
  ASSERT_EQ(files.size(), 4u);
  EXPECT_TRUE(files.contains("backfill-orchestrator.backfill.json"));
  for (const auto& [file, count] : events_by_execution) {
    ASSERT_TRUE(files.contains(file)) << file;
    asl::Json history = asl::Json::parse(ScratchDir::Read(histories + "/" + file));
    const asl::Json& events = history.at("events");
    ASSERT_EQ(static_cast<int64_t>(events.size()), count) << file;
    // get-execution-history: ids from 1, each event linked to the one before it, details named
    // after the event type.
    EXPECT_EQ(events.front()["type"], "ExecutionStarted");
    EXPECT_EQ(events.front()["id"], 1);
    EXPECT_EQ(events.front()["previousEventId"], 0);
    EXPECT_TRUE(events.front().contains("executionStartedEventDetails"));
    EXPECT_TRUE(events.front()["timestamp"].is_string());
    EXPECT_EQ(events.back()["type"], "ExecutionSucceeded");
    EXPECT_EQ(events.back()["id"], count);
  }
}

TEST(CliRunTest, LogCarriesTheStoryCorrelationIds) {
  ScratchDir dir;
  std::string scenario = dir.Write("ok.yaml", Pipeline("[]", kAllPublished));
  std::string log = dir.Path("run.jsonl");
  auto r = RunSfnsim(kRun + scenario + " --log " + log, dir);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::vector<asl::Json> lines = JsonLines(ScratchDir::Read(log));
  std::set<std::string> customers;
  std::map<std::string, int> events;
  std::string previous_time;
  // etl-<query id>-<execution name>-<customer id>, and an executor is named <query id>-<link>.
  const std::regex correlation(R"(etl-([0-9a-f-]{36})-(([0-9a-f-]{36})-(\d+))-(\d+))");
  for (const asl::Json& line : lines) {
    ++events[line["event"]];
    std::string time = line["time"];
    EXPECT_GE(time, previous_time);  // virtual-time order
    previous_time = time;
    if (line["event"] != "MessagePublished") continue;
    std::string id = line["correlationId"];
    std::smatch m;
    ASSERT_TRUE(std::regex_match(id, m, correlation)) << id;
    EXPECT_EQ(m[1], m[3]) << id;  // the executor of that query
    std::string execution = line["execution"];
    EXPECT_TRUE(execution.ends_with(":backfill-executor:" + m[2].str())) << execution;
    EXPECT_EQ(line["topic"], "arn:aws:sns:us-east-1:123456789012:customer-backfill");
    EXPECT_EQ(line["state"], "PublishRecord");
    EXPECT_TRUE(line["bucket"] == "2022" || line["bucket"] == "2023" || line["bucket"] == "2024");
    EXPECT_TRUE(customers.insert(m[5]).second) << "published twice: " << m[5];
  }
  EXPECT_EQ(events["ExecutionStarted"], 4);
  EXPECT_EQ(events["ExecutionEnded"], 4);
  EXPECT_EQ(events["MessagePublished"], 129);
  EXPECT_EQ(customers.size(), 129u);
}

TEST(CliRunTest, SeedChangesFaultsAndTheSameSeedGivesTheSameBytes) {
  ScratchDir dir;
  std::string scenario = dir.Write("lossy.yaml", Pipeline(kTenPercent, "  status: SUCCEEDED\n"));
  auto run = [&](const std::string& seed, const std::string& tag) {
    auto r = RunSfnsim(kRun + scenario + " " + seed + " --log " + dir.Path(tag + ".jsonl") +
                           " --junit " + dir.Path(tag + ".xml") + " --history-dir " + dir.Path(tag),
                       dir);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return r.out + ScratchDir::Read(dir.Path(tag + ".jsonl")) +
           ScratchDir::Read(dir.Path(tag + ".xml")) +
           ScratchDir::Read(dir.Path(tag + "/backfill-orchestrator.backfill.json"));
  };
  std::string first = run("--seed 11", "a");
  std::string again = run("--seed 11", "b");
  std::string other = run("--seed 12", "c");
  std::string from_file = run("", "d");  // the file's seed, 7
  EXPECT_NE(first.find("seed 11\n"), std::string::npos);
  EXPECT_NE(from_file.find("seed 7\n"), std::string::npos);
  EXPECT_EQ(first, again);  // byte for byte: summary, log, JUnit, history
  EXPECT_NE(first, other);
  // Different seeds inject different faults: the lines naming them differ.
  auto faults = [](const std::string& out) {
    std::string lines;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
      if (line.find("unhandled: SNS.InternalErrorException") != std::string::npos) lines += line;
    }
    return lines;
  };
  EXPECT_NE(faults(first), "");
  EXPECT_NE(faults(first), faults(other));
}

// A seed sweep: one run per seed, in seed order, each the same bytes as that seed alone; with
// --jobs the runs share threads and the output is still the same, histories and logs included.
TEST(CliRunTest, SeedSweepOnThreadsGivesTheSameBytesAsOneByOne) {
  ScratchDir dir;
  std::string scenario = dir.Write("lossy.yaml", Pipeline(kTenPercent, "  status: SUCCEEDED\n"));
  auto sweep = [&](const std::string& jobs, const std::string& tag) {
    auto r = RunSfnsim(kRun + scenario + " --seeds 11-12,20 " + jobs + " --log " +
                           dir.Path(tag + ".jsonl") + " --history-dir " + dir.Path(tag),
                       dir);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    std::string all = r.out;
    for (const char* seed : {"11", "12", "20"}) {
      all += ScratchDir::Read(dir.Path(tag + ".lossy.seed" + seed + ".jsonl"));
      all += ScratchDir::Read(
          dir.Path(tag + "/lossy.seed" + std::string(seed) + "/backfill-orchestrator.backfill.json"));
    }
    return std::make_pair(r.out, all);
  };
  auto [one_by_one_out, one_by_one] = sweep("", "serial");
  auto [threaded_out, threaded] = sweep("--jobs 3", "threaded");
  EXPECT_EQ(one_by_one, threaded);
  size_t s11 = one_by_one_out.find("seed 11\n"), s12 = one_by_one_out.find("seed 12\n"),
         s20 = one_by_one_out.find("seed 20\n");
  ASSERT_NE(s11, std::string::npos);
  ASSERT_NE(s12, std::string::npos);
  ASSERT_NE(s20, std::string::npos);
  EXPECT_LT(s11, s12);
  EXPECT_LT(s12, s20);
  // Each run of the sweep is the run of its seed alone.
  auto alone = RunSfnsim(kRun + scenario + " --seed 12", dir);
  EXPECT_NE(one_by_one_out.find(alone.out), std::string::npos);
}

TEST(CliRunTest, MalformedSeedsAndJobsAreUsageErrors) {
  ScratchDir dir;
  std::string scenario = dir.Write("ok.yaml", Pipeline("[]", kAllPublished));
  // Seeds are unsigned 64-bit integers in decimal; a sweep has at most 10,000 runs.
  for (const char* bad : {"--seeds 3-1",
                          "--seeds x",
                          "--seeds 1,,2",
                          "--seeds 1-",
                          "--jobs 0",
                          "--seeds 0-200000",
                          "--seed 1 --seeds 2",
                          "--seed -1",
                          "--seed 18446744073709551616",
                          "--seed 0x10",
                          "--seed ''",
                          "--seed ' 1'",
                          "--seed +1",
                          "--seed 1e3",
                          "--seeds -1",
                          "--seeds 18446744073709551616",
                          "--seeds 0-18446744073709551615",
                          "--seeds 1-10001",
                          "--seeds 1,2,1",
                          "--seeds ''",
                          "--max-steps -1",
                          "--max-steps 18446744073709551616"}) {
    auto r = RunSfnsim(kRun + scenario + " " + bad, dir);
    EXPECT_EQ(r.exit_code, 2) << bad << ": " << r.out << r.err;
    EXPECT_EQ(r.out, "") << bad;  // refused before anything runs
  }
  auto r = RunSfnsim(kRun + scenario + " --seeds 3-1", dir);
  EXPECT_NE(r.err.find("--seeds \"3-1\": the range \"3-1\" runs backwards"), std::string::npos)
      << r.err;
  r = RunSfnsim(kRun + scenario + " --seed -1", dir);
  EXPECT_NE(r.err.find("sfnsim run: --seed \"-1\" is not a seed: expected an integer from 0 to "
                       "18446744073709551615"),
            std::string::npos)
      << r.err;
  r = RunSfnsim(kRun + scenario + " --seed 18446744073709551616", dir);
  EXPECT_NE(r.err.find("18446744073709551616 is out of range"), std::string::npos) << r.err;
  r = RunSfnsim(kRun + scenario + " --seeds 1-10001", dir);
  EXPECT_NE(r.err.find("more than 10000 runs"), std::string::npos) << r.err;
  r = RunSfnsim(kRun + scenario + " --seeds 5,7,5", dir);
  EXPECT_NE(r.err.find("seed 5 is given twice"), std::string::npos) << r.err;
}

// The largest seeds run and end: a range that ends at 2^64 - 1 used never to stop (its loop
// counter wrapped to 0) while its list of runs grew without bound.
TEST(CliRunTest, SeedsUpToTheLargestRunAndEnd) {
  ScratchDir dir;
  std::string scenario = dir.Write("ok.yaml", Pipeline("[]", kAllPublished));
  auto r = RunSfnsim(kRun + "--quiet " + scenario + " --seeds 18446744073709551615", dir);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(Count(r.out, "\nscenario "), 0u) << r.out;  // one summary, at the start
  EXPECT_NE(r.out.find("seed 18446744073709551615"), std::string::npos) << r.out;
  r = RunSfnsim(
      kRun + "--quiet " + scenario + " --seeds 18446744073709551613-18446744073709551615 -j 2",
      dir);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const char* seed :
       {"18446744073709551613", "18446744073709551614", "18446744073709551615"}) {
    EXPECT_NE(r.out.find(std::string("seed ") + seed), std::string::npos) << seed << r.out;
  }
  EXPECT_EQ(Count(r.out, "result      PASS"), 3u) << r.out;
}

}  // namespace

namespace {

// The object a report page embeds as #sfnsim-data.
asl::Json EmbeddedSummary(const std::string& page) {
  const std::string open = "<script type=\"application/json\" id=\"sfnsim-data\">";
  size_t begin = page.find(open);
  if (begin == std::string::npos) return nullptr;
  begin += open.size();
  return asl::Json::parse(page.substr(begin, page.find("</script>", begin) - begin));
}

// --report and --json: the page embeds exactly the JSON summary, which has the text summary's
// figures; the same seed writes the same bytes.
TEST(CliRunTest, ReportAndJsonDescribeTheRunTheSameWay) {
  ScratchDir dir;
  std::string scenario = dir.Write("ok.yaml", Pipeline(kTenPercent, "  status: SUCCEEDED\n"));
  auto run = [&](const std::string& tag) {
    auto r = RunSfnsim(kRun + scenario + " --seed 11 --report " + dir.Path(tag + ".html") +
                           " --json " + dir.Path(tag + ".json"),
                       dir);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return r;
  };
  auto first = run("a");
  run("b");
  std::string page = ScratchDir::Read(dir.Path("a.html"));
  asl::Json summary = asl::Json::parse(ScratchDir::Read(dir.Path("a.json")));
  EXPECT_EQ(EmbeddedSummary(page), summary);
  EXPECT_EQ(page, ScratchDir::Read(dir.Path("b.html")));
  const asl::Json& r = summary["runs"][0];
  EXPECT_EQ(r["seed"], 11);
  EXPECT_EQ(r["executions"]["started"], 4);
  EXPECT_NE(first.out.find(fmt::format("  messages    customer-backfill: {}\n", r["published"].get<int64_t>())),
            std::string::npos)
      << first.out;
  EXPECT_NE(first.out.find(fmt::format("{} injected", r["faults"]["injected"].get<int64_t>())),
            std::string::npos);
  EXPECT_EQ(r["buckets"].size(), 3u);
  EXPECT_LT(page.size(), 400'000u);
}

TEST(CliRunTest, ASweepReportHoldsEveryRun) {
  ScratchDir dir;
  std::string scenario = dir.Write("ok.yaml", Pipeline("[]", kAllPublished));
  auto r = RunSfnsim(kRun + scenario + " --seeds 1-3 --jobs 2 --report " + dir.Path("s.html"), dir);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  asl::Json data = EmbeddedSummary(ScratchDir::Read(dir.Path("s.html")));
  ASSERT_EQ(data["runs"].size(), 3u);
  EXPECT_EQ(data["runs"][2]["seed"], 3);
}

TEST(CliRunTest, AReportThatCannotBeWrittenIsAUsageError) {
  ScratchDir dir;
  std::string scenario = dir.Write("ok.yaml", Pipeline("[]", kAllPublished));
  auto r = RunSfnsim(kRun + scenario + " --report " + dir.Path("missing/dir/r.html"), dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot write " + dir.Path("missing/dir/r.html") + " (--report)"),
            std::string::npos)
      << r.err;
}

}  // namespace
