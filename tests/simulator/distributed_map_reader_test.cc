// A Distributed Map's ItemReader and ResultWriter in the engine: the S3 calls go through the
// backends like a Task's (here a small in-memory S3 written for the test), the items are read
// as the ReaderConfig says, and the result files and manifest are written as AWS lays them out.

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "simulator/engine/service_backend.h"
#include "tests/testutil/simulator/engine_harness.h"

namespace {

using sfnsim_test::ParseMachine;
using sfnsim_test::RunMachine;

// Buckets of objects answering the reader's and writer's resources; listObjectsV2 pages hold
// `page_size` keys. Counts the calls per API.
class TestS3 final : public sim::ServiceBackend {
 public:
  std::map<std::string, std::map<std::string, std::string>> buckets;
  size_t page_size = 1000;
  std::map<std::string, int> calls;

  bool Invoke(const sim::TaskRequest& request, const sim::TaskHandle& handle) override {
    const asl::TaskResource& r = *request.resource;
    if (r.service != "s3" || r.kind != asl::ResourceKind::kOptimized) return false;
    ++calls[r.api];
    const asl::Json& p = *request.parameters;
    handle.Start(request.now);
    sim::SimTime at = request.now + sim::Duration{20};
    auto bucket = buckets.find(p.value("Bucket", ""));
    if (bucket == buckets.end()) {
      handle.Fail(at, asl::Error("S3.NoSuchBucket", "The specified bucket does not exist"));
      return true;
    }
    auto& objects = bucket->second;
    if (r.api == "getObject") {
      auto it = objects.find(p.value("Key", ""));
      if (it == objects.end()) {
        handle.Fail(at, asl::Error("S3.NoSuchKey", "The specified key does not exist."));
      } else {
        handle.Succeed(at, {{"Body", it->second}, {"ContentLength", it->second.size()}});
      }
    } else if (r.api == "listObjectsV2") {
      std::string prefix = p.value("Prefix", "");
      std::string after = p.value("ContinuationToken", "");
      asl::Json contents = asl::Json::array();
      bool truncated = false;
      std::string last;
      for (auto it = objects.lower_bound(after.empty() ? prefix : after); it != objects.end();
           ++it) {
        if (!after.empty() && it->first == after) continue;
        if (it->first.compare(0, prefix.size(), prefix) != 0) break;
        if (contents.size() == page_size) {
          truncated = true;
          break;
        }
        contents.push_back({{"Key", it->first},
                            {"LastModified", "2024-01-02T03:04:05.000Z"},
                            {"ETag", "\"e\""},
                            {"Size", it->second.size()},
                            {"StorageClass", "STANDARD"}});
        last = it->first;
      }
      asl::Json out = {{"Contents", contents}, {"IsTruncated", truncated}};
      if (truncated) out["NextContinuationToken"] = last;
      handle.Succeed(at, std::move(out));
    } else if (r.api == "putObject") {
      const asl::Json& body = p["Body"];
      objects[p.value("Key", "")] = body.is_string() ? body.get<std::string>() : asl::Dump(body);
      handle.Succeed(at, {{"ETag", "\"e\""}});
    } else {
      return false;
    }
    return true;
  }
};

// A Distributed Map reading `reader` (the ItemReader's JSON) whose children echo their input;
// `extra` is spliced into the Map state.
std::string ReaderMap(const std::string& reader, const std::string& extra = "") {
  return R"({"StartAt":"M","States":{"M":{"Type":"Map","ItemReader":)" + reader + extra + R"(,
      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                       "StartAt":"Echo","States":{"Echo":{"Type":"Pass","End":true}}},
      "End":true}}})";
}

std::string GetObject(const std::string& config) {
  return R"({"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":)" + config +
         R"(,"Parameters":{"Bucket.$":"$.bucket","Key.$":"$.key"}})";
}

sfnsim_test::RunResult RunWith(const std::string& definition, TestS3& s3,
                           const std::string& input = R"({"bucket":"b","key":"k"})") {
  return RunMachine(ParseMachine(definition), input, &s3);
}

