// S3 through a World: the `s3` section and its errors, the aws-sdk:s3 tasks, the Distributed
// Map's own s3 resources sent through the backend as the engine sends them, per-prefix rates,
// and the summary's requests and costs.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "asl/model/task_resource.h"
#include "simulator/registry/registry.h"
#include "simulator/services/s3/s3_service.h"
#include "simulator/world/aws_backend.h"
#include "tests/simulator/world_test_util.h"

namespace {

using asl::Json;
using sfnsim_test::Machine;
using sfnsim_test::WorldFromText;
using sfnsim_test::WorldRun;

const char* kWorld = R"(
s3:
  buckets:
    - name: input-data
      objects:
        - {key: items.json, json: [1, 2, 3]}
        - {key: notes/a.txt, text: "hello"}
  foreign_buckets: [someone-elses]
)";

Json TaskDefinition(const std::string& resource, const Json& parameters) {
  return {{"StartAt", "T"},
          {"States", {{"T", {{"Type", "Task"}, {"Resource", resource}, {"Parameters", parameters},
                             {"End", true}}}}}};
}

const Json& LastFailure(const Json& events) {
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if ((*it)["type"] == "TaskFailed") return (*it)["taskFailedEventDetails"];
  }
  static const Json kNone;
  return kNone;
}

std::vector<asl::Diagnostic> SectionErrors(const std::string& json, const std::string& base = "") {
  auto parsed = asl::ParseText(json, asl::TextSyntax::kJson);
  EXPECT_TRUE(parsed.ok());
  asl::SourceMap source;
  source.file = "w.json";
  auto config = sim::ParseWorld(parsed->value, source, base);
  if (config.ok()) return {};
  return config.error().items();
}

TEST(S3World, SectionErrorsAreLocated) {
  auto bad_name = SectionErrors(R"({"s3": {"buckets": [{"name": "Data"}]}})");
  ASSERT_EQ(bad_name.size(), 1u);
  EXPECT_EQ(bad_name[0].pointer, "/s3/buckets/0/name");
  EXPECT_NE(bad_name[0].message.find("\"Data\" is not a bucket name: only lowercase"),
            std::string::npos);
  auto two_bodies = SectionErrors(
      R"({"s3": {"buckets": [{"name": "data", "objects": [{"key": "k", "text": "a", "json": 1}]}]}})");
  ASSERT_EQ(two_bodies.size(), 1u);
  EXPECT_EQ(two_bodies[0].pointer, "/s3/buckets/0/objects/0");
  EXPECT_NE(two_bodies[0].message.find("exactly one of"), std::string::npos);
  auto unknown = SectionErrors(R"({"s3": {"buckets": [{"name": "data", "objekts": []}]}})");
  ASSERT_FALSE(unknown.empty());
  EXPECT_EQ(unknown[0].pointer, "/s3/buckets/0/objekts");
  auto twice = SectionErrors(R"({"s3": {"buckets": [{"name": "data"}, {"name": "data"}]}})");
  ASSERT_EQ(twice.size(), 1u);
  EXPECT_EQ(twice[0].pointer, "/s3/buckets/1/name");
  auto missing_file = SectionErrors(
      R"({"s3": {"buckets": [{"name": "data", "objects": [{"key": "k", "file": "nope.txt"}]}]}})",
      "/nonexistent-dir");
  ASSERT_EQ(missing_file.size(), 1u);
  EXPECT_EQ(missing_file[0].pointer, "/s3/buckets/0/objects/0/file");
  auto rates = SectionErrors(R"({"s3": {"request_rates": {"read_per_second": -1}}})");
  ASSERT_EQ(rates.size(), 1u);
  EXPECT_EQ(rates[0].pointer, "/s3/request_rates/read_per_second");
  auto foreign = SectionErrors(R"({"s3": {"foreign_buckets": [7]}})");
  ASSERT_EQ(foreign.size(), 1u);
  EXPECT_EQ(foreign[0].pointer, "/s3/foreign_buckets/0");
}

