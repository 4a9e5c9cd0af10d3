// sfnsim graph --format svg through the built binary: Graphviz's `dot -Tsvg` draws the graph when
// it is on PATH; without it, or when it fails, a message says why and the DOT follows (exit 2).
// --format dot, the default, is unchanged.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "platform/process/run_process.h"
#include "tests/integration/cli_test_util.h"

namespace {

using sfnsim_test::CliResult;
using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

// State names that SVG must escape (XML's & and <), in a Parallel branch (a cluster).
constexpr const char* kGraphSvgDefinition = R"({
  "StartAt": "Fetch & Send",
  "States": {
    "Fetch & Send": {"Type": "Pass", "Next": "Both"},
    "Both": {"Type": "Parallel", "Next": "<Done>", "Branches": [
      {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
      {"StartAt": "Right", "States": {"Right": {"Type": "Wait", "Seconds": 1, "End": true}}}]},
    "<Done>": {"Type": "Succeed"}}})";

// CI installs Graphviz (tools/install-deps.sh) and sets SFNSIM_REQUIRE_BROWSER=1, which makes the
// optional tools of the browser and drawing tests required.
bool GraphvizRequired() {
  const char* require = std::getenv("SFNSIM_REQUIRE_BROWSER");
  return require != nullptr && std::string(require) == "1";
}

// `sfnsim ARGS` with PATH set to `path` alone (the binary is run by its full path).
CliResult RunSfnsimWithPath(const std::string& path, const std::string& args,
                            const ScratchDir& dir) {
  const std::string err_file = dir.Path("stderr.txt");
  const std::string command =
      "PATH='" + path + "' " + SFNSIM_BINARY + " " + args + " 2>" + err_file;
  CliResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    result.out.append(buffer.data(), n);
  }
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = ScratchDir::Read(err_file);
  return result;
}

// A `dot` of our own in DIR/bin; returns that folder.
std::string WriteFakeDot(const ScratchDir& dir, const std::string& body) {
  std::filesystem::create_directories(dir.Path("bin"));
  std::string path = dir.Write("bin/dot", "#!/bin/sh\n" + body + "\n");
  chmod(path.c_str(), 0755);
  return dir.Path("bin");
}

TEST(CliGraphSvgTest, GraphvizDrawsEveryState) {
  if (!platform::FindOnPath("dot")) {
    if (GraphvizRequired()) FAIL() << "SFNSIM_REQUIRE_BROWSER=1 but Graphviz's dot is not on PATH";
    GTEST_SKIP() << "Graphviz's dot is not on PATH (Debian package graphviz)";
  }
  ScratchDir dir;
  std::string file = dir.Write("sm.asl.json", kGraphSvgDefinition);
  CliResult r = RunSfnsim("graph --format svg " + file, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out.rfind("<?xml", 0), 0u) << r.out.substr(0, 200);
  EXPECT_NE(r.out.find("<svg"), std::string::npos);
  EXPECT_EQ(r.out.substr(r.out.size() - 7), "</svg>\n");
  for (const char* name : {"Fetch &amp; Send", "&lt;Done&gt;", "Left", "Right", "Both"}) {
    EXPECT_NE(r.out.find(name), std::string::npos) << name << " is not in\n" << r.out;
  }
  EXPECT_EQ(r.out.find("digraph"), std::string::npos) << "DOT text in the SVG";

  // -o writes the same drawing to the file and nothing to stdout.
  CliResult to_file = RunSfnsim("graph " + file + " --format svg -o " + dir.Path("g.svg"), dir);
  ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
  EXPECT_EQ(to_file.out, "");
  EXPECT_EQ(ScratchDir::Read(dir.Path("g.svg")), r.out);
}

TEST(CliGraphSvgTest, DotStaysTheDefault) {
  ScratchDir dir;
  std::string file = dir.Write("sm.asl.json", kGraphSvgDefinition);
  CliResult plain = RunSfnsim("graph " + file, dir);
  CliResult dot = RunSfnsim("graph --format dot " + file, dir);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  ASSERT_EQ(dot.exit_code, 0) << dot.err;
  EXPECT_EQ(plain.out, dot.out);
  EXPECT_EQ(plain.out.rfind("digraph", 0), 0u) << plain.out;

  CliResult png = RunSfnsim("graph --format png " + file, dir);
  EXPECT_EQ(png.exit_code, 2);
  EXPECT_NE(png.err.find("--format"), std::string::npos) << png.err;
}

TEST(CliGraphSvgTest, WithoutGraphvizSaysSoAndPrintsTheDot) {
  ScratchDir dir;
  std::string file = dir.Write("sm.asl.json", kGraphSvgDefinition);
  std::string expected_dot = RunSfnsim("graph " + file, dir).out;
  ASSERT_EQ(expected_dot.rfind("digraph", 0), 0u) << expected_dot;
  std::filesystem::create_directories(dir.Path("empty-bin"));

  CliResult r = RunSfnsimWithPath(dir.Path("empty-bin"), "graph --format svg " + file, dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "sfnsim graph: --format svg needs Graphviz's `dot` (Debian package graphviz), and "
            "`dot` is not on PATH.\n"
            "The DOT follows on standard output; draw it with `dot -Tsvg`, or use --format dot.\n");
  EXPECT_EQ(r.out, expected_dot);

  // -o names an SVG file: it is not written with DOT in it; the DOT still goes to stdout.
  r = RunSfnsimWithPath(dir.Path("empty-bin"),
                        "graph --format svg " + file + " -o " + dir.Path("g.svg"), dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(dir.Path("g.svg") + " was not written. The DOT follows on standard output"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out, expected_dot);
  EXPECT_FALSE(std::filesystem::exists(dir.Path("g.svg")));
}

// A `dot` that fails, or succeeds without drawing, is reported with what it said; the DOT
// follows as when there is none.
TEST(CliGraphSvgTest, AFailingDotIsReported) {
  ScratchDir dir;
  std::string file = dir.Write("sm.asl.json", kGraphSvgDefinition);
  std::string expected_dot = RunSfnsim("graph " + file, dir).out;
  struct Case {
    std::string script;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"/bin/cat >/dev/null; echo 'Error: <stdin>: syntax error in line 1' >&2; exit 3",
            " -Tsvg exited with status 3: Error: <stdin>: syntax error in line 1."},
           {"/bin/cat >/dev/null; echo 'not a drawing'", " -Tsvg exited 0 but wrote no SVG."},
           {"kill -9 $$", " -Tsvg was ended by signal 9."}}) {
    std::string bin = WriteFakeDot(dir, c.script);
    CliResult r = RunSfnsimWithPath(bin, "graph --format svg " + file, dir);
    EXPECT_EQ(r.exit_code, 2) << c.script;
    EXPECT_NE(r.err.find("sfnsim graph: --format svg: Graphviz could not draw the graph: " +
                         bin + "/dot" + c.message),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("The DOT follows on standard output"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, expected_dot) << c.script;
  }
}

}  // namespace
