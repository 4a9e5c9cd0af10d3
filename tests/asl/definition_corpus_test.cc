// Every definition AWS accepted must parse cleanly: the 80 executions recorded against AWS
// (tests/data/conformance/aws-recorded, key "definition", JSONata ones included) and the
// project's fixtures.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "asl/validate/definition_parser.h"
#include "tests/testutil/json_file.h"
#include "tests/testutil/parse_helpers.h"

namespace asl {
namespace {

namespace fs = std::filesystem;

const fs::path kRecorded = fs::path(SFNSIM_SHARED_DIR) / "conformance" / "aws-recorded";
const fs::path kFixtures = fs::path(SFNSIM_SOURCE_DIR) / "fixtures" / "definitions";

std::vector<std::string> FilesIn(const fs::path& dir, std::string_view suffix) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.size() > suffix.size() && name.ends_with(suffix)) files.push_back(name);
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The recorder replaced the activity ARN it used with the placeholder "activity_arn" (see the
// corpus README); put a real one back, as the conformance runner does.
void RestoreActivityArns(Json& value) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (it.key() == "Resource" && it.value() == "activity_arn") {
        it.value() = "arn:aws:states:us-east-1:111111111111:activity:activity";
      }
      RestoreActivityArns(it.value());
    }
  } else if (value.is_array()) {
    for (Json& item : value) RestoreActivityArns(item);
  }
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(0, info.param.find('.'));
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

TEST(DefinitionCorpusTest, CorpusIsPresent) {
  EXPECT_EQ(FilesIn(kRecorded, ".json").size(), 80u) << kRecorded;
  EXPECT_EQ(FilesIn(kFixtures, ".asl.json").size(), 9u) << kFixtures;
}

class RecordedDefinitionTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RecordedDefinitionTest, ParsesAsAwsDid) {
  Json recorded = sfnsim_test::ReadJsonFile(kRecorded / GetParam());
  ASSERT_TRUE(recorded.contains("definition"));
  Json& definition = recorded["definition"];
  RestoreActivityArns(definition);
  ParsedDefinition parsed = ParseDefinition(definition);
  EXPECT_THAT(sfnsim_test::FormatDiagnostics(parsed.diagnostics), ::testing::IsEmpty());
  EXPECT_NE(parsed.machine, nullptr);
}

INSTANTIATE_TEST_SUITE_P(AwsRecorded, RecordedDefinitionTest,
                         ::testing::ValuesIn(FilesIn(kRecorded, ".json")), TestName);

class FixtureDefinitionTest : public ::testing::TestWithParam<std::string> {};

TEST_P(FixtureDefinitionTest, ParsesCleanly) {
  ParsedDefinition parsed = ParseDefinition(sfnsim_test::ReadJsonFile(kFixtures / GetParam()));
  EXPECT_THAT(sfnsim_test::FormatDiagnostics(parsed.diagnostics), ::testing::IsEmpty());
  EXPECT_NE(parsed.machine, nullptr);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FixtureDefinitionTest,
                         ::testing::ValuesIn(FilesIn(kFixtures, ".asl.json")), TestName);

}  // namespace
}  // namespace asl