TEST(S3World, FoldersLoadEveryRegularFileUnderAPrefix) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("sfnsim_s3_folder_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "raw" / "2024");
  std::ofstream(dir / "raw" / "a.csv") << "x\n1\n";
  std::ofstream(dir / "raw" / "2024" / "b.csv") << "x\n2\n";
  WorldRun run(WorldFromText(R"({"s3": {"buckets": [{"name": "data", "folders":
      [{"prefix": "in/", "path": "raw"}]}]}})", dir.string()));
  ASSERT_TRUE(run.Install());
  sim::s3::Store* store = run.world->s3_store();
  ASSERT_NE(store, nullptr);
  ASSERT_NE(store->Get("data", "in/a.csv"), nullptr);
  EXPECT_EQ(store->Get("data", "in/2024/b.csv")->text(), "x\n2\n");
  EXPECT_EQ(store->Objects("data")->size(), 2u);
  fs::remove_all(dir);
}

TEST(S3World, NoSectionNoStore) {
  WorldRun run(WorldFromText("{}"));
  ASSERT_TRUE(run.Install());
  EXPECT_EQ(run.world->s3(), nullptr);
  EXPECT_EQ(run.world->s3_store(), nullptr);
}

TEST(S3World, AwsSdkTasksWriteAndReadTheStore) {
  Json definition = {
      {"StartAt", "Put"},
      {"States",
       {{"Put", {{"Type", "Task"}, {"Resource", "arn:aws:states:::aws-sdk:s3:putObject"},
                 {"Parameters", {{"Bucket", "input-data"}, {"Key", "out/r.json"},
                                 {"Body.$", "$.payload"}}},
                 {"ResultPath", "$.put"},
                 {"Next", "Get"}}},
        {"Get", {{"Type", "Task"}, {"Resource", "arn:aws:states:::aws-sdk:s3:getObject"},
                 {"Parameters", {{"Bucket", "input-data"}, {"Key", "out/r.json"}}},
                 {"ResultSelector", {{"Body.$", "$.Body"}, {"ETag.$", "$.ETag"}}},
                 {"ResultPath", "$.got"},
                 {"Next", "List"}}},
        {"List", {{"Type", "Task"}, {"Resource", "arn:aws:states:::aws-sdk:s3:listObjectsV2"},
                  {"Parameters", {{"Bucket", "input-data"}, {"Delimiter", "/"}}},
                  {"ResultPath", "$.listed"},
                  {"End", true}}}}}};
  WorldRun run(WorldFromText(kWorld));
  run.Run(Machine(definition), R"({"payload": {"a": 1}})");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
  Json output = run.execution->output();
  EXPECT_EQ(output["got"]["Body"], "{\"a\":1}");
  EXPECT_EQ(output["got"]["ETag"], output["put"]["ETag"]);
  EXPECT_EQ(sfnsim_test::Keys(output["listed"]),
            "CommonPrefixes,Contents,Delimiter,IsTruncated,KeyCount,MaxKeys,Name,Prefix");
  EXPECT_EQ(output["listed"]["CommonPrefixes"],
            (Json::array({{{"Prefix", "notes/"}}, {{"Prefix", "out/"}}})));
  EXPECT_EQ(run.world->s3_store()->Get("input-data", "out/r.json")->text(), "{\"a\":1}");
  Json summary = run.world->Summary()["s3"];
  EXPECT_EQ(summary["requests"]["write"], 2);  // a PUT and a LIST
  EXPECT_EQ(summary["requests"]["read"], 1);
  EXPECT_DOUBLE_EQ(summary["requests_usd"].get<double>(), 2 * 0.005 / 1000 + 0.0004 / 1000);
  EXPECT_EQ(summary["buckets"]["input-data"]["objects"], 3);
}

