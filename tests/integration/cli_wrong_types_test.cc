// A scenario or world field of the wrong type, through the binary (issue 16, defect 1): exit 2,
// and the message names the file, the line, the field's JSON pointer and the type expected.
// (The bad-input catalogue runs ~30 such variants, checking the pointer; these check the whole
// message, for each reader.)

#include <gtest/gtest.h>

#include <string>

#include "tests/integration/cli_test_util.h"

namespace {

using sfnsim_test::CliResult;
using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

constexpr const char* kWrongTypesDefinition =
    R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}})";

std::string Scenario(const std::string& machine_fields) {
  return "name: s\n"
         "state_machines:\n"
         "  - name: m\n" +
         machine_fields +
         "start:\n"
         "  state_machine: m\n"
         "  input: {}\n"
         "expect:\n"
         "  status: SUCCEEDED\n";
}

TEST(CliWrongTypes, ScenarioFieldsNameFilePointerAndExpectedType) {
  ScratchDir dir;
  dir.Write("sm.json", kWrongTypesDefinition);
  struct Case {
    std::string machine_fields;  // lines 4.. of the scenario
    std::string message;
  };
  const Case kCases[] = {
      {"    definition_file: 5\n",
       "s.yaml:4: /state_machines/0/definition_file: expected a string, got a number"},
      {"    definition_file: null\n",
       "s.yaml:4: /state_machines/0/definition_file: expected a string, got null"},
      {"    definition_file: sm.json\n    substitutions: [a]\n",
       "s.yaml:5: /state_machines/0/substitutions: expected an object of name: value, got an "
       "array"},
      {"    definition_file: sm.json\n    type: [STANDARD]\n",
       "s.yaml:5: /state_machines/0/type: expected a string, got an array"},
  };
  for (const Case& c : kCases) {
    std::string scenario = dir.Write("s.yaml", Scenario(c.machine_fields));
    CliResult r = RunSfnsim("run " + scenario, dir);
    EXPECT_EQ(r.exit_code, 2) << c.machine_fields << r.out << r.err;
    EXPECT_NE(r.err.find(scenario.substr(0, scenario.size() - 6) + c.message), std::string::npos)
        << c.machine_fields << "\n" << r.err;
  }
}

TEST(CliWrongTypes, WorldFieldsNameFilePointerAndExpectedType) {
  ScratchDir dir;
  std::string definition = dir.Write("sm.json", kWrongTypesDefinition);
  struct Case {
    std::string world;
    std::string message;
  };
  const Case kCases[] = {
      {"seed: seven\n", "w.yaml:1: /seed: expected a non-negative integer"},
      {"state_machines:\n  - name: m\n    definition_file: 5\n",
       "w.yaml:3: /state_machines/0/definition_file: expected a string, got a number"},
      {"sns:\n  topics:\n    - name: [t]\n", "w.yaml:3: /sns/topics/0/name: expected a string, "
                                                "got an array"},
  };
  for (const Case& c : kCases) {
    std::string world = dir.Write("w.yaml", c.world);
    CliResult r = RunSfnsim("execute " + definition + " --world " + world, dir);
    EXPECT_EQ(r.exit_code, 2) << c.world << r.out << r.err;
    EXPECT_NE(r.err.find(dir.Path(c.message)), std::string::npos) << c.world << "\n" << r.err;
  }
}

}  // namespace
