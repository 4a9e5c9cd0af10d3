// The verification record (deploy/verification_record) and the checks sfnsim deploy makes with
// it (deploy/deploy_check).

#include "deploy/verification_record.h"

#include <gtest/gtest.h>

#include "asl/analysis/definition_digest.h"
#include "deploy/deploy_check.h"
#include "tests/integration/cli_test_util.h"

namespace deploy {
namespace {

VerifiedDefinition Verified(const std::string& source, const std::string& hash_of,
                            const std::string& scenario, uint64_t seed) {
  VerifiedDefinition d;
  d.source = source;
  d.logical_id = "Machine";
  d.sha256 = asl::ContentHash(asl::Json(hash_of));
  d.verified_by.push_back({scenario, seed, "0.1.0"});
  return d;
}

using RecordFileForTest = sfnsim_test::ScratchDir;

TEST(VerificationRecordTest, MergeKeepsWhatEachScenarioLastVerified) {
  VerificationRecord record;
  MergeVerified(&record, {Verified("t.yaml", "v1", "a.yaml", 1), Verified("t.yaml", "v1", "b.yaml", 1)});
  ASSERT_EQ(record.definitions.size(), 1u);
  EXPECT_EQ(record.definitions[0].DescribeRuns(), "a.yaml (seed 1), b.yaml (seed 1)");
  // a.yaml now passes on a new version: the old one stays verified by b.yaml only.
  MergeVerified(&record, {Verified("t.yaml", "v2", "a.yaml", 1)});
  ASSERT_EQ(record.definitions.size(), 2u);
  // Another seed of the same scenario on the same version adds a run; the same seed replaces it.
  MergeVerified(&record, {Verified("t.yaml", "v2", "a.yaml", 7), Verified("t.yaml", "v2", "a.yaml", 1)});
  ASSERT_EQ(record.definitions.size(), 2u);
  const VerifiedDefinition& v2 = record.definitions[0].sha256 == asl::ContentHash(asl::Json("v2"))
                                     ? record.definitions[0]
                                     : record.definitions[1];
  EXPECT_EQ(v2.DescribeRuns(), "a.yaml (seed 1), a.yaml (seed 7)");
  // b.yaml moves to v2 too: nothing verifies v1 any more, it is dropped.
  MergeVerified(&record, {Verified("t.yaml", "v2", "b.yaml", 1)});
  ASSERT_EQ(record.definitions.size(), 1u);
  EXPECT_EQ(record.definitions[0].verified_by.size(), 3u);
}

TEST(VerificationRecordTest, WritesDeterministicallyAndReadsBack) {
  RecordFileForTest files;
  VerificationRecord record;
  VerifiedDefinition d = Verified("defs/x.json", "x", "s.yaml", 2);
  d.substitutions = {{"B", "2"}, {"A", "1"}};
  d.parts = {{"/StartAt", asl::ContentHash(asl::Json("A"))}};
  MergeVerified(&record, {Verified("z.json", "z", "s.yaml", 2), d});
  std::string path = files.Path("sfnsim.lock.json");
  std::string error;
  ASSERT_TRUE(WriteVerificationRecord(path, record, &error)) << error;
  auto read = ReadVerificationRecord(path);
  ASSERT_TRUE(read.ok()) << read.error();
  EXPECT_EQ(FormatVerificationRecord(read.value()), FormatVerificationRecord(record));
  EXPECT_EQ(read->definitions[0].source, "defs/x.json");  // sorted by source
  EXPECT_EQ(read->definitions[0].substitutions.at("A"), "1");
  // A missing file is an empty record.
  auto missing = ReadVerificationRecord(files.Path("none.json"));
  ASSERT_TRUE(missing.ok());
  EXPECT_TRUE(missing->definitions.empty());
}

TEST(VerificationRecordTest, APassingRunRecordsEachDefinitionItRanRelativeToTheRecord) {
  // The record's input is plain data (the CLI builds it from a scenario report): paths become
  // relative to the record's directory, an inline definition keeps its pointer, and the hash is
  // the definition's as run.
  asl::Json definition =
      asl::Json::parse(R"({"StartAt": "A", "States": {"A": {"Type": "Succeed"}}})");
  PassingRun run;
  run.scenario_file = "/project/scenarios/s.yaml";
  run.seed = 42;
  run.definitions.push_back({"/project/fixtures/t.yaml", "", "Machine", definition, {{"X", "1"}}});
  run.definitions.push_back(
      {"/project/scenarios/s.yaml", "/state_machines/1/definition", "", definition, {}});
  std::vector<VerifiedDefinition> verified = VerifiedDefinitionsOf(run, "/project", "9.9.9");
  ASSERT_EQ(verified.size(), 2u);
  EXPECT_EQ(verified[0].Describe(), "fixtures/t.yaml (Machine)");
  EXPECT_EQ(verified[0].sha256, asl::DigestDefinition(definition).sha256);
  EXPECT_EQ(verified[0].substitutions.at("X"), "1");
  EXPECT_EQ(verified[0].DescribeRuns(), "scenarios/s.yaml (seed 42)");
  EXPECT_EQ(verified[0].verified_by[0].sfnsim_version, "9.9.9");
  EXPECT_EQ(verified[1].source, "scenarios/s.yaml#/state_machines/1/definition");
  EXPECT_TRUE(verified[1].logical_id.empty());
  EXPECT_FALSE(verified[1].parts.empty());
}

TEST(VerificationRecordTest, ReadErrorsNameTheFileAndPointer) {
  RecordFileForTest files;
  std::string bad_hash = files.Write("a.json", R"({"format": "sfnsim verification record 1",
    "definitions": [{"source": "x", "sha256": "abc", "verified_by": [{"scenario": "s", "seed": 1, "sfnsim": "0"}]}]})");
  auto read = ReadVerificationRecord(bad_hash);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error(), bad_hash + ": /definitions/0/sha256: expected 64 lowercase hexadecimal digits");
  std::string no_runs = files.Write("b.json", R"({"format": "sfnsim verification record 1",
    "definitions": [{"source": "x", "sha256": "abc", "verified_by": []}]})");
  read = ReadVerificationRecord(no_runs);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error(), no_runs + ": /definitions/0/verified_by: expected a non-empty array of "
                                    "{scenario, seed, sfnsim}");
  std::string other = files.Write("c.json", R"({"format": "something else", "definitions": []})");
  read = ReadVerificationRecord(other);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error(), other + ": /format: expected \"sfnsim verification record 1\", found "
                                  "\"something else\"");
}

