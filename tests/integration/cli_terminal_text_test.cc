// Text from input files reaches the terminal with its control characters made visible: a cause,
// an error name or a state name with an escape sequence cannot clear the screen, retitle the
// window or recolour what follows. JSON output keeps JSON's escapes (\u001b), with DEL and the
// C1 controls escaped too.

#include <gtest/gtest.h>

#include <string>

#include "asl/base/json.h"
#include "tests/integration/cli_test_util.h"

namespace {

using sfnsim_test::CliResult;
using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

// ESC ] 0 ; title BEL (retitle), ESC [ 2 J (clear), U+009B (CSI in C1 form), DEL.
constexpr const char* kHostileFail =
    R"({"StartAt": "F", "States": {"F": {"Type": "Fail",
        "Error": "E\u001b]0;title\u0007", "Cause": "\u001b[2J\u009b31m\u007f"}}})";

// True when `text` holds a byte a terminal acts on: C0 controls but newline and tab, DEL, and
// the UTF-8 form of a C1 control.
bool HasRawControl(const std::string& text) {
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      return true;
    }
  }
  return false;
}

TEST(CliTerminalTextTest, ControlCharactersInCausesAndNamesAreEscaped) {
  ScratchDir dir;
  std::string definition = dir.Write("hostile.asl.json", kHostileFail);
  // JSON (execute): still JSON, the same value, nothing raw.
  CliResult r = RunSfnsim("execute " + definition, dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(HasRawControl(r.out)) << r.out;
  asl::Json described = asl::Json::parse(r.out);
  EXPECT_EQ(described["cause"],
            "\x1b[2J\xc2\x9b"
            "31m\x7f");
  EXPECT_NE(r.out.find(R"("cause": "\u001b[2J\u009b31m\u007f")"), std::string::npos) << r.out;

  // Text (run's summary): visible escapes.
  std::string scenario = dir.Write("hostile.yaml", R"(state_machines:
  - {name: m, definition_file: hostile.asl.json}
start: {state_machine: m, input: {}}
expect: {status: SUCCEEDED}
)");
  r = RunSfnsim("run --quiet " + scenario, dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(HasRawControl(r.out)) << r.out;
  EXPECT_NE(r.out.find(R"(E\x1b]0;title\x07: \x1b[2J\u009b31m\x7f)"), std::string::npos) << r.out;

  // Diagnostics naming a state (validate on stdout, lint on stderr).
  std::string named = dir.Write(
      "named.asl.json", R"({"StartAt": "\u001b[31mX", "States": {"F": {"Type": "Succeed"}}})");
  for (const char* command : {"validate", "lint", "graph"}) {
    r = RunSfnsim(std::string(command) + " " + named, dir);
    EXPECT_EQ(r.exit_code, 1) << command;
    EXPECT_FALSE(HasRawControl(r.out + r.err)) << command << ": " << r.out << r.err;
    EXPECT_NE((r.out + r.err).find(R"("\x1b[31mX")"), std::string::npos)
        << command << ": " << r.out << r.err;
  }
  // validate --format json: JSON escapes.
  r = RunSfnsim("validate --format json " + named, dir);
  EXPECT_FALSE(HasRawControl(r.out)) << r.out;
  EXPECT_TRUE(asl::Json::accept(r.out)) << r.out;
}

TEST(CliTerminalTextTest, AFileNameWithControlCharactersIsEscapedToo) {
  ScratchDir dir;
  std::string name = dir.Path("a\x1b[31mb.json");
  CliResult r = RunSfnsim("validate '" + name + "'", dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(HasRawControl(r.out + r.err)) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find(R"(a\x1b[31mb.json)"), std::string::npos) << r.out << r.err;
}

}  // namespace