TEST(DistributedMapReaderTest, ReadsACsvWithItsFirstRowAsHeaders) {
  TestS3 s3;
  s3.buckets["b"]["k"] = "id,name\r\n1,\"Smith, J\"\r\n2,\"say \"\"hi\"\"\"\r\n";
  auto r = RunWith(ReaderMap(GetObject(R"({"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"})")), s3);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded) << r.error.cause;
  EXPECT_EQ(asl::Dump(r.output),
            R"([{"id":"1","name":"Smith, J"},{"id":"2","name":"say \"hi\""}])");
  // The parent's history does not grow with the items: MapStateStarted's length is 0.
  EXPECT_EQ(sfnsim_test::Shape(r.events),
            "1/0 ExecutionStarted, 2/0 MapStateEntered, 3/2 MapStateStarted, 4/3 MapRunStarted, "
            "5/4 MapRunSucceeded, 6/5 MapStateSucceeded, 7/4 MapStateExited, "
            "8/7 ExecutionSucceeded");
  EXPECT_EQ(r.events[2]["mapStateStartedEventDetails"]["length"], 0);
}

TEST(DistributedMapReaderTest, CsvWithGivenHeadersDelimiterMaxItemsAndShortRows) {
  TestS3 s3;
  s3.buckets["b"]["k"] = "a|b\nc\n\nd|e|extra\nf|g\n";
  auto r = RunWith(ReaderMap(GetObject(R"({"InputType":"CSV","CSVHeaderLocation":"GIVEN",
      "CSVHeaders":["x","y"],"CSVDelimiter":"PIPE","MaxItems":3})")), s3);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded) << r.error.cause;
  EXPECT_EQ(asl::Dump(r.output),
            R"([{"x":"a","y":"b"},{"x":"c","y":""},{"x":"d","y":"e"}])");
}

TEST(DistributedMapReaderTest, MalformedCsvRowFailsTheMapRunNamingRowAndFile) {
  TestS3 s3;
  s3.buckets["b"]["k"] = "id,name\n1,a\n2,\"unclosed\n";
  auto r = RunWith(ReaderMap(GetObject(R"({"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"})")), s3);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(r.error.name, "States.ItemReaderFailed");
  EXPECT_EQ(r.error.cause, "CSV row 3 of s3://b/k has a quoted field that is never closed");
  EXPECT_NE(sfnsim_test::Shape(r.events).find("MapRunFailed, "), std::string::npos);
}

TEST(DistributedMapReaderTest, DuplicateCsvHeadersFailAsAwsSays) {
  TestS3 s3;
  s3.buckets["b"]["k"] = "id,id\n1,2\n";
  auto r = RunWith(ReaderMap(GetObject(R"({"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"})")), s3);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(r.error.name, "States.ItemReaderFailed");
  EXPECT_EQ(r.error.cause, "CSV headers cannot contain duplicates.");
}

TEST(DistributedMapReaderTest, JsonThatIsNotAnArrayFailsAsRecordedOnAws) {
  TestS3 s3;
  s3.buckets["b"]["k"] = R"({"Hello":"world"})";
  auto r = RunWith(ReaderMap(GetObject(R"({"InputType":"JSON"})")), s3);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(r.error.name, "States.ItemReaderFailed");
  EXPECT_EQ(r.error.cause, "Attempting to map over non-iterable node.");
  EXPECT_EQ(sfnsim_test::Shape(r.events),
            "1/0 ExecutionStarted, 2/0 MapStateEntered, 3/2 MapStateStarted, 4/3 MapRunStarted, "
            "5/4 MapRunFailed, 6/5 MapStateFailed, 7/6 ExecutionFailed");
}

TEST(DistributedMapReaderTest, JsonItemsPointerAndItemSelector) {
  TestS3 s3;
  s3.buckets["b"]["k"] = R"({"data":{"rows":[{"v":1},{"v":2}]}})";
  auto r = RunWith(ReaderMap(GetObject(R"({"InputType":"JSON","ItemsPointer":"/data/rows"})"),
                         R"(,"ItemSelector":{"value.$":"$$.Map.Item.Value.v",
                                             "index.$":"$$.Map.Item.Index","k.$":"$.key"})"),
               s3);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded) << r.error.cause;
  EXPECT_EQ(asl::Dump(r.output),
            R"([{"index":0,"k":"k","value":1},{"index":1,"k":"k","value":2}])");
}