// A template with one state machine whose Topic substitution is bound to the stack.
const char* kDeployCheckTemplate = R"({
  "Parameters": {"Margin": {"Type": "Number", "Default": 5}},
  "Resources": {
    "Topic": {"Type": "AWS::SNS::Topic"},
    "Machine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
      "DefinitionSubstitutions": {"TopicArn": {"Ref": "Topic"}, "Margin": {"Ref": "Margin"}},
      "Definition": {"StartAt": "P", "States": {
        "P": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
              "Parameters": {"TopicArn": "${TopicArn}", "Message": "m ${Margin}"}, "Next": "W"},
        "W": {"Type": "Wait", "Seconds": 1, "End": true}}}}}
  }
})";

TEST(DeployCheckTest, MatchesWithTheScenarioStandInsAndExplainsDifferences) {
  RecordFileForTest files;
  std::string path = files.Write("template.json", kDeployCheckTemplate);
  // What a scenario would have verified: TopicArn standing in as its simulated topic.
  asl::Json as_run = asl::Json::parse(R"({"StartAt": "P", "States": {
    "P": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
          "Parameters": {"TopicArn": "arn:sim", "Message": "m 5"}, "Next": "W"},
    "W": {"Type": "Wait", "Seconds": 1, "End": true}}})");
  asl::DefinitionDigest digest = asl::DigestDefinition(as_run);
  VerifiedDefinition entry{"template.json", "Machine", digest.sha256,
                           {{"TopicArn", "arn:sim"}, {"Margin", "5"}},
                           {{"s.yaml", 1, "0.1.0"}}, digest.parts};
  VerificationRecord record;
  record.definitions.push_back(entry);
  std::string lock = files.Path("sfnsim.lock.json");

  DeployPlan plan = CheckTemplate(path, {{"AWS::StackName", "st"}}, record, lock);
  ASSERT_EQ(plan.machines.size(), 1u);
  EXPECT_TRUE(plan.AllVerified()) << plan.machines[0].problem;
  EXPECT_EQ(plan.machines[0].bound_refs.at("TopicArn"), "Topic");
  EXPECT_EQ(plan.machines[0].static_values.at("Margin"), "5");

  plan = CheckTemplate(path, {{"Margin", "6"}}, record, lock);
  ASSERT_FALSE(plan.AllVerified());
  EXPECT_EQ(plan.machines[0].problem,
            "Machine: not verified: substitution Margin is \"6\" for this deploy; the verified "
            "runs used \"5\"; the definition differs: state /States/P changed; compared with "
            "template.json (Machine) as verified by s.yaml (seed 1); once the change is "
            "intended, run its scenarios again: sfnsim run --lock " + lock + " s.yaml");

  record.definitions.clear();
  plan = CheckTemplate(path, {}, record, lock);
  EXPECT_EQ(plan.machines[0].problem,
            "Machine: no verification record of this state machine in " + lock +
                " (template template.json); run the scenarios that verify it with `sfnsim run "
                "--lock " + lock + " SCENARIO...`");
}

