// Flags that can be given more than once take one value each time, wherever they stand: `-s
// NAME=VALUE FILE` used to hand FILE to -s ("no FILE given"). Every command that reads a
// definition, with -s before the file, after it, and repeated.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "asl/base/json.h"
#include "tests/integration/cli_test_util.h"

namespace {

using sfnsim_test::CliResult;
using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

// ${A} and ${C} are DefinitionSubstitutions placeholders; the Pass state outputs their values.
constexpr const char* kPlaceholders =
    R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"a": "${A}", "c": "${C}"},
        "End": true}}})";

TEST(CliDefinitionFlagsTest, SubstitutionsBeforeAfterAndAroundTheFile) {
  ScratchDir dir;
  std::string file = dir.Write("sub.asl.json", kPlaceholders);
  for (const std::string command : {"validate", "graph", "execute", "budget", "lint", "export"}) {
    const std::string tail = command == "export" ? " --to sam" : "";
    for (const std::string& args :
         {command + " -s A=1 -s C=2 " + file + tail, command + " " + file + " -s A=1 -s C=2" + tail,
          command + " -s A=1 " + file + " -s C=2" + tail,
          command + " --substitution A=1 " + file + " --substitution=C=2" + tail}) {
      CliResult r = RunSfnsim(args, dir);
      EXPECT_EQ(r.exit_code, 0) << args << ": " << r.out << r.err;
      EXPECT_EQ(r.err.find("no FILE given"), std::string::npos) << args;
      if (command == "execute") {
        EXPECT_EQ(asl::Json::parse(r.out)["output"], R"({"a":"1","c":"2"})") << args;
      }
      if (command == "export") {
        asl::Json exported = asl::Json::parse(r.out);
        EXPECT_EQ(exported["Parameters"]["A"]["Default"], "1") << args;
        EXPECT_EQ(exported["Parameters"]["C"]["Default"], "2") << args;
      }
    }
  }
  // replay --definition, with its HISTORY positional around the flags.
  std::string history = dir.Path("h.json");
  ASSERT_EQ(RunSfnsim("execute -s A=1 -s C=2 " + file + " --history " + history, dir).exit_code, 0);
  CliResult r = RunSfnsim("replay -s A=1 " + history + " -s C=2 --definition " + file, dir);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("identical"), std::string::npos) << r.out;
}

TEST(CliDefinitionFlagsTest, OtherRepeatableFlagsTakeOneValueEach) {
  ScratchDir dir;
  std::string file = dir.Write("sub.asl.json", kPlaceholders);
  std::string input = dir.Write("in.json", "{}");
  // budget --input FILE --map-items N DEFINITION: the definition stays the positional.
  CliResult r = RunSfnsim(
      "budget --map-items 3 --input " + input + " -s A=1 " + file + " --check --format json", dir);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(asl::Json::parse(r.out)["check"]["runs"].size(), 1u) << r.out;
  r = RunSfnsim("lint --map-items 3 " + file, dir);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

}  // namespace
