// S3's response shapes against moto's: the same requests sent to moto_server with boto3 and to
// sfnsim's S3 model; every response member's name and JSON type, and every error's code and HTTP
// status, must agree, apart from the members listed below with why.

#include <gtest/gtest.h>

#include <set>

#include "asl/base/json.h"
#include "simulator/services/s3/s3_api.h"
#include "tests/integration/moto_server.h"

namespace {

using asl::Json;
using sfnsim_test::ScratchDir;

// The requests, in boto3's spelling; the test replays them on sfnsim's model.
constexpr const char* kScript = R"PY(
import datetime, json, sys
import boto3, botocore
s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1",
                  aws_access_key_id="testing", aws_secret_access_key="testing")
def shape(v):
    if isinstance(v, dict):
        return {k: shape(x) for k, x in v.items() if k != "ResponseMetadata"}
    if isinstance(v, list):
        return [shape(v[0])] if v else []
    if isinstance(v, bool): return "boolean"
    if isinstance(v, int): return "integer"
    if isinstance(v, float): return "number"
    if isinstance(v, (str, datetime.datetime)): return "string"
    if hasattr(v, "read"):
        v.read()
        return "string"
    return type(v).__name__
def call(name, **kw):
    try:
        return {"ok": shape(getattr(s3, name)(**kw))}
    except botocore.exceptions.ClientError as e:
        return {"error": e.response["Error"]["Code"],
                "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
s3.create_bucket(Bucket="shapes")
out = {}
out["putObject"] = call("put_object", Bucket="shapes", Key="dir/a.txt", Body=b"hello world")
s3.put_object(Bucket="shapes", Key="dir/sub/b.txt", Body=b"x")
s3.put_object(Bucket="shapes", Key="top.txt", Body=b"y")
out["getObject"] = call("get_object", Bucket="shapes", Key="dir/a.txt")
out["getObjectRange"] = call("get_object", Bucket="shapes", Key="dir/a.txt", Range="bytes=0-4")
out["headObject"] = call("head_object", Bucket="shapes", Key="dir/a.txt")
out["listObjectsV2Page"] = call("list_objects_v2", Bucket="shapes", Delimiter="/", MaxKeys=1)
out["listObjectsV2"] = call("list_objects_v2", Bucket="shapes")
out["listObjects"] = call("list_objects", Bucket="shapes", Delimiter="/")
out["copyObject"] = call("copy_object", Bucket="shapes", Key="copy.txt", CopySource="shapes/dir/a.txt")
out["deleteObject"] = call("delete_object", Bucket="shapes", Key="copy.txt")
out["noSuchKey"] = call("get_object", Bucket="shapes", Key="missing")
out["noSuchKeyHead"] = call("head_object", Bucket="shapes", Key="missing")
out["noSuchBucket"] = call("list_objects_v2", Bucket="missing-bucket")
out["invalidRange"] = call("get_object", Bucket="shapes", Key="dir/a.txt", Range="bytes=100-")
print(json.dumps(out))
)PY";

// Members one side has and the other does not, and why.
const std::set<std::string> kOnlyMoto = {
    "ChecksumCRC32",      // boto3 sends a CRC32 by default and moto echoes it; not modelled
    "ChecksumAlgorithm",  // the same, in listings
    "EncodingType",       // boto3 asks for url encoding by default; Step Functions does not
    "Owner",              // listObjects v1 lists owners; not modelled (known-differences.md)
};
const std::set<std::string> kOnlySfnsim = {
    "ServerSideEncryption",  // S3 encrypts every object with SSE-S3 since 2023; moto omits it
    "Marker",                // S3 echoes an empty <Marker/> in v1; moto omits it
    "Prefix",                // S3 echoes an empty <Prefix/>; moto omits it in v1
};

Json Shape(const Json& value) {
  if (value.is_object()) {
    Json out = Json::object();
    for (auto it = value.begin(); it != value.end(); ++it) out[it.key()] = Shape(*it);
    return out;
  }
  if (value.is_array()) return value.empty() ? Json::array() : Json::array({Shape(value[0])});
  if (value.is_boolean()) return "boolean";
  if (value.is_number_integer()) return "integer";
  if (value.is_number()) return "number";
  return "string";
}

