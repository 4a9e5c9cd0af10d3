// What sfnsim writes: every command fails (exit 2, "sfnsim: cannot write WHAT: reason") when
// its standard output or an output file cannot be written, instead of exiting 0 with the output
// lost; scenario names cannot place `run`'s outputs outside --history-dir, and two scenarios of
// one name keep their own outputs.

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/integration/cli_test_util.h"

namespace {

namespace fs = std::filesystem;
using sfnsim_test::CliResult;
using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

constexpr const char* kDefinition =
    R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})";

std::string PassScenario(const std::string& name) {
  return "name: " + name + R"(
state_machines:
  - {name: m, definition: {StartAt: P, States: {P: {Type: Pass, End: true}}}}
start: {state_machine: m, name: run, input: {}}
expect: {status: SUCCEEDED}
)";
}

constexpr const char* kNoSpace = "No space left on device";

TEST(CliOutputTest, AFullStandardOutputIsAWriteErrorInEveryCommand) {
  ScratchDir dir;
  std::string definition = dir.Write("sm.asl.json", kDefinition);
  std::string scenario = dir.Write("s.yaml", PassScenario("s"));
  std::string history = dir.Path("h.json");
  ASSERT_EQ(RunSfnsim("execute " + definition + " --history " + history, dir).exit_code, 0);
  std::string buckets = dir.Write("buckets.yaml", R"(state_machines:
  - {name: m, definition: {StartAt: P, States: {P: {Type: Pass, End: true}}}}
start: {state_machine: m, input: {buckets: [{id: a, predicate: "customer_id = 1"}]}}
report: {bucket: /bucketId}
)");
  const std::vector<std::string> commands = {
      "validate " + definition,
      "validate --list-codes",
      "graph " + definition,
      "execute " + definition,
      "run " + scenario,
      "run --quiet " + scenario + " --seeds 1-3 -j 2",
      "budget " + definition,
      "lint " + definition,
      "lint --list-codes",
      "export " + definition + " --to sam",
      "replay " + history + " --definition " + definition,
      "calibrate " + history,
      "balance " + buckets,
      "--help",
      "execute --help",
      "--version",
  };
  for (const std::string& command : commands) {
    CliResult r = RunSfnsim(command + " > /dev/full", dir);
    EXPECT_EQ(r.exit_code, 2) << command << ": " << r.err;
    EXPECT_NE(r.err.find(std::string("sfnsim: cannot write standard output: ") + kNoSpace),
              std::string::npos)
        << command << ": " << r.err;
  }
}

TEST(CliOutputTest, AnOutputFileThatCannotBeWrittenIsAnError) {
  ScratchDir dir;
  std::string definition = dir.Write("sm.asl.json", kDefinition);
  std::string scenario = dir.Write("s.yaml", PassScenario("s"));
  std::string history = dir.Path("h.json");
  ASSERT_EQ(RunSfnsim("execute " + definition + " --history " + history, dir).exit_code, 0);
  const std::string nowhere = dir.Path("no-such-dir/file");
  struct Case {
    std::string args;
    std::string message;  // after "sfnsim: cannot write "
  };
  const std::vector<Case> cases = {
      {"graph " + definition + " -o /dev/full", std::string("/dev/full (--output): ") + kNoSpace},
      {"graph " + definition + " -o " + nowhere,
       nowhere + " (--output): No such file or directory"},
      {"export " + definition + " --to sam -o /dev/full",
       std::string("/dev/full (--output): ") + kNoSpace},
      {"execute " + definition + " --history /dev/full",
       std::string("/dev/full (--history): ") + kNoSpace},
      {"execute " + definition + " --history " + nowhere,
       nowhere + " (--history): No such file or directory"},
      {"replay " + history + " --definition " + definition + " --history /dev/full",
       std::string("/dev/full (--history): ") + kNoSpace},
      {"run --quiet " + scenario + " --junit /dev/full",
       std::string("/dev/full (--junit): ") + kNoSpace},
      {"run --quiet " + scenario + " --log /dev/full",
       std::string("/dev/full (--log): ") + kNoSpace},
      {"run --quiet " + scenario + " --log " + nowhere,
       nowhere + " (--log): No such file or directory"},
      {"run --quiet " + scenario + " --lock " + nowhere,
       nowhere + " (--lock): " + nowhere + ".tmp: No such file or directory"},
  };
  for (const Case& c : cases) {
    CliResult r = RunSfnsim(c.args, dir);
    EXPECT_EQ(r.exit_code, 2) << c.args << ": " << r.out << r.err;
    EXPECT_NE(r.err.find("sfnsim: cannot write " + c.message), std::string::npos)
        << c.args << ": " << r.err;
  }
  // A history directory that cannot be made: the run cannot keep its promise.
  CliResult r = RunSfnsim("run --quiet " + scenario + " --history-dir /dev/full/x", dir);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("sfnsim: cannot write /dev/full/x (--history-dir): Not a directory"),
            std::string::npos)
      << r.err;
}

