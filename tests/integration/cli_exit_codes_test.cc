// One exit-code rule for every command (README, "Exit codes"): 0 success; 1 the input was read
// and the verdict is negative (a definition that parses but is invalid, ...); 2 bad usage or
// input that cannot be read (missing, malformed JSON/YAML, an invalid scenario, a bad flag).
// Every command against the same five inputs: a good one, an invalid definition, a malformed
// file, a missing file and an unknown flag.

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "tests/integration/cli_test_util.h"

namespace {

using sfnsim_test::CliResult;
using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

constexpr const char* kGoodDefinition =
    R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})";
// Parses as JSON, but is no valid state machine.
constexpr const char* kInvalidDefinition = R"({"StartAt": "P", "States": {}})";
constexpr const char* kMalformedJson = "{\"StartAt\": \"P\",\n  \"States\": {\n";

// The inputs every command is tried with, written into one scratch directory.
struct Inputs {
  explicit Inputs(const ScratchDir& d) : dir(d) {
    good = dir.Write("good.asl.json", kGoodDefinition);
    invalid = dir.Write("invalid.asl.json", kInvalidDefinition);
    malformed = dir.Write("malformed.asl.json", kMalformedJson);
    missing = dir.Path("missing.asl.json");
    // Scenarios: one that passes, one whose (inline) definition is invalid, malformed YAML.
    good_scenario = dir.Write("good.yaml", R"(state_machines:
  - {name: m, definition: {StartAt: P, States: {P: {Type: Pass, End: true}}}}
start: {state_machine: m, input: {}}
expect: {status: SUCCEEDED}
)");
    invalid_scenario = dir.Write("invalid.yaml", R"(state_machines:
  - {name: m, definition: {StartAt: P, States: {}}}
start: {state_machine: m, input: {}}
)");
    malformed_scenario = dir.Write("malformed.yaml", "state_machines: [\n  {name: m\n");
    // balance needs buckets: three Pass "buckets" the start input lists.
    good_buckets = dir.Write("buckets.yaml", R"(state_machines:
  - name: m
    definition:
      StartAt: Each
      States:
        Each:
          Type: Map
          ItemsPath: $.buckets
          Iterator: {StartAt: P, States: {P: {Type: Pass, End: true}}}
          End: true
start:
  state_machine: m
  input: {buckets: [{id: a, predicate: "customer_id % 2 = 0"}, {id: b, predicate: "customer_id % 2 = 1"}]}
report: {bucket: /bucketId}
)");
    // A recorded history of the good definition (the replay's and calibrate's input).
    history = dir.Path("good.history.json");
    CliResult made = RunSfnsim("execute " + good + " --history " + history, dir);
    EXPECT_EQ(made.exit_code, 0) << made.err;
    // A template, verified by a scenario run, for deploy (--dry-run against a stand-in `aws`).
    template_path = dir.Write("template.yaml", R"(Resources:
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition:
        StartAt: P
        States: {P: {Type: Pass, End: true}}
)");
    invalid_template = dir.Write("invalid_template.yaml", R"(Resources:
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition:
        StartAt: P
        States: {}
)");
    malformed_template = dir.Write("malformed_template.yaml", "Resources:\n  Machine: [\n");
    std::string verifying = dir.Write("verify.yaml", R"(state_machines:
  - {name: m, definition_file: template.yaml, logical_id: Machine}
start: {state_machine: m, input: {}}
expect: {status: SUCCEEDED}
)");
    lock = dir.Path("sfnsim.lock.json");
    made = RunSfnsim("run --quiet " + verifying + " --lock " + lock, dir);
    EXPECT_EQ(made.exit_code, 0) << made.out << made.err;
    // `aws` that answers every call with success and no output, and a cfn-lint that finds
    // nothing.
    bin = dir.Path("bin");
    std::filesystem::create_directories(bin);
    for (const char* tool : {"aws", "cfn-lint"}) {
      std::string path = dir.Write(std::string("bin/") + tool, "#!/bin/sh\nexit 0\n");
      chmod(path.c_str(), 0755);
    }
  }

