// Replays the intrinsic calls of the executions recorded on AWS
// (tests/data/conformance/aws-recorded/intrinsic_*.json and fail_state_intrinsic_paths.json): each
// call, evaluated on the recorded input, must give the recorded value, serialised identically.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/asl/intrinsics_test_util.h"
#include "tests/testutil/json_file.h"

namespace asl {
namespace {

namespace fs = std::filesystem;

// The recordings are vendored in tests/data/conformance.
fs::path IntrinsicsRecordedDirectory() {
  fs::path dir = fs::path(SFNSIM_SHARED_DIR) / "conformance" / "aws-recorded";
  return fs::is_directory(dir) ? dir : fs::path();
}

TEST(IntrinsicRecordedTest, PassStateResultsOfEveryRecordedIntrinsic) {
  const fs::path dir = IntrinsicsRecordedDirectory();
  ASSERT_FALSE(dir.empty()) << "conformance/aws-recorded not found in " << SFNSIM_SHARED_DIR;
  int replayed = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("intrinsic_")) continue;
    SCOPED_TRACE(name);
    const Json recording = sfnsim_test::ReadJsonFile(entry.path());
    const std::string call =
        recording["definition"]["States"]["State_0"]["Parameters"]["FunctionResult.$"];
    Result<Json> result = testing::Eval(call, recording["input"]);
    ASSERT_TRUE(result.ok()) << result.error().name << ": " << result.error().cause;
    EXPECT_EQ(Dump(*result), Dump(recording["output"]["FunctionResult"])) << call;
    ++replayed;
  }
  EXPECT_EQ(replayed, 9);
}

TEST(IntrinsicRecordedTest, FailStateErrorPathAndCausePath) {
  const fs::path dir = IntrinsicsRecordedDirectory();
  ASSERT_FALSE(dir.empty());
  const Json recording = sfnsim_test::ReadJsonFile(dir / "fail_state_intrinsic_paths.json");
  const Json& state = recording["definition"]["States"]["FailState"];
  Result<Json> error = testing::Eval(state["ErrorPath"].get<std::string>(), recording["input"]);
  Result<Json> cause = testing::Eval(state["CausePath"].get<std::string>(), recording["input"]);
  ASSERT_TRUE(error.ok() && cause.ok());
  EXPECT_EQ(*error, recording["error"]);
  EXPECT_EQ(*cause, recording["cause"]);
}

}  // namespace
}  // namespace asl