TEST(DeployCheckTest, ATemplateWithoutSubstitutionsOrStateMachinesIsReportedNotCrashedOn) {
  RecordFileForTest files;
  std::string plain = files.Write("plain.yaml", R"(Resources:
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition: {StartAt: W, States: {W: {Type: Wait, Seconds: 1, End: true}}}
)");
  asl::Json definition = asl::Json::parse(R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"End":true}}})");
  VerificationRecord record;
  record.definitions.push_back({"elsewhere.json", "", asl::ContentHash(definition), {},
                                {{"s.yaml", 1, "0.1.0"}}, {}});
  DeployPlan plan = CheckTemplate(plain, {}, record, files.Path("lock.json"));
  ASSERT_EQ(plan.machines.size(), 1u);
  EXPECT_TRUE(plan.AllVerified()) << "the same definition verified from another file counts";
  EXPECT_TRUE(plan.machines[0].bound.empty());

  std::string empty = files.Write("empty.yaml", "Resources:\n  Topic: {Type: AWS::SNS::Topic}\n");
  plan = CheckTemplate(empty, {}, record, files.Path("lock.json"));
  ASSERT_EQ(plan.errors.size(), 1u);
  EXPECT_EQ(plan.errors[0], empty + ": /Resources: the template declares no "
                                    "AWS::StepFunctions::StateMachine or "
                                    "AWS::Serverless::StateMachine resource");
  plan = CheckTemplate(files.Path("missing.yaml"), {}, record, files.Path("lock.json"));
  ASSERT_EQ(plan.errors.size(), 1u);
  EXPECT_NE(plan.errors[0].find("missing.yaml"), std::string::npos) << plan.errors[0];
}

TEST(DeployCheckTest, ReadBackAppliesUnappliedSubstitutionsAndChecksTheStackValues) {
  RecordFileForTest files;
  std::string path = files.Write("template.json", kDeployCheckTemplate);
  DeployPlan plan = CheckTemplate(path, {}, VerificationRecord{}, files.Path("lock.json"));
  const DeployStateMachine& machine = plan.machines[0];
  auto expected = ExpectedDeployedDefinition(path, machine, {});
  ASSERT_TRUE(expected.ok()) << expected.error();
  std::map<std::string, std::string> stack = {{"TopicArn", "arn:aws:sns:r:1:t"}};

  // As AWS returns it: substituted, keys sorted, whitespace of its own.
  std::string aws = R"({"StartAt":"P","States":{"P":{"Next":"W","Parameters":{"Message":"m 5",
    "TopicArn":"arn:aws:sns:r:1:t"},"Resource":"arn:aws:states:::sns:publish","Type":"Task"},
    "W":{"End":true,"Seconds":1.0,"Type":"Wait"}}})";
  ReadBackCheck check = CompareReadBack(expected.value(), aws, machine, stack);
  EXPECT_TRUE(check.matches) << check.differences.front();
  EXPECT_TRUE(check.applied_here.empty());
  EXPECT_EQ(check.bound_values.at("TopicArn"), "arn:aws:sns:r:1:t");

  // As moto returns it: the text as deployed, placeholders left in.
  std::string moto = R"({"StartAt":"P","States":{"P":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
    "Parameters":{"TopicArn":"${TopicArn}","Message":"m ${Margin}"},"Next":"W"},
    "W":{"Type":"Wait","Seconds":1,"End":true}}})";
  check = CompareReadBack(expected.value(), moto, machine, stack);
  EXPECT_TRUE(check.matches);
  EXPECT_EQ(check.applied_here, (std::vector<std::string>{"Margin", "TopicArn"}));

  // Another topic than the stack's, and an edited state.
  std::string wrong = R"({"StartAt":"P","States":{"P":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
    "Parameters":{"TopicArn":"arn:other","Message":"m 5"},"Next":"W"},
    "W":{"Type":"Wait","Seconds":2,"End":true}}})";
  check = CompareReadBack(expected.value(), wrong, machine, stack);
  EXPECT_FALSE(check.matches);
  EXPECT_EQ(check.differences, (std::vector<std::string>{
                                   "/States/W/Seconds: expected 1, found 2",
                                   "${TopicArn} is \"arn:other\" in the definition; the stack's "
                                   "value is \"arn:aws:sns:r:1:t\""}));
  check = CompareReadBack(expected.value(), "", machine, stack);
  EXPECT_EQ(check.differences.front(), "the endpoint returned an empty definition");
}

TEST(DeployCheckTest, PackagingWritesDefinitionObjectsAsDefinitionString) {
  RecordFileForTest files;
  std::string path = files.Write("template.json", kDeployCheckTemplate);
  std::vector<std::string> packaged;
  auto text = PackageTemplate(path, &packaged);
  ASSERT_TRUE(text.ok()) << text.error();
  EXPECT_EQ(packaged, std::vector<std::string>{"Machine"});
  asl::Json doc = asl::Json::parse(text.value());
  const asl::Json& properties = doc["Resources"]["Machine"]["Properties"];
  EXPECT_FALSE(properties.contains("Definition"));
  asl::Json definition = asl::Json::parse(properties["DefinitionString"].get<std::string>());
  EXPECT_EQ(definition["States"]["P"]["Parameters"]["TopicArn"], "${TopicArn}");
  EXPECT_EQ(properties["DefinitionSubstitutions"]["TopicArn"]["Ref"], "Topic");
}

}  // namespace
}  // namespace deploy