  const ScratchDir& dir;
  std::string good, invalid, malformed, missing;
  std::string good_scenario, invalid_scenario, malformed_scenario, good_buckets;
  std::string history;
  std::string template_path, invalid_template, malformed_template, lock, bin;
};

// One command: how to run it on each kind of input ("" : not applicable).
struct CommandCase {
  std::string name;
  std::function<std::string(const Inputs&)> good, invalid, malformed, missing;
};

std::vector<CommandCase> Commands() {
  auto on = [](std::string command, std::string Inputs::*file, std::string tail = "") {
    return [=](const Inputs& in) { return command + " " + in.*file + tail; };
  };
  auto deploy = [](std::string Inputs::*file) {
    return [=](const Inputs& in) {
      return "deploy " + in.*file + " --stack-name s --dry-run --lock " + in.lock;
    };
  };
  auto replay_with = [](std::string Inputs::*history, std::string Inputs::*definition) {
    return [=](const Inputs& in) {
      return "replay " + in.*history + " --definition " + in.*definition;
    };
  };
  return {
      {"validate", on("validate", &Inputs::good), on("validate", &Inputs::invalid),
       on("validate", &Inputs::malformed), on("validate", &Inputs::missing)},
      {"graph", on("graph", &Inputs::good), on("graph", &Inputs::invalid),
       on("graph", &Inputs::malformed), on("graph", &Inputs::missing)},
      {"execute", on("execute", &Inputs::good), on("execute", &Inputs::invalid),
       on("execute", &Inputs::malformed), on("execute", &Inputs::missing)},
      {"budget", on("budget", &Inputs::good), on("budget", &Inputs::invalid),
       on("budget", &Inputs::malformed), on("budget", &Inputs::missing)},
      {"lint", on("lint", &Inputs::good), on("lint", &Inputs::invalid),
       on("lint", &Inputs::malformed), on("lint", &Inputs::missing)},
      {"export", on("export", &Inputs::good, " --to sam"),
       on("export", &Inputs::invalid, " --to sam"), on("export", &Inputs::malformed, " --to sam"),
       on("export", &Inputs::missing, " --to sam")},
      {"replay", replay_with(&Inputs::history, &Inputs::good),
       replay_with(&Inputs::history, &Inputs::invalid),
       replay_with(&Inputs::malformed, &Inputs::good),
       replay_with(&Inputs::missing, &Inputs::good)},
      // A scenario whose definition is invalid is an invalid scenario: it cannot run (2).
      {"run", on("run", &Inputs::good_scenario), on("run", &Inputs::invalid_scenario),
       on("run", &Inputs::malformed_scenario), on("run", &Inputs::missing)},
      {"balance", on("balance", &Inputs::good_buckets), on("balance", &Inputs::invalid_scenario),
       on("balance", &Inputs::malformed_scenario), on("balance", &Inputs::missing)},
      // Deploy refuses a template whose state machine is not the verified one: 1.
      {"deploy", deploy(&Inputs::template_path), deploy(&Inputs::invalid_template),
       deploy(&Inputs::malformed_template), deploy(&Inputs::missing)},
      {"calibrate", on("calibrate", &Inputs::history), nullptr, on("calibrate", &Inputs::malformed),
       on("calibrate", &Inputs::missing)},
  };
}

class CliExitCodesTest : public testing::Test {
 protected:
  void SetUp() override {
    const char* path = std::getenv("PATH");
    saved_path_ = path != nullptr ? path : "";
  }
  void TearDown() override { setenv("PATH", saved_path_.c_str(), 1); }
  std::string saved_path_;
};