TEST(DistributedMapReaderTest, JsonLinesWithABadLineNamesTheLine) {
  TestS3 s3;
  s3.buckets["b"]["k"] = "{\"a\":1}\n\n{\"a\":2}\n";
  auto ok = RunWith(ReaderMap(GetObject(R"({"InputType":"JSONL"})")), s3);
  ASSERT_EQ(ok.status, sim::ExecutionStatus::kSucceeded) << ok.error.cause;
  EXPECT_EQ(asl::Dump(ok.output), R"([{"a":1},{"a":2}])");
  s3.buckets["b"]["k"] = "{\"a\":1}\n{oops\n";
  auto bad = RunWith(ReaderMap(GetObject(R"({"InputType":"JSONL"})")), s3);
  ASSERT_EQ(bad.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(bad.error.name, "States.ItemReaderFailed");
  EXPECT_EQ(bad.error.cause, "Line 2 of s3://b/k is not a JSON value");
}

TEST(DistributedMapReaderTest, MissingObjectFailsTheMapRunWithTheFileNamed) {
  TestS3 s3;
  s3.buckets["b"];
  auto r = RunWith(ReaderMap(GetObject(R"({"InputType":"JSON"})")), s3);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(r.error.name, "States.ItemReaderFailed");
  EXPECT_EQ(r.error.cause,
            "Cannot read s3://b/k: S3.NoSuchKey: The specified key does not exist.");
}

TEST(DistributedMapReaderTest, ListingPagesThroughEveryObjectUnderThePrefix) {
  TestS3 s3;
  s3.page_size = 2;
  for (const char* key : {"in/a", "in/b", "in/c", "in/d", "in/e", "out/x"}) {
    s3.buckets["b"][key] = "12345";
  }
  auto r = RunWith(ReaderMap(R"({"Resource":"arn:aws:states:::s3:listObjectsV2",
                            "Parameters":{"Bucket":"b","Prefix":"in/"}})",
                         R"(,"ItemSelector":{"key.$":"$$.Map.Item.Value.Key"})"),
               s3);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded) << r.error.cause;
  EXPECT_EQ(asl::Dump(r.output),
            R"([{"key":"in/a"},{"key":"in/b"},{"key":"in/c"},{"key":"in/d"},{"key":"in/e"}])");
  EXPECT_EQ(s3.calls["listObjectsV2"], 3);
}

TEST(DistributedMapReaderTest, ListingItemsHaveAwsFields) {
  TestS3 s3;
  s3.buckets["b"]["only"] = "xyz";
  auto r = RunWith(ReaderMap(R"({"Resource":"arn:aws:states:::s3:listObjectsV2",
                            "Parameters":{"Bucket":"b"}})"),
               s3);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded) << r.error.cause;
  EXPECT_EQ(asl::Dump(r.output),
            R"([{"Etag":"\"e\"","Key":"only","LastModified":1704164645,"Size":3,)"
            R"("StorageClass":"STANDARD"}])");
}

TEST(DistributedMapReaderTest, BatchesReaderItemsWithBatchInput) {
  TestS3 s3;
  s3.buckets["b"]["k"] = "n\n1\n2\n3\n4\n5\n";
  auto r = RunWith(ReaderMap(GetObject(R"({"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"})"),
                         R"(,"ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":{"t.$":"$.key"}})"),
               s3);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded) << r.error.cause;
  EXPECT_EQ(asl::Dump(r.output),
            R"([{"BatchInput":{"t":"k"},"Items":[{"n":"1"},{"n":"2"}]},)"
            R"({"BatchInput":{"t":"k"},"Items":[{"n":"3"},{"n":"4"}]},)"
            R"({"BatchInput":{"t":"k"},"Items":[{"n":"5"}]}])");
}

TEST(DistributedMapReaderTest, ResultWriterWritesFilesAndManifestAsAwsLaysThemOut) {
  TestS3 s3;
  s3.buckets["b"]["k"] = R"([1,2,3])";
  s3.buckets["out"];
  auto r = RunWith(ReaderMap(GetObject(R"({"InputType":"JSON"})"),
                         R"(,"ResultWriter":{"Resource":"arn:aws:states:::s3:putObject",
                              "Parameters":{"Bucket":"out","Prefix":"runs"}})"),
               s3);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded) << r.error.cause;
  const std::string arn = r.output["MapRunArn"].get<std::string>();
  const std::string run_id = arn.substr(arn.rfind(':') + 1);
  EXPECT_EQ(asl::Dump(r.output["ResultWriterDetails"]),
            R"({"Bucket":"out","Key":"runs/)" + run_id + R"(/manifest.json"})");
  auto& out = s3.buckets["out"];
  ASSERT_EQ(out.size(), 2u);
  const std::string& results = out["runs/" + run_id + "/SUCCEEDED_0.json"];
  asl::Json entries = asl::Json::parse(results);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[1]["Input"], "2");
  EXPECT_EQ(entries[1]["Output"], "2");
  EXPECT_EQ(entries[1]["Status"], "SUCCEEDED");
  EXPECT_EQ(entries[1]["StateMachineArn"], arn);
  asl::Json manifest = asl::Json::parse(out["runs/" + run_id + "/manifest.json"]);
  EXPECT_EQ(manifest["DestinationBucket"], "out");
  EXPECT_EQ(manifest["MapRunArn"], arn);
  EXPECT_EQ(asl::Dump(manifest["ResultFiles"]["SUCCEEDED"]),
            R"([{"Key":"runs/)" + run_id + R"(/SUCCEEDED_0.json","Size":)" +
                std::to_string(results.size()) + "}]");
  EXPECT_TRUE(manifest["ResultFiles"]["FAILED"].empty());
}