TEST(S3World, ErrorsAreNamedAsStepFunctionsNamesThem) {
  WorldRun missing(WorldFromText(kWorld));
  missing.Run(Machine(TaskDefinition("arn:aws:states:::aws-sdk:s3:getObject",
                                     {{"Bucket", "input-data"}, {"Key", "nope"}})),
              "{}");
  Json missing_events = missing.Events();
  const Json& failure = LastFailure(missing_events);
  EXPECT_EQ(failure["error"], "S3.NoSuchKeyException");
  std::string cause = failure["cause"];
  EXPECT_TRUE(cause.starts_with("The specified key does not exist. (Service: S3, Status Code: "
                                "404, Request ID: "))
      << cause;
  EXPECT_NE(cause.find(", Extended Request ID: "), std::string::npos) << cause;

  WorldRun denied(WorldFromText(kWorld));
  denied.Run(Machine(TaskDefinition("arn:aws:states:::aws-sdk:s3:listObjectsV2",
                                    {{"Bucket", "someone-elses"}})),
             "{}");
  Json denied_events = denied.Events();
  EXPECT_EQ(LastFailure(denied_events)["error"], "S3.S3Exception");  // not modelled
  EXPECT_TRUE(LastFailure(denied_events)["cause"].get<std::string>().starts_with(
      "Access Denied (Service: S3, Status Code: 403,"));

  WorldRun range(WorldFromText(kWorld));
  range.Run(Machine(TaskDefinition("arn:aws:states:::aws-sdk:s3:getObject",
                                   {{"Bucket", "input-data"}, {"Key", "notes/a.txt"},
                                    {"Range", "bytes=50-"}})),
            "{}");
  Json range_events = range.Events();
  EXPECT_EQ(LastFailure(range_events)["error"], "S3.S3Exception");
}

// Sends one task as the engine sends a Distributed Map's ItemReader or ResultWriter call.
struct Captured final : sim::TaskReceiver {
  virtual ~Captured() = default;
  std::optional<Json> output;
  std::optional<asl::Error> error;
  void TaskStarted(uint64_t, sim::SimTime, std::string) override {}
  void TaskSubmitted(uint64_t, sim::SimTime, Json) override {}
  void TaskHeartbeat(uint64_t, sim::SimTime) override {}
  void TaskSucceeded(uint64_t, sim::SimTime, Json out) override { output = std::move(out); }
  void TaskFailed(uint64_t, sim::SimTime, asl::Error e) override { error = std::move(e); }
  void TaskOnAbandon(uint64_t, std::function<void()>) override {}
};

// The backend caches routes by the resource's address, as the engine's resources live as long
// as their definition: so do these.
const asl::TaskResource& Resource(const std::string& arn) {
  static std::map<std::string, asl::TaskResource> resources;
  auto it = resources.find(arn);
  if (it == resources.end()) {
    auto parsed = asl::ParseTaskResource(arn);
    EXPECT_TRUE(parsed.ok()) << arn;
    it = resources.emplace(arn, parsed.ok() ? *parsed : asl::TaskResource{}).first;
  }
  return it->second;
}

Captured SendOptimized(WorldRun& run, const std::string& arn, const Json& parameters) {
  Captured captured;
  sim::TaskRequest request;
  request.resource = &Resource(arn);
  request.parameters = &parameters;
  request.state_name = "Map";
  request.execution_arn = "arn:aws:states:us-east-1:123456789012:execution:M:run";
  request.now = run.simulation->now();
  EXPECT_TRUE(run.world->backend().Invoke(request, sim::TaskHandle(&captured, 1)));
  return captured;
}