TEST_F(CliExitCodesTest, EveryCommandFollowsTheRule) {
  ScratchDir dir;
  Inputs inputs(dir);
  // deploy finds the stand-in `aws` (and no cfn-lint) first.
  setenv("PATH", (inputs.bin + ":" + saved_path_).c_str(), 1);
  for (const CommandCase& c : Commands()) {
    SCOPED_TRACE(c.name);
    struct Row {
      const char* input;
      const std::function<std::string(const Inputs&)>& args;
      int expected;
    };
    const int invalid_expected = c.name == "run" || c.name == "balance" ? 2 : 1;
    for (const Row& row :
         {Row{"good", c.good, 0}, Row{"invalid definition", c.invalid, invalid_expected},
          Row{"malformed", c.malformed, 2}, Row{"missing", c.missing, 2}}) {
      if (!row.args) continue;
      std::string args = row.args(inputs);
      CliResult r = RunSfnsim(args + " < /dev/null", dir);
      EXPECT_EQ(r.exit_code, row.expected)
          << c.name << " / " << row.input << ": sfnsim " << args << "\n"
          << r.out << r.err;
      // Why, naming the file (validate reports on stdout, the others on stderr): every input
      // file's name starts with the word for its kind.
      std::string word = std::string(row.input).substr(0, std::string(row.input).find(' '));
      if (row.expected != 0) {
        EXPECT_NE((r.out + r.err).find(word), std::string::npos)
            << c.name << " / " << row.input << ": " << r.out << r.err;
      }
    }
    // Bad usage: an unknown flag, and a known flag with no value.
    CliResult r = RunSfnsim(c.good(inputs) + " --no-such-flag", dir);
    EXPECT_EQ(r.exit_code, 2) << c.name << ": " << r.out << r.err;
    EXPECT_NE(r.err.find("--no-such-flag"), std::string::npos) << c.name << ": " << r.err;
    r = RunSfnsim(c.name + " --help", dir);
    EXPECT_EQ(r.exit_code, 0) << c.name;
    EXPECT_NE(r.out.find("Exit"), std::string::npos) << c.name << ": --help names its exit codes";
  }
}

// The message of a malformed file names the file and the line, whichever command reads it.
TEST_F(CliExitCodesTest, MalformedFilesAreLocated) {
  ScratchDir dir;
  std::string malformed = dir.Write("malformed.asl.json", kMalformedJson);
  for (const char* command : {"validate", "graph", "execute", "budget", "lint"}) {
    CliResult r = RunSfnsim(std::string(command) + " " + malformed, dir);
    EXPECT_EQ(r.exit_code, 2) << command;
    EXPECT_NE((r.out + r.err).find(malformed + ":3:"), std::string::npos)
        << command << ": " << r.out << r.err;
  }
}

// A file that parses but holds no definition (an array, a key given twice, more than AWS's
// 1,048,576 characters) is an invalid definition, like AWS's InvalidDefinition: exit 1 from every
// command that reads a definition, with the file and line named.
TEST_F(CliExitCodesTest, ADocumentThatIsNoDefinitionIsAnInvalidDefinition) {
  ScratchDir dir;
  std::string array = dir.Write("array.json", "[1, 2]\n");
  std::string duplicate = dir.Write(
      "duplicate.json",
      "{\"StartAt\": \"A\",\n \"StartAt\": \"B\",\n \"States\": {\"A\": {\"Type\": \"Succeed\"}}}\n");
  std::string big = dir.Write("big.json", R"({"StartAt": "A", "States": {"A": {"Type": "Succeed", )"
                                              R"("Comment": ")" +
                                              std::string(1'048'576, 'c') + "\"}}}\n");
  const std::pair<std::string, std::string> kFiles[] = {
      {array, array + ":1: the definition is an array; it must be a JSON object"},
      {duplicate, duplicate + ":2:2: /StartAt: duplicate key \"StartAt\" (first at line 1)"},
      {big, big + ":1: the definition is 1,048,646 characters long; AWS accepts at most "
                  "1,048,576"},
  };
  for (const char* command : {"validate", "graph", "execute", "budget", "lint", "export"}) {
    for (const auto& [file, message] : kFiles) {
      std::string args = std::string(command) + " " + file;
      if (std::string(command) == "export") args += " --to sam";
      CliResult r = RunSfnsim(args, dir);
      EXPECT_EQ(r.exit_code, 1) << args << "\n" << r.out << r.err;
      EXPECT_NE((r.out + r.err).find(message), std::string::npos) << args << "\n" << r.out << r.err;
    }
  }
}

}  // namespace