TEST(CliOutputTest, ScenarioNamesCannotPlaceOutputsOutsideTheHistoryDirectory) {
  ScratchDir dir;
  std::vector<std::string> scenarios;
  int i = 0;
  for (const std::string& name :
       {std::string("../../escape"), dir.Path("absolute"), std::string("a/b"), std::string(".."),
        std::string("\"\\e[31mred\"")}) {
    scenarios.push_back(dir.Write("s" + std::to_string(i++) + ".yaml", PassScenario(name)));
  }
  std::string all;
  for (const std::string& s : scenarios) all += " " + s;
  fs::create_directories(dir.Path("out/histories"));
  CliResult r = RunSfnsim("run --quiet" + all + " --seeds 1-2 --history-dir " +
                              dir.Path("out/histories") + " --log " + dir.Path("out/log.jsonl"),
                          dir);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  // Nothing outside out/: no "escape" above it, no "absolute" run directory, no "a" folder.
  EXPECT_FALSE(fs::exists(dir.Path("escape.seed1")));
  EXPECT_FALSE(fs::exists(fs::path(dir.Path("")).parent_path() / "escape.seed1"));
  EXPECT_FALSE(fs::exists(dir.Path("absolute.seed1")));
  std::vector<std::string> runs;
  for (const auto& entry : fs::directory_iterator(dir.Path("out/histories"))) {
    ASSERT_TRUE(entry.is_directory()) << entry.path();
    std::string name = entry.path().filename().string();
    EXPECT_EQ(name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                     "0123456789._-"),
              std::string::npos)
        << name;
    EXPECT_NE(name[0], '.') << name;
    EXPECT_FALSE(fs::is_empty(entry.path())) << name;  // the run's history is in it
    runs.push_back(name);
  }
  EXPECT_EQ(runs.size(), 10u);  // five scenarios, two seeds each: none overwrote another
  for (const auto& entry : fs::recursive_directory_iterator(dir.Path("out"))) {
    std::string relative = fs::relative(entry.path(), dir.Path("out")).string();
    EXPECT_FALSE(relative.starts_with("..")) << relative;
  }
  size_t logs = 0;
  for (const auto& entry : fs::directory_iterator(dir.Path("out"))) {
    logs += entry.path().filename().string().starts_with("log.") ? 1 : 0;
  }
  EXPECT_EQ(logs, 10u);
}

TEST(CliOutputTest, TwoScenariosOfOneNameKeepTheirOwnOutputs) {
  ScratchDir dir;
  fs::create_directories(dir.Path("a"));
  fs::create_directories(dir.Path("b"));
  // Two files called x.yaml (name: the file's stem) and a third that says name: x.
  std::string a = dir.Write("a/x.yaml", PassScenario("x"));
  std::string b = dir.Write("b/x.yaml", PassScenario("x").substr(8));  // no name: line
  std::string c = dir.Write("c.yaml", PassScenario("x"));
  CliResult r = RunSfnsim("run --quiet " + a + " " + b + " " + c + " --history-dir " +
                              dir.Path("h") + " --junit " + dir.Path("j.xml"),
                          dir);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const char* sub : {"h/x", "h/x-2", "h/x-3"}) {
    EXPECT_TRUE(fs::exists(dir.Path(std::string(sub) + "/m.run.json"))) << sub;
  }
  EXPECT_NE(r.err.find(b + ": another scenario given is also named \"x\": its outputs are named "
                           "\"x-2\""),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("\"x-3\""), std::string::npos) << r.err;
  // The same command names them the same way every time.
  CliResult again =
      RunSfnsim("run --quiet " + a + " " + b + " " + c + " --history-dir " + dir.Path("h2"), dir);
  EXPECT_EQ(again.err, r.err);
}

}  // namespace
