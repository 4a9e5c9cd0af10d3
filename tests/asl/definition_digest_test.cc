// Canonical JSON and the content hashes of definitions (asl/analysis/definition_digest).

#include "asl/analysis/definition_digest.h"

#include <gtest/gtest.h>

#include "asl/intrinsics/hash_digests.h"

namespace asl {
namespace {

Json ParseForDigest(const char* text) { return Json::parse(text); }

TEST(DefinitionDigestTest, CanonicalTextSortsKeysDropsWhitespaceAndNormalisesIntegralNumbers) {
  Json a = ParseForDigest(R"({"b": [1.0, 2.5, 1e3, -0.0], "a": {"y": "é\n", "x": null}, "c": true})");
  EXPECT_EQ(CanonicalJson(a), R"({"a":{"x":null,"y":"é\n"},"b":[1,2.5,1000,0],"c":true})");
  Json b = ParseForDigest(R"({
    "c": true,
    "a": {"x": null, "y": "é\n"},
    "b": [1, 2.5, 1000, 0]
  })");
  EXPECT_EQ(ContentHash(a), ContentHash(b));
  EXPECT_EQ(ContentHash(a), intrinsics::Sha256Hex(CanonicalJson(b)));
  // Large or fractional numbers keep their shortest exact form.
  EXPECT_EQ(CanonicalJson(Json::parse("[1e300, 0.1, 9007199254740993]")),
            "[1e+300,0.1,9007199254740993]");
}

TEST(DefinitionDigestTest, DifferentValuesHashDifferently) {
  EXPECT_NE(ContentHash(Json::parse(R"({"a":"1"})")), ContentHash(Json::parse(R"({"a":1})")));
  EXPECT_NE(ContentHash(Json::parse(R"([1,2])")), ContentHash(Json::parse(R"([2,1])")));
}

const char* kDigestMachine = R"({
  "Comment": "c",
  "StartAt": "Map",
  "States": {
    "Map": {"Type": "Map", "ItemProcessor": {"StartAt": "Inner", "States": {
      "Inner": {"Type": "Pass", "End": true}}}, "Next": "Par"},
    "Par": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {
      "B": {"Type": "Pass", "End": true}}}], "End": true}
  }
})";

TEST(DefinitionDigestTest, PartsCoverEveryStateAtEveryDepthAndTopLevelMembers) {
  DefinitionDigest digest = DigestDefinition(Json::parse(kDigestMachine));
  std::vector<std::string> pointers;
  for (const auto& [pointer, hash] : digest.parts) pointers.push_back(pointer);
  EXPECT_EQ(pointers, (std::vector<std::string>{
                          "/Comment", "/StartAt", "/States/Map",
                          "/States/Map/ItemProcessor/States/Inner", "/States/Par",
                          "/States/Par/Branches/0/States/B"}));
  EXPECT_EQ(digest.sha256, ContentHash(Json::parse(kDigestMachine)));
}

TEST(DefinitionDigestTest, DiffNamesTheInnermostChangedStates) {
  Json before = Json::parse(kDigestMachine);
  Json after = before;
  after["States"]["Map"]["ItemProcessor"]["States"]["Inner"]["Comment"] = "edited";
  after["States"]["New"] = {{"Type", "Succeed"}};
  after.erase("Comment");
  auto changes = DiffDigests(DigestDefinition(before).parts, DigestDefinition(after).parts);
  EXPECT_EQ(DescribeChanges(changes),
            "/Comment removed, state /States/Map/ItemProcessor/States/Inner changed, "
            "state /States/New added");
  EXPECT_TRUE(DiffDigests(DigestDefinition(before).parts, DigestDefinition(before).parts).empty());
}

}  // namespace
}  // namespace asl