TEST(DistributedMapReaderTest, ResultWriterToAMissingBucketFailsWithResultWriterFailed) {
  TestS3 s3;
  s3.buckets["b"]["k"] = R"([1])";
  auto r = RunWith(ReaderMap(GetObject(R"({"InputType":"JSON"})"),
                         R"(,"ResultWriter":{"Resource":"arn:aws:states:::s3:putObject",
                              "Parameters":{"Bucket":"nope","Prefix":"p"}})"),
               s3);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(r.error.name, "States.ResultWriterFailed");
  EXPECT_NE(r.error.cause.find("Cannot write s3://nope/p/"), std::string::npos) << r.error.cause;
}

TEST(DistributedMapReaderTest, WriterConfigAloneShapesTheOutput) {
  TestS3 s3;
  s3.buckets["b"]["k"] = R"([[1,2],[3]])";
  auto r = RunWith(ReaderMap(GetObject(R"({"InputType":"JSON"})"),
                         R"(,"ResultWriter":{"WriterConfig":{"Transformation":"FLATTEN"}})"),
               s3);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded) << r.error.cause;
  EXPECT_EQ(asl::Dump(r.output), "[1,2,3]");
}

TEST(DistributedMapReaderTest, ParquetIsRefusedWithAClearCause) {
  TestS3 s3;
  s3.buckets["b"]["k"] = "PAR1";
  auto r = RunWith(ReaderMap(GetObject(R"({"InputType":"PARQUET"})")), s3);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(r.error.name, "States.ItemReaderFailed");
  EXPECT_NE(r.error.cause.find("sfnsim cannot read Parquet (s3://b/k)"), std::string::npos);
}

TEST(DistributedMapReaderTest, WithoutAnyS3TheMapRunFailsSayingWhatToDeclare) {
  auto r = RunMachine(ParseMachine(ReaderMap(GetObject(R"({"InputType":"JSON"})"))),
                      R"({"bucket":"b","key":"k"})");
  ASSERT_EQ(r.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(r.error.name, "States.ItemReaderFailed");
  EXPECT_NE(r.error.cause.find("declare the bucket in the world's or scenario's s3 section"),
            std::string::npos)
      << r.error.cause;
}

TEST(DistributedMapReaderTest, ListingWithLoadAndFlattenReadsEveryObject) {
  TestS3 s3;
  s3.buckets["b"]["in/1.jsonl"] = "{\"n\":1}\n{\"n\":2}\n";
  s3.buckets["b"]["in/2.jsonl"] = "{\"n\":3}\n";
  auto r = RunWith(ReaderMap(R"({"Resource":"arn:aws:states:::s3:listObjectsV2",
      "ReaderConfig":{"InputType":"JSONL","Transformation":"LOAD_AND_FLATTEN"},
      "Parameters":{"Bucket":"b","Prefix":"in/"}})"),
                   s3);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded) << r.error.cause;
  EXPECT_EQ(asl::Dump(r.output), R"([{"n":1},{"n":2},{"n":3}])");
  EXPECT_EQ(s3.calls["getObject"], 2);
}

TEST(DistributedMapReaderTest, AthenaDataManifestListsTheFilesToRead) {
  TestS3 s3;
  s3.buckets["b"]["q/abc-manifest.csv"] = "s3://b/q/part-0\ns3://b/q/part-1\n";
  s3.buckets["b"]["q/part-0"] = "1,a\n";
  s3.buckets["b"]["q/part-1"] = "2,b\n3,c\n";
  auto r = RunWith(ReaderMap(R"({"Resource":"arn:aws:states:::s3:getObject",
      "ReaderConfig":{"InputType":"MANIFEST","ManifestType":"ATHENA_DATA",
                      "CSVHeaderLocation":"GIVEN","CSVHeaders":["id","v"]},
      "Parameters":{"Bucket":"b","Key":"q/abc-manifest.csv"}})"),
                   s3);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded) << r.error.cause;
  EXPECT_EQ(asl::Dump(r.output), R"([{"id":"1","v":"a"},{"id":"2","v":"b"},{"id":"3","v":"c"}])");
}