TEST(S3World, DistributedMapResourcesAreServed) {
  WorldRun run(WorldFromText(kWorld));
  ASSERT_TRUE(run.Install());
  auto resource = asl::ParseTaskResource("arn:aws:states:::s3:getObject");
  ASSERT_TRUE(resource.ok());
  EXPECT_EQ(resource->kind, asl::ResourceKind::kOptimized);

  Captured read = SendOptimized(run, "arn:aws:states:::s3:getObject",
                                {{"Bucket", "input-data"}, {"Key", "items.json"}});
  ASSERT_TRUE(read.output.has_value());
  EXPECT_EQ((*read.output)["Body"], "[1,2,3]");
  EXPECT_EQ((*read.output)["ContentLength"], 7);
  EXPECT_EQ((*read.output)["ETag"], sim::s3::SinglePartEtag("[1,2,3]"));
  EXPECT_EQ((*read.output)["LastModified"], "2024-01-01T00:00:00Z");
  EXPECT_FALSE(read.output->contains("SdkHttpMetadata"));

  Captured listed = SendOptimized(run, "arn:aws:states:::s3:listObjectsV2",
                                  {{"Bucket", "input-data"}, {"Prefix", "notes/"}, {"MaxKeys", 1}});
  ASSERT_TRUE(listed.output.has_value());
  EXPECT_EQ((*listed.output)["Contents"][0]["Key"], "notes/a.txt");
  EXPECT_EQ((*listed.output)["Contents"][0]["Size"], 5);
  EXPECT_EQ((*listed.output)["Contents"][0]["StorageClass"], "STANDARD");
  EXPECT_EQ((*listed.output)["IsTruncated"], false);

  Captured written = SendOptimized(run, "arn:aws:states:::s3:putObject",
                                   {{"Bucket", "input-data"}, {"Key", "results/manifest.json"},
                                    {"Body", {{"ok", true}}}});
  ASSERT_TRUE(written.output.has_value());
  EXPECT_EQ((*written.output)["ETag"], sim::s3::SinglePartEtag("{\"ok\":true}"));
  EXPECT_EQ(run.world->s3_store()->Get("input-data", "results/manifest.json")->text(),
            "{\"ok\":true}");

  Captured missing = SendOptimized(run, "arn:aws:states:::s3:getObject",
                                   {{"Bucket", "input-data"}, {"Key", "nope.json"}});
  ASSERT_TRUE(missing.error.has_value());
  EXPECT_EQ(missing.error->name, "S3.NoSuchKeyException");
  EXPECT_TRUE(missing.error->cause.starts_with(
      "The specified key does not exist. (Service: Amazon S3; Status Code: 404; Error Code: "
      "NoSuchKey; Request ID: "))
      << missing.error->cause;
  Captured no_bucket = SendOptimized(run, "arn:aws:states:::s3:listObjectsV2",
                                     {{"Bucket", "elsewhere"}});
  ASSERT_TRUE(no_bucket.error.has_value());
  EXPECT_TRUE(no_bucket.error->cause.starts_with("The specified bucket does not exist ("));
}

TEST(S3World, RequestsBeyondAPrefixsRateSlowDown) {
  WorldRun run(WorldFromText(R"(
s3:
  buckets: [{name: data}]
  request_rates: {write_per_second: 2, read_per_second: 100}
)"));
  ASSERT_TRUE(run.Install());
  auto put = [&](const std::string& key) {
    return SendOptimized(run, "arn:aws:states:::s3:putObject",
                         {{"Bucket", "data"}, {"Key", key}, {"Body", "x"}});
  };
  EXPECT_TRUE(put("a/1").output.has_value());
  EXPECT_TRUE(put("a/2").output.has_value());
  Captured slow = put("a/3");  // the same prefix, the same millisecond
  ASSERT_TRUE(slow.error.has_value());
  EXPECT_EQ(slow.error->name, "S3.AmazonS3Exception");
  EXPECT_TRUE(slow.error->cause.starts_with("Please reduce your request rate. (Service: Amazon S3; "
                                            "Status Code: 503; Error Code: SlowDown;"))
      << slow.error->cause;
  EXPECT_TRUE(put("b/1").output.has_value());  // another prefix has its own bucket
  EXPECT_EQ(run.world->Summary()["s3"]["slow_down"], 1);
}

TEST(S3World, StorageIsCostedOverVirtualTime) {
  sim::S3Usage usage;
  usage.byte_ms = 1024.0 * 1024 * 1024 * 730 * 3600 * 1000;  // one GB for one month
  EXPECT_DOUBLE_EQ(usage.storage_usd(), 0.023);
  usage.write_requests = 1000;
  usage.read_requests = 1000;
  usage.delete_requests = 1000;  // free
  EXPECT_DOUBLE_EQ(usage.requests_usd(), 0.0054);
}

TEST(S3Registry, TheDescriptorNamesS3) {
  EXPECT_EQ(sim::FindService("s3"), &sim::S3Descriptor());
  EXPECT_EQ(sim::S3Descriptor().section, "s3");
}

}  // namespace
