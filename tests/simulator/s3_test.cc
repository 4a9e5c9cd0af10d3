// S3's model directly: the store, ETags, ranges, listings (order, delimiters, pages), copies and
// AWS's errors.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "simulator/services/s3/s3_api.h"
#include "simulator/services/s3/s3_config.h"
#include "simulator/services/s3/s3_store.h"

namespace {

using asl::Json;
namespace s3 = sim::s3;

const sim::SimTime kAt{1704067200123};  // 2024-01-01T00:00:00.123Z

s3::Store Bucket(std::initializer_list<std::string> keys) {
  s3::Store store;
  store.AddBucket("data");
  for (const std::string& key : keys) store.Put("data", key, "body of " + key, kAt);
  return store;
}

std::string Code(const s3::ApiResult& result) { return result.ok() ? "ok" : result.error().code; }

std::string ListedKeys(const Json& page) {
  std::string out;
  for (const Json& item : page.value("Contents", Json::array())) {
    out += (out.empty() ? "" : ",") + item["Key"].get<std::string>();
  }
  for (const Json& item : page.value("CommonPrefixes", Json::array())) {
    out += (out.empty() ? "" : ",") + std::string("[") + item["Prefix"].get<std::string>() + "]";
  }
  return out;
}

TEST(S3Store, EtagIsTheQuotedMd5OfTheBodyAndBytesAreCounted) {
  EXPECT_EQ(s3::SinglePartEtag(""), "\"d41d8cd98f00b204e9800998ecf8427e\"");
  EXPECT_EQ(s3::SinglePartEtag("hello"), "\"5d41402abc4b2a76b9719d911017c592\"");
  s3::Store store;
  EXPECT_TRUE(store.AddBucket("data"));
  EXPECT_FALSE(store.AddBucket("data"));
  EXPECT_EQ(store.Put("other", "k", "x", kAt), nullptr);  // no such bucket
  store.Put("data", "a", "hello", kAt);
  store.Put("data", "b", "xy", kAt);
  EXPECT_EQ(store.bytes(), 7);
  store.Put("data", "a", "h", kAt);  // replaced
  EXPECT_EQ(store.bytes(), 3);
  EXPECT_TRUE(store.Delete("data", "b"));
  EXPECT_FALSE(store.Delete("data", "b"));
  EXPECT_EQ(store.bytes(), 1);
  EXPECT_EQ(store.Get("data", "a")->text(), "h");
  EXPECT_EQ(store.Get("data", "a")->content_type, "binary/octet-stream");
}

TEST(S3Api, PutThenGetAnswersTheSdkShape) {
  s3::Store store = Bucket({});
  auto put = s3::PutObject(store,
                           Json{{"Bucket", "data"}, {"Key", "a.json"}, {"Body", {{"x", 1}}},
                                {"ContentType", "application/json"},
                                {"Metadata", {{"Owner", "me"}}}},
                           kAt);
  ASSERT_TRUE(put.ok());
  EXPECT_EQ(*put, (Json{{"ETag", s3::SinglePartEtag("{\"x\":1}")},
                        {"ServerSideEncryption", "AES256"}}));
  auto got = s3::GetObject(store, Json{{"Bucket", "data"}, {"Key", "a.json"}});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ((*got)["Body"], "{\"x\":1}");  // a JSON Body is serialized
  EXPECT_EQ((*got)["ContentLength"], 7);
  EXPECT_EQ((*got)["ContentType"], "application/json");
  EXPECT_EQ((*got)["LastModified"], "2024-01-01T00:00:00Z");  // whole seconds
  EXPECT_EQ((*got)["Metadata"], (Json{{"owner", "me"}}));
  EXPECT_EQ((*got)["AcceptRanges"], "bytes");
  EXPECT_FALSE(got->contains("ContentRange"));
  auto head = s3::HeadObject(store, Json{{"Bucket", "data"}, {"Key", "a.json"}});
  ASSERT_TRUE(head.ok());
  EXPECT_FALSE(head->contains("Body"));
  EXPECT_EQ((*head)["ETag"], (*got)["ETag"]);
}

TEST(S3Api, RangesAnswerThePartWithContentRange) {
  s3::Store store;
  store.AddBucket("data");
  store.Put("data", "k", "0123456789", kAt);
  auto get = [&](const std::string& range) {
    return s3::GetObject(store, Json{{"Bucket", "data"}, {"Key", "k"}, {"Range", range}});
  };
  auto a = get("bytes=2-4");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ((*a)["Body"], "234");
  EXPECT_EQ((*a)["ContentLength"], 3);
  EXPECT_EQ((*a)["ContentRange"], "bytes 2-4/10");
  EXPECT_EQ((*get("bytes=7-"))["Body"], "789");
  EXPECT_EQ((*get("bytes=-3"))["Body"], "789");
  EXPECT_EQ((*get("bytes=-30"))["ContentRange"], "bytes 0-9/10");  // more than there is
  EXPECT_EQ((*get("bytes=8-100"))["ContentRange"], "bytes 8-9/10");
  EXPECT_EQ(Code(get("bytes=10-")), "InvalidRange");
  EXPECT_EQ(Code(get("bytes=-0")), "InvalidRange");
  EXPECT_EQ(get("bytes=10-").error().http_status, 416);
  // S3 ignores a Range it cannot parse and answers the whole object.
  auto ignored = get("lines=1-2");
  EXPECT_EQ((*ignored)["Body"], "0123456789");
  EXPECT_FALSE(ignored->contains("ContentRange"));
  EXPECT_FALSE(get("bytes=5-2")->contains("ContentRange"));
}

TEST(S3Api, ErrorsAreS3s) {
  s3::Store store = Bucket({"a"});
  store.AddForeignBucket("theirs");
  auto missing = s3::GetObject(store, Json{{"Bucket", "nowhere"}, {"Key", "a"}});
  EXPECT_EQ(Code(missing), "NoSuchBucket");
  EXPECT_EQ(missing.error().message, "The specified bucket does not exist");
  EXPECT_EQ(missing.error().http_status, 404);
  auto key = s3::GetObject(store, Json{{"Bucket", "data"}, {"Key", "b"}});
  EXPECT_EQ(Code(key), "NoSuchKey");
  EXPECT_EQ(key.error().message, "The specified key does not exist.");
  auto denied = s3::ListObjectsV2(store, Json{{"Bucket", "theirs"}});
  EXPECT_EQ(Code(denied), "AccessDenied");
  EXPECT_EQ(denied.error().http_status, 403);
  auto no_bucket = s3::PutObject(store, Json{{"Key", "a"}}, kAt);
  EXPECT_EQ(no_bucket.error().http_status, 0);  // the SDK refuses it: SdkClientException
  // Deleting a key that is not there succeeds, as S3's 204 does.
  EXPECT_TRUE(s3::DeleteObject(store, Json{{"Bucket", "data"}, {"Key", "zzz"}}).ok());
}

TEST(S3Api, ListObjectsV2ListsInUtf8BinaryOrderWithCommonPrefixes) {
  s3::Store store = Bucket({"b", "a", "Z", "\xC3\xA9", "dir/x", "dir/y", "dir/sub/z", "e"});
  auto all = s3::ListObjectsV2(store, Json{{"Bucket", "data"}});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(ListedKeys(*all), "Z,a,b,dir/sub/z,dir/x,dir/y,e,\xC3\xA9");
  EXPECT_EQ((*all)["KeyCount"], 8);
  EXPECT_EQ((*all)["MaxKeys"], 1000);
  EXPECT_EQ((*all)["IsTruncated"], false);
  EXPECT_EQ((*all)["Prefix"], "");
  EXPECT_EQ((*all)["Name"], "data");
  EXPECT_EQ((*all)["Contents"][0],
            (Json{{"ETag", s3::SinglePartEtag("body of Z")}, {"Key", "Z"},
                  {"LastModified", "2024-01-01T00:00:00Z"}, {"Size", 9},
                  {"StorageClass", "STANDARD"}}));
  auto rolled = s3::ListObjectsV2(store, Json{{"Bucket", "data"}, {"Delimiter", "/"}});
  EXPECT_EQ(ListedKeys(*rolled), "Z,a,b,e,\xC3\xA9,[dir/]");
  EXPECT_EQ((*rolled)["KeyCount"], 6);  // a common prefix counts as one
  auto inside = s3::ListObjectsV2(
      store, Json{{"Bucket", "data"}, {"Prefix", "dir/"}, {"Delimiter", "/"}});
  EXPECT_EQ(ListedKeys(*inside), "dir/x,dir/y,[dir/sub/]");
  auto none = s3::ListObjectsV2(store, Json{{"Bucket", "data"}, {"Prefix", "q"}});
  EXPECT_FALSE(none->contains("Contents"));
  EXPECT_EQ((*none)["KeyCount"], 0);
}

TEST(S3Api, ListObjectsV2PagesWithContinuationTokensAndStartAfter) {
  s3::Store store = Bucket({"a", "b/1", "b/2", "b/3", "c", "d"});
  Json request{{"Bucket", "data"}, {"Delimiter", "/"}, {"MaxKeys", 2}};
  std::vector<std::string> pages;
  for (int guard = 0; guard < 10; ++guard) {
    auto page = s3::ListObjectsV2(store, request);
    ASSERT_TRUE(page.ok());
    pages.push_back(ListedKeys(*page));
    if (!(*page)["IsTruncated"].get<bool>()) {
      EXPECT_FALSE(page->contains("NextContinuationToken"));
      break;
    }
    request["ContinuationToken"] = (*page)["NextContinuationToken"];
  }
  EXPECT_EQ(fmt::format("{}", fmt::join(pages, " | ")), "a,[b/] | c,d");
  auto after = s3::ListObjectsV2(store, Json{{"Bucket", "data"}, {"StartAfter", "b/2"}});
  EXPECT_EQ(ListedKeys(*after), "b/3,c,d");
  EXPECT_EQ((*after)["StartAfter"], "b/2");
  auto bad = s3::ListObjectsV2(store, Json{{"Bucket", "data"}, {"ContinuationToken", "!!"}});
  EXPECT_EQ(Code(bad), "InvalidArgument");
  EXPECT_EQ(Code(s3::ListObjectsV2(store, Json{{"Bucket", "data"}, {"MaxKeys", -1}})),
            "InvalidArgument");
}

TEST(S3Api, AListingHoldsAtMostAThousandKeys) {
  s3::Store store;
  store.AddBucket("data");
  for (int i = 0; i < 1005; ++i) store.Put("data", fmt::format("k{:05}", i), "", kAt);
  auto page = s3::ListObjectsV2(store, Json{{"Bucket", "data"}, {"MaxKeys", 5000}});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ((*page)["KeyCount"], 1000);
  EXPECT_EQ((*page)["IsTruncated"], true);
  auto rest = s3::ListObjectsV2(
      store, Json{{"Bucket", "data"}, {"ContinuationToken", (*page)["NextContinuationToken"]}});
  EXPECT_EQ((*rest)["KeyCount"], 5);
  EXPECT_EQ((*rest)["Contents"][0]["Key"], "k01000");
}

TEST(S3Api, ListObjectsV1GivesNextMarkerOnlyWithADelimiter) {
  s3::Store store = Bucket({"a", "b", "c/1", "d"});
  auto plain = s3::ListObjects(store, Json{{"Bucket", "data"}, {"MaxKeys", 2}});
  EXPECT_EQ(ListedKeys(*plain), "a,b");
  EXPECT_EQ((*plain)["IsTruncated"], true);
  EXPECT_EQ((*plain)["Marker"], "");
  EXPECT_FALSE(plain->contains("NextMarker"));
  auto next = s3::ListObjects(store, Json{{"Bucket", "data"}, {"Marker", "b"}});
  EXPECT_EQ(ListedKeys(*next), "c/1,d");
  auto rolled =
      s3::ListObjects(store, Json{{"Bucket", "data"}, {"MaxKeys", 3}, {"Delimiter", "/"}});
  EXPECT_EQ(ListedKeys(*rolled), "a,b,[c/]");
  EXPECT_EQ((*rolled)["NextMarker"], "c/");
}

TEST(S3Api, CopyObjectDecodesTheSourceAndSharesTheBytes) {
  s3::Store store = Bucket({"in/a b.txt"});
  auto copied = s3::CopyObject(
      store, Json{{"Bucket", "data"}, {"Key", "out/c.txt"}, {"CopySource", "data/in/a%20b.txt"}},
      sim::SimTime{kAt.ms + 5000});
  ASSERT_TRUE(copied.ok()) << copied.error().message;
  EXPECT_EQ((*copied)["CopyObjectResult"]["ETag"], s3::SinglePartEtag("body of in/a b.txt"));
  EXPECT_EQ((*copied)["CopyObjectResult"]["LastModified"], "2024-01-01T00:00:05Z");
  EXPECT_EQ(store.Get("data", "out/c.txt")->text(), "body of in/a b.txt");
  EXPECT_EQ(store.Get("data", "out/c.txt")->body, store.Get("data", "in/a b.txt")->body);
  EXPECT_EQ(Code(s3::CopyObject(store, Json{{"Bucket", "data"}, {"Key", "x"},
                                            {"CopySource", "/data/missing"}}, kAt)),
            "NoSuchKey");
  EXPECT_EQ(Code(s3::CopyObject(store, Json{{"Bucket", "data"}, {"Key", "x"},
                                            {"CopySource", "nokey"}}, kAt)),
            "InvalidArgument");
  EXPECT_EQ(Code(s3::CopyObject(store, Json{{"Bucket", "data"}, {"Key", "in/a b.txt"},
                                            {"CopySource", "data/in/a+b.txt"}}, kAt)),
            "NoSuchKey");  // '+' is not a space in a path
  EXPECT_EQ(Code(s3::CopyObject(store, Json{{"Bucket", "data"}, {"Key", "in/a b.txt"},
                                            {"CopySource", "data/in/a%20b.txt"}}, kAt)),
            "InvalidRequest");  // onto itself
}

TEST(S3Config, BucketNamesFollowS3sRules) {
  EXPECT_EQ(s3::BucketNameProblem("my-bucket.data1"), "");
  EXPECT_NE(s3::BucketNameProblem("ab"), "");
  EXPECT_NE(s3::BucketNameProblem("MyBucket"), "");
  EXPECT_NE(s3::BucketNameProblem("-bucket"), "");
  EXPECT_NE(s3::BucketNameProblem("my..bucket"), "");
  EXPECT_NE(s3::BucketNameProblem("192.168.5.4"), "");
  EXPECT_NE(s3::BucketNameProblem("xn--bucket"), "");
  EXPECT_NE(s3::BucketNameProblem("bucket-s3alias"), "");
  EXPECT_NE(s3::BucketNameProblem(std::string(64, 'a')), "");
}

}  // namespace
