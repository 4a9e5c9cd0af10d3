// What a scenario or world file can do on this machine (docs/security.md), through the sfnsim
// binary: paths confined to the file's folder unless --allow-outside says otherwise, commands
// only with --allow-commands (the array form without a shell's expansion), the scenario's SQL
// held to reading, and deploy's values never taken for AWS CLI options.

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "tests/integration/cli_test_util.h"

namespace {

namespace fs = std::filesystem;
using sfnsim_test::CliResult;
using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

constexpr const char* kPass = R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})";

// A scratch tree: project/scenarios/ holds the scenario, project/shared/ a definition beside it.
struct Tree {
  explicit Tree(const ScratchDir& d) : dir(d) {
    fs::create_directories(dir.Path("project/scenarios"));
    fs::create_directories(dir.Path("project/shared"));
    shared = dir.Write("project/shared/sm.asl.json", kPass);
    secret = dir.Write("secret.json", R"({"password": "hunter2"})");
  }
  std::string Scenario(const std::string& body) const {
    return dir.Write("project/scenarios/s.yaml", body + R"(
expect: {status: SUCCEEDED}
)");
  }
  const ScratchDir& dir;
  std::string shared, secret;
};

TEST(CliSecurityTest, PathsOutsideTheScenarioFolderNeedAllowOutside) {
  ScratchDir dir;
  Tree tree(dir);
  std::string scenario = tree.Scenario(R"(state_machines:
  - {name: m, definition_file: ../shared/sm.asl.json}
start: {state_machine: m, input_file: ../../secret.json})");
  CliResult r = RunSfnsim("run --quiet " + scenario, dir);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  // Located, naming the field, the resolved path and the flag; the secret is never read.
  EXPECT_NE(r.err.find(scenario + ":2: /state_machines/0/definition_file: " +
                       fs::weakly_canonical(tree.shared).string() + " is outside " +
                       fs::weakly_canonical(dir.Path("project/scenarios")).string()),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("allow it with --allow-outside " +
                       fs::weakly_canonical(dir.Path("project/shared")).string()),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(scenario + ":3: /start/input_file: "), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("hunter2"), std::string::npos) << r.err;

  // Allowing one folder is not allowing the other.
  r = RunSfnsim("run --quiet --allow-outside " + dir.Path("project/shared") + " " + scenario, dir);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(r.err.find("definition_file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/start/input_file"), std::string::npos) << r.err;
  r = RunSfnsim("run --quiet --allow-outside " + dir.Path("project/shared") + " --allow-outside " +
                    tree.secret + " " + scenario,
                dir);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  // A folder above both allows both.
  r = RunSfnsim("run --quiet --allow-outside " + dir.Path("") + " " + scenario, dir);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(CliSecurityTest, AbsolutePathsAndSymlinksAreResolvedFirst) {
  ScratchDir dir;
  Tree tree(dir);
  fs::create_symlink(tree.shared, dir.Path("project/scenarios/link.asl.json"));
  fs::create_directory_symlink(dir.Path("project/shared"), dir.Path("project/scenarios/linked"));
  for (const std::string& file : {std::string("link.asl.json"), std::string("linked/sm.asl.json"),
                                  tree.shared, std::string("/etc/hostname")}) {
    std::string scenario = tree.Scenario("state_machines:\n  - {name: m, definition_file: " + file +
                                         "}\nstart: {state_machine: m, input: {}}");
    CliResult r = RunSfnsim("run --quiet " + scenario, dir);
    EXPECT_EQ(r.exit_code, 2) << file << ": " << r.out << r.err;
    EXPECT_NE(r.err.find("/state_machines/0/definition_file: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--allow-outside"), std::string::npos) << r.err;
  }
}

TEST(CliSecurityTest, EveryPathTakingFieldIsConfined) {
  ScratchDir dir;
  Tree tree(dir);
  dir.Write("project/shared/t.csv", "id\n1\n");
  dir.Write("project/shared/h.json", R"({"events": []})");
  std::string template_path =
      dir.Write("project/scenarios/t.yaml", R"(Transform: AWS::Serverless-2016-10-31
Resources:
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: ../shared/sm.asl.json
)");
  struct Field {
    std::string body;
    std::string pointer;
  };
  const std::string pass =
      "state_machines:\n  - {name: m, definition: " + std::string(kPass) + "}\n";
  const std::vector<Field> fields = {
      {"state_machines:\n  - {name: m, definition_file: ../shared/sm.asl.json}\n"
       "start: {state_machine: m, input: {}}",
       "/state_machines/0/definition_file"},
      {"state_machines:\n  - {name: m, definition_file: t.yaml, logical_id: Machine}\n"
       "start: {state_machine: m, input: {}}",
       "/state_machines/0/definition_file"},  // the template's DefinitionUri, named there
      {pass + "start: {state_machine: m, input_file: ../shared/h.json}", "/start/input_file"},
      {pass + "start: {state_machine: m, input: {}, replay: ../shared/h.json}", "/start/replay"},
      {pass + "athena: {databases: [d], tables: [{database: d, name: t, csv: ../shared/t.csv}]}\n"
              "start: {state_machine: m, input: {}}",
       "/athena/tables/0/csv"},
      {pass + "lambda: {functions: [{name: f, command: [cat], working_directory: ../shared}]}\n"
              "start: {state_machine: m, input: {}}",
       "/lambda/functions/0/working_directory"},
  };
  for (const Field& field : fields) {
    std::string scenario = tree.Scenario(field.body);
    CliResult r = RunSfnsim("run --quiet --allow-commands " + scenario, dir);
    EXPECT_EQ(r.exit_code, 2) << field.pointer << ": " << r.out << r.err;
    EXPECT_NE(r.err.find(field.pointer + ": "), std::string::npos)
        << field.pointer << ": " << r.err;
    EXPECT_NE(r.err.find("--allow-outside"), std::string::npos) << r.err;
  }
  std::string scenario = tree.Scenario(fields[1].body);
  CliResult r = RunSfnsim("run --quiet " + scenario, dir);
  EXPECT_NE(r.err.find("DefinitionUri \"../shared/sm.asl.json\": "), std::string::npos) << r.err;
  // The same policy for --world of execute and replay, and --scenario of export.
  std::string world = dir.Write("project/scenarios/w.yaml",
                                "state_machines:\n  - {name: c, definition_file: "
                                "../shared/sm.asl.json}\n");
  std::string definition = dir.Write("project/scenarios/sm.asl.json", kPass);
  r = RunSfnsim("execute " + definition + " --world " + world, dir);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("/state_machines/0/definition_file: "), std::string::npos) << r.err;
  r = RunSfnsim(
      "execute " + definition + " --world " + world + " --allow-outside " + dir.Path("project"),
      dir);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(CliSecurityTest, CommandsRunOnlyWithAllowCommands) {
  ScratchDir dir;
  // A function whose handler is a command; the Task's output is what it prints.
  std::string world = dir.Write("w.yaml", R"(lambda:
  functions:
    - {name: shell, command: "printf '{\"home\": \"%s\"}' \"$HOME\""}
    - {name: vector, command: [printf, '{"home": "$HOME;`id`"}']}
)");
  auto definition = [&](const std::string& function) {
    return dir.Write(function + ".asl.json",
                     R"({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": )"
                     R"("arn:aws:lambda:us-east-1:123456789012:function:)" +
                         function + R"(", "End": true}}})");
  };
  CliResult r = RunSfnsim("execute " + definition("shell") + " --world " + world, dir);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(world + ":3: /lambda/functions/0/command: runs a command"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("only with --allow-commands"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/lambda/functions/1/command: runs a command"), std::string::npos) << r.err;

  // Allowed: the string runs through /bin/sh -c (it expands $HOME) ...
  r = RunSfnsim("execute " + definition("shell") + " --world " + world + " --allow-commands", dir);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const char* home = std::getenv("HOME");
  asl::Json output = asl::Json::parse(asl::Json::parse(r.out)["output"].get<std::string>());
  EXPECT_EQ(output["home"], home != nullptr ? home : "");
  // ... the vector runs as itself: nothing in it is expanded or executed.
  r = RunSfnsim("execute " + definition("vector") + " --world " + world + " --allow-commands", dir);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  output = asl::Json::parse(asl::Json::parse(r.out)["output"].get<std::string>());
  EXPECT_EQ(output["home"], "$HOME;`id`");
}

TEST(CliSecurityTest, TheScenarioQueryOnlyReads) {
  ScratchDir dir;
  dir.Write("t.csv", "id\n1\n");
  const std::string attached = dir.Path("attached.db");
  for (const std::string& query :
       {"ATTACH DATABASE '" + attached + "' AS x", "VACUUM INTO '" + attached + "'",
        std::string("PRAGMA writable_schema = 1"), std::string("DELETE FROM d.t")}) {
    std::string scenario = dir.Write("s.yaml", R"(state_machines:
  - {name: m, definition: {StartAt: P, States: {P: {Type: Pass, End: true}}}}
sns: {topics: [{name: topic}]}
athena: {databases: [d], tables: [{database: d, name: t, csv: t.csv}]}
start: {state_machine: m, input: {}}
expect:
  published_once: {topic: topic, key: id, query: ")" +
                                                   query + R"("}
)");
    CliResult r = RunSfnsim("run --quiet " + scenario, dir);
    EXPECT_EQ(r.exit_code, 1) << query << ": " << r.out << r.err;
    EXPECT_NE(r.out.find("not authorized: only a query that reads the tables"), std::string::npos)
        << query << ": " << r.out;
    EXPECT_FALSE(fs::exists(attached)) << query;
  }
}

// deploy's values ride as --name=value (and parameter keys are names), so a value that starts
// with "-" stays a value: a stand-in `aws` records the argument vector it was given.
TEST(CliSecurityTest, DeployValuesNeverBecomeAwsCliOptions) {
  ScratchDir dir;
  const char* saved = std::getenv("PATH");
  const std::string path = saved != nullptr ? saved : "";
  std::string template_path = dir.Write("template.yaml", R"(Parameters:
  Level: {Type: String, Default: x}
Resources:
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition:
        StartAt: P
        States: {P: {Type: Pass, End: true}}
)");
  fs::create_directories(dir.Path("bin"));
  const std::string log = dir.Path("aws.argv");
  for (const char* tool : {"aws", "cfn-lint"}) {
    std::string script = std::string("#!/bin/sh\n") +
                         (std::string(tool) == "aws"
                              ? "for a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + log + "'; done\n"
                              : "") +
                         "exit 0\n";
    chmod(dir.Write(std::string("bin/") + tool, script).c_str(), 0755);
  }
  setenv("PATH", (dir.Path("bin") + ":" + path).c_str(), 1);
  CliResult r =
      RunSfnsim("deploy " + template_path + " --force --dry-run --lock " + dir.Path("lock.json") +
                    " --stack-name=-evil --region=--debug "
                    "--endpoint-url=--profile=x --parameters=Level=--no-verify-ssl",
                dir);
  setenv("PATH", path.c_str(), 1);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::string argv = ScratchDir::Read(log);
  for (const char* expected :
       {"--endpoint-url=--profile=x\n", "--region=--debug\n", "--stack-name=-evil\n",
        "--parameter-overrides\nLevel=--no-verify-ssl\n"}) {
    EXPECT_NE(argv.find(expected), std::string::npos) << expected << "\n" << argv;
  }
  for (const char* loose : {"\n-evil\n", "\n--debug\n", "\n--profile=x\n", "\n--no-verify-ssl\n"}) {
    EXPECT_EQ(("\n" + argv).find(loose), std::string::npos) << loose << "\n" << argv;
  }
  EXPECT_EQ(argv.find("--template-file="), argv.find("--template-file=/"));
  // A parameter key that is not a name is refused before anything runs.
  r = RunSfnsim("deploy " + template_path + " --force --dry-run --stack-name s --lock " +
                    dir.Path("lock.json") + " --parameters=-x=1",
                dir);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("--parameters \"-x=1\": expected KEY=VALUE"), std::string::npos) << r.err;
}

}  // namespace