// moto's shape against sfnsim's, ignoring the listed members; "" when they agree.
std::string Compare(const Json& moto, const Json& sfnsim, const std::string& where) {
  if (moto.is_object() != sfnsim.is_object() || moto.is_array() != sfnsim.is_array()) {
    return where + ": moto " + asl::Dump(moto) + ", sfnsim " + asl::Dump(sfnsim) + "\n";
  }
  std::string problems;
  if (moto.is_object()) {
    for (auto it = moto.begin(); it != moto.end(); ++it) {
      if (kOnlyMoto.contains(it.key())) continue;
      if (!sfnsim.contains(it.key())) {
        problems += where + "/" + it.key() + ": only moto has it\n";
        continue;
      }
      problems += Compare(*it, sfnsim[it.key()], where + "/" + it.key());
    }
    for (auto it = sfnsim.begin(); it != sfnsim.end(); ++it) {
      if (!moto.contains(it.key()) && !kOnlySfnsim.contains(it.key())) {
        problems += where + "/" + it.key() + ": only sfnsim has it\n";
      }
    }
    return problems;
  }
  if (moto.is_array()) {
    if (moto.empty() || sfnsim.empty()) return "";
    return Compare(moto[0], sfnsim[0], where + "/0");
  }
  if (moto != sfnsim) return where + ": moto " + asl::Dump(moto) + ", sfnsim " + asl::Dump(sfnsim) + "\n";
  return "";
}

Json ShapeOf(const sim::s3::ApiResult& result) {
  if (result.ok()) return Json{{"ok", Shape(*result)}};
  return Json{{"error", result.error().code}, {"status", result.error().http_status}};
}

TEST(S3MotoShapes, ResponsesHaveMotosMembersAndTypes) {
  ScratchDir dir;
  sfnsim_test::MotoServer moto;
  std::string started = moto.Start(dir.Path("moto.log"));
  ASSERT_EQ(started, "");
  std::string script = dir.Write("shapes.py", kScript);
  std::string out_file = dir.Path("shapes.json");
  std::string command = "python3 " + script + " " + moto.url() + " > " + out_file + " 2> " +
                        dir.Path("shapes.err");
  ASSERT_EQ(std::system(command.c_str()), 0) << ScratchDir::Read(dir.Path("shapes.err"));
  Json expected = Json::parse(ScratchDir::Read(out_file));

  sim::s3::Store store;
  store.AddBucket("shapes");
  sim::SimTime at{1704067200000};
  Json actual = Json::object();
  auto request = [](const std::string& key) { return Json{{"Bucket", "shapes"}, {"Key", key}}; };
  actual["putObject"] = ShapeOf(sim::s3::PutObject(
      store, Json{{"Bucket", "shapes"}, {"Key", "dir/a.txt"}, {"Body", "hello world"}}, at));
  (void)sim::s3::PutObject(store, Json{{"Bucket", "shapes"}, {"Key", "dir/sub/b.txt"}, {"Body", "x"}}, at);
  (void)sim::s3::PutObject(store, Json{{"Bucket", "shapes"}, {"Key", "top.txt"}, {"Body", "y"}}, at);
  actual["getObject"] = ShapeOf(sim::s3::GetObject(store, request("dir/a.txt")));
  Json ranged = request("dir/a.txt");
  ranged["Range"] = "bytes=0-4";
  actual["getObjectRange"] = ShapeOf(sim::s3::GetObject(store, ranged));
  actual["headObject"] = ShapeOf(sim::s3::HeadObject(store, request("dir/a.txt")));
  actual["listObjectsV2Page"] = ShapeOf(sim::s3::ListObjectsV2(
      store, Json{{"Bucket", "shapes"}, {"Delimiter", "/"}, {"MaxKeys", 1}}));
  actual["listObjectsV2"] = ShapeOf(sim::s3::ListObjectsV2(store, Json{{"Bucket", "shapes"}}));
  actual["listObjects"] =
      ShapeOf(sim::s3::ListObjects(store, Json{{"Bucket", "shapes"}, {"Delimiter", "/"}}));
  Json copy = request("copy.txt");
  copy["CopySource"] = "shapes/dir/a.txt";
  actual["copyObject"] = ShapeOf(sim::s3::CopyObject(store, copy, at));
  actual["deleteObject"] = ShapeOf(sim::s3::DeleteObject(store, request("copy.txt")));
  actual["noSuchKey"] = ShapeOf(sim::s3::GetObject(store, request("missing")));
  // HEAD has no body: the SDKs see the status alone and boto3 names it by the status ("404").
  Json head = ShapeOf(sim::s3::HeadObject(store, request("missing")));
  EXPECT_EQ(head["error"], "NoSuchKey");
  EXPECT_EQ(expected["noSuchKeyHead"]["status"], head["status"]);
  expected.erase("noSuchKeyHead");
  actual["noSuchBucket"] = ShapeOf(sim::s3::ListObjectsV2(store, Json{{"Bucket", "missing-bucket"}}));
  Json past_end = request("dir/a.txt");
  past_end["Range"] = "bytes=100-";
  actual["invalidRange"] = ShapeOf(sim::s3::GetObject(store, past_end));

  std::string problems;
  for (auto it = expected.begin(); it != expected.end(); ++it) {
    ASSERT_TRUE(actual.contains(it.key())) << it.key();
    problems += Compare(*it, actual[it.key()], it.key());
  }
  EXPECT_EQ(problems, "") << "moto: " << asl::Dump(expected) << "\nsfnsim: " << asl::Dump(actual);
}

}  // namespace