TEST(DistributedMapReaderTest, S3InventoryManifestReadsItsCsvFilesByTheirSchema) {
  TestS3 s3;
  s3.buckets["inv"]["m/manifest.json"] =
      R"({"sourceBucket":"src","destinationBucket":"arn:aws:s3:::inv","fileFormat":"CSV",)"
      R"("fileSchema":"Bucket, Key, Size","files":[{"key":"m/data/1.csv"}]})";
  s3.buckets["inv"]["m/data/1.csv"] = "\"src\",\"a.txt\",\"3\"\n\"src\",\"b.txt\",\"4\"\n";
  auto r = RunWith(ReaderMap(R"({"Resource":"arn:aws:states:::s3:getObject",
      "ReaderConfig":{"InputType":"MANIFEST"},
      "Parameters":{"Bucket":"inv","Key":"m/manifest.json"}})"),
                   s3);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded) << r.error.cause;
  EXPECT_EQ(asl::Dump(r.output), R"([{"Bucket":"src","Key":"a.txt","Size":"3"},)"
                                 R"({"Bucket":"src","Key":"b.txt","Size":"4"}])");
  s3.buckets["inv"]["m/manifest.json"] =
      R"({"fileFormat":"CSV","fileSchema":"Bucket, Key","destinationBucket":"arn:aws:s3:::inv",)"
      R"("files":[{"key":"m/data/1.csv.gz"}]})";
  auto gz = RunWith(ReaderMap(R"({"Resource":"arn:aws:states:::s3:getObject",
      "ReaderConfig":{"InputType":"MANIFEST"},
      "Parameters":{"Bucket":"inv","Key":"m/manifest.json"}})"),
                    s3);
  ASSERT_EQ(gz.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(gz.error.name, "States.ItemReaderFailed");
  EXPECT_NE(gz.error.cause.find("compressed inventory file s3://inv/m/data/1.csv.gz"),
            std::string::npos)
      << gz.error.cause;
}

TEST(DistributedMapReaderTest, ARetriedDistributedMapStartsANewMapRun) {
  TestS3 s3;
  s3.buckets["b"];
  auto r = RunWith(ReaderMap(GetObject(R"({"InputType":"JSON"})"),
                             R"(,"Retry":[{"ErrorEquals":["States.ItemReaderFailed"],
                                           "IntervalSeconds":1,"MaxAttempts":1}])"),
                   s3);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(r.error.name, "States.ItemReaderFailed");
  EXPECT_EQ(s3.calls["getObject"], 2);
  const std::string shape = sfnsim_test::Shape(r.events);
  size_t first = shape.find("MapRunStarted");
  ASSERT_NE(first, std::string::npos) << shape;
  EXPECT_NE(shape.find("MapRunStarted", first + 1), std::string::npos) << shape;
}

TEST(DistributedMapReaderTest, ARequestWithoutABucketFailsTheMapRunAndACatchLoopsSafely) {
  TestS3 s3;
  // The Map fails at once (no S3 call); its Catch goes round 2,000 times: the failure is
  // handled from a timer, so the loop does not nest on the stack.
  const std::string definition = R"J({"StartAt":"M","States":{
      "M":{"Type":"Map","ItemReader":{"Resource":"arn:aws:states:::s3:getObject",
             "ReaderConfig":{"InputType":"JSON"},"Parameters":{"Key":"k"}},
           "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
             "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
           "Catch":[{"ErrorEquals":["States.ItemReaderFailed"],"ResultPath":"$.error",
                     "Next":"Count"}],
           "End":true},
      "Count":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.n, 1)"},"Next":"Again"},
      "Again":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":2000,"Next":"M"}],
               "Default":"Done"},
      "Done":{"Type":"Fail","Error":"Looped"}}})J";
  auto r = RunMachine(ParseMachine(definition), R"({"n":0})", &s3, {}, false,
                      /*keep_history=*/false);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(r.error.name, "Looped");
  EXPECT_EQ(s3.calls["getObject"], 0);
  auto once = RunWith(ReaderMap(R"({"Resource":"arn:aws:states:::s3:getObject",
      "ReaderConfig":{"InputType":"JSON"},"Parameters":{"Key":"k"}})"),
                      s3);
  ASSERT_EQ(once.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(once.error.name, "States.ItemReaderFailed");
  EXPECT_EQ(once.error.cause,
            R"J(The ItemReader's Parameters must give a Bucket and a Key (strings), got {"Key":"k"})J");
}

}  // namespace
