// platform::RenderDotAsSvg: Graphviz's dot run without a shell, under a time limit, its failures
// told apart. The command's messages are tested through the binary in
// tests/integration/cli_graph_svg_test.cc.

#include "platform/graphviz/render_svg.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "platform/process/run_process.h"

namespace platform {
namespace {

class RenderSvgTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sfnsim_render_svg_" + std::to_string(getpid()) + "_" +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string FakeDot(const std::string& body) {
    std::string path = (dir_ / "dot").string();
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    chmod(path.c_str(), 0755);
    return path;
  }

  std::filesystem::path dir_;
};

TEST_F(RenderSvgTest, DrawsWithGraphviz) {
  if (!FindOnPath("dot")) GTEST_SKIP() << "Graphviz's dot is not on PATH";
  SvgRendering r = RenderDotAsSvg("digraph g { a -> \"b & c\" }");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_NE(r.svg.find("<svg"), std::string::npos);
  EXPECT_NE(r.svg.find("b &amp; c"), std::string::npos) << r.svg;
}

TEST_F(RenderSvgTest, NoProgramIsToldApartFromAFailure) {
  SvgRenderOptions options;
  options.program = "sfnsim-no-such-dot";
  SvgRendering r = RenderDotAsSvg("digraph g {}", options);
  EXPECT_EQ(r.status, SvgRendering::Status::kNoProgram);
  EXPECT_EQ(r.error, "`sfnsim-no-such-dot` is not on PATH");

  options.program = (dir_ / "missing" / "dot").string();
  r = RenderDotAsSvg("digraph g {}", options);
  EXPECT_EQ(r.status, SvgRendering::Status::kNoProgram);
  EXPECT_EQ(r.error, options.program + " is not an executable file");
}

TEST_F(RenderSvgTest, PassesTheDotOnStdinAndTheFormatAsAnArgument) {
  // The fake echoes its arguments and its input inside an <svg>, so both are visible.
  SvgRenderOptions options;
  options.program = FakeDot("printf '<svg>%s|' \"$*\"; cat; printf '</svg>'");
  SvgRendering r = RenderDotAsSvg("digraph 'quoted' $HOME {}", options);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.svg, "<svg>-Tsvg|digraph 'quoted' $HOME {}</svg>");
}

TEST_F(RenderSvgTest, AHungDotIsKilledAtTheLimit) {
  SvgRenderOptions options;
  options.program = FakeDot("exec sleep 30");
  options.timeout_ms = 200;
  auto start = std::chrono::steady_clock::now();
  SvgRendering r = RenderDotAsSvg("digraph g {}", options);
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.status, SvgRendering::Status::kFailed);
  EXPECT_EQ(r.error, options.program + " -Tsvg did not finish in 0.2 s");
  EXPECT_LT(took, std::chrono::seconds(10));
}

TEST_F(RenderSvgTest, TooMuchOutputEndsIt) {
  SvgRenderOptions options;
  options.program = FakeDot("printf '<svg>'; exec yes");
  options.max_output_bytes = 1 << 16;
  SvgRendering r = RenderDotAsSvg("digraph g {}", options);
  EXPECT_EQ(r.status, SvgRendering::Status::kFailed);
  EXPECT_EQ(r.error, options.program + " -Tsvg wrote more than 65536 bytes");
}

}  // namespace
}  // namespace platform
