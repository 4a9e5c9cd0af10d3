// ListObjectsV2 and ListObjects (v1) over a bucket's keys in UTF-8 binary order.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>

#include "simulator/services/s3/s3_api.h"
#include "simulator/services/s3/s3_errors.h"

namespace sim::s3 {

namespace {

using internal::OptionalString;
using internal::OwnedBucket;

constexpr int64_t kMaxKeys = 1000;  // the default and the most one page holds

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64(std::string_view bytes) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kBase64[(buffer >> bits) & 0x3F];
    }
  }
  if (bits > 0) out += kBase64[(buffer << (6 - bits)) & 0x3F];
  while (out.size() % 4 != 0) out += '=';
  return out;
}

std::optional<std::string> Unbase64(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') break;
    const char* at = std::char_traits<char>::find(kBase64, 64, c);
    if (at == nullptr) return std::nullopt;
    buffer = (buffer << 6) | static_cast<uint32_t>(at - kBase64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// Where a page resumes: after `marker`, and past every key under it when it was a common prefix.
// A continuation token is this, opaque to the caller as S3's are: "k" or "p", then the marker.
struct Resume {
  std::string marker;
  bool common_prefix = false;
};

std::string Token(const Resume& resume) {
  return Base64((resume.common_prefix ? "p" : "k") + resume.marker);
}

struct Page {
  asl::Json contents = asl::Json::array();
  asl::Json common_prefixes = asl::Json::array();
  int64_t count = 0;
  bool truncated = false;
  Resume last;  // the last key or common prefix returned
};

asl::Json Entry(const std::string& key, const Object& object) {
  return asl::Json{{"ETag", object.etag},
                   {"Key", key},
                   {"LastModified", Timestamp(object.last_modified)},
                   {"Size", object.size()},
                   {"StorageClass", "STANDARD"}};
}

// The first string after every string that starts with `prefix` ("" when there is none: a
// prefix of 0xFF bytes only).
std::string PrefixEnd(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xFF) prefix.pop_back();
  if (!prefix.empty()) prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

// Past every key under a common prefix, without walking them (a bucket of 100,000 keys under a
// few prefixes lists in a few steps).
ObjectMap::const_iterator Skip(const ObjectMap& objects, const std::string& rolled) {
  std::string end = PrefixEnd(rolled);
  return end.empty() ? objects.end() : objects.lower_bound(end);
}

Page List(const ObjectMap& objects, const std::string& prefix, const std::string& delimiter,
          int64_t max_keys, const Resume& after) {
  Page page;
  auto it = objects.lower_bound(prefix);
  if (!after.marker.empty() && after.marker >= prefix) {
    it = after.common_prefix ? Skip(objects, after.marker) : objects.upper_bound(after.marker);
  }
  while (it != objects.end()) {
    const std::string& key = it->first;
    if (key.compare(0, prefix.size(), prefix) != 0) break;  // past every key with the prefix
    std::string rolled;
    if (!delimiter.empty()) {
      size_t at = key.find(delimiter, prefix.size());
      if (at != std::string::npos) rolled = key.substr(0, at + delimiter.size());
    }
    if (page.count == max_keys) {
      page.truncated = max_keys > 0;
      break;
    }
    ++page.count;
    if (rolled.empty()) {
      page.contents.push_back(Entry(key, it->second));
      page.last = {key, false};
      ++it;
    } else {
      page.common_prefixes.push_back(asl::Json{{"Prefix", rolled}});
      page.last = {rolled, true};
      it = Skip(objects, rolled);
    }
  }
  return page;
}

asl::Result<int64_t, AwsError> MaxKeys(const asl::Json& params) {
  auto it = params.find("MaxKeys");
  if (it == params.end() || it->is_null()) return kMaxKeys;
  if (!it->is_number_integer()) {
    return asl::Fail(ClientSide(fmt::format("Parameter 'MaxKeys' must be an integer, got {}",
                                            it->type_name())));
  }
  int64_t value = it->get<int64_t>();
  if (value < 0 || value > INT32_MAX) {
    return asl::Fail(InvalidArgument("Provided max-keys not an integer or within integer range"));
  }
  return value;
}

struct Common {
  std::string bucket, prefix, delimiter;
  int64_t max_keys = kMaxKeys;  // as asked (echoed); a page holds at most kMaxKeys
};

asl::Result<Common, AwsError> ReadCommon(const Store& store, const asl::Json& params) {
  Common c;
  auto bucket = OwnedBucket(store, params);
  if (!bucket.ok()) return bucket.release_error();
  c.bucket = *bucket;
  auto prefix = OptionalString(params, "Prefix");
  if (!prefix.ok()) return prefix.release_error();
  c.prefix = *prefix;
  auto delimiter = OptionalString(params, "Delimiter");
  if (!delimiter.ok()) return delimiter.release_error();
  c.delimiter = *delimiter;
  auto max_keys = MaxKeys(params);
  if (!max_keys.ok()) return max_keys.release_error();
  c.max_keys = *max_keys;
  return c;
}

// The members both versions answer with.
asl::Json Answer(const Common& c, Page& page) {
  asl::Json out = asl::Json::object();
  out["Name"] = c.bucket;
  out["Prefix"] = c.prefix;
  if (!c.delimiter.empty()) out["Delimiter"] = c.delimiter;
  out["MaxKeys"] = c.max_keys;
  out["IsTruncated"] = page.truncated;
  // An empty list is absent from S3's XML, and so from the SDK's output.
  if (!page.contents.empty()) out["Contents"] = std::move(page.contents);
  if (!page.common_prefixes.empty()) out["CommonPrefixes"] = std::move(page.common_prefixes);
  return out;
}

}  // namespace

ApiResult ListObjectsV2(const Store& store, const asl::Json& params) {
  auto common = ReadCommon(store, params);
  if (!common.ok()) return common.release_error();
  auto token = OptionalString(params, "ContinuationToken");
  if (!token.ok()) return token.release_error();
  auto start_after = OptionalString(params, "StartAfter");
  if (!start_after.ok()) return start_after.release_error();
  Resume resume{*start_after, false};
  bool has_token = params.contains("ContinuationToken") && !params["ContinuationToken"].is_null();
  if (has_token) {
    auto decoded = Unbase64(*token);
    if (!decoded || decoded->empty() || ((*decoded)[0] != 'k' && (*decoded)[0] != 'p')) {
      return asl::Fail(InvalidArgument("The continuation token provided is incorrect"));
    }
    resume = {decoded->substr(1), (*decoded)[0] == 'p'};  // the token wins over StartAfter
  }
  Page page = List(*store.Objects(common->bucket), common->prefix, common->delimiter,
                   std::min(common->max_keys, kMaxKeys), resume);
  int64_t count = page.count;
  bool truncated = page.truncated;
  Resume last = page.last;
  asl::Json out = Answer(*common, page);
  out["KeyCount"] = count;
  if (has_token) out["ContinuationToken"] = *token;
  if (truncated) out["NextContinuationToken"] = Token(last);
  if (!start_after->empty()) out["StartAfter"] = *start_after;
  return out;
}

ApiResult ListObjects(const Store& store, const asl::Json& params) {
  auto common = ReadCommon(store, params);
  if (!common.ok()) return common.release_error();
  auto marker = OptionalString(params, "Marker");
  if (!marker.ok()) return marker.release_error();
  Page page = List(*store.Objects(common->bucket), common->prefix, common->delimiter,
                   std::min(common->max_keys, kMaxKeys), Resume{*marker, false});
  bool truncated = page.truncated;
  Resume last = page.last;
  asl::Json out = Answer(*common, page);
  out["Marker"] = *marker;
  // v1 gives NextMarker only with a Delimiter; without one the caller resumes after the last key.
  if (truncated && !common->delimiter.empty()) out["NextMarker"] = last.marker;
  return out;
}

}  // namespace sim::s3
