#include "simulator/services/s3/s3_api.h"

#include <fmt/format.h>

#include <charconv>
#include <optional>

#include "simulator/services/s3/s3_errors.h"

namespace sim::s3 {

namespace internal {

asl::Result<std::string, AwsError> RequiredString(const asl::Json& params, const char* name) {
  auto it = params.find(name);
  if (it == params.end() || it->is_null()) {
    return asl::Fail(ClientSide(fmt::format("Parameter '{}' must not be null", name)));
  }
  if (!it->is_string()) {
    return asl::Fail(ClientSide(fmt::format("Parameter '{}' must be a string, got {}", name,
                                            it->type_name())));
  }
  return it->get<std::string>();
}

asl::Result<std::string, AwsError> OptionalString(const asl::Json& params, const char* name) {
  auto it = params.find(name);
  if (it == params.end() || it->is_null()) return std::string();
  if (!it->is_string()) {
    return asl::Fail(ClientSide(fmt::format("Parameter '{}' must be a string, got {}", name,
                                            it->type_name())));
  }
  return it->get<std::string>();
}

asl::Result<std::string, AwsError> OwnedBucket(const Store& store, const asl::Json& params) {
  auto bucket = RequiredString(params, "Bucket");
  if (!bucket.ok()) return bucket;
  switch (store.Owner(*bucket)) {
    case BucketOwner::kOwned: return bucket;
    case BucketOwner::kForeign: return asl::Fail(AccessDenied());
    case BucketOwner::kMissing: break;
  }
  return asl::Fail(NoSuchBucket());
}

}  // namespace internal

namespace {

using internal::OptionalString;
using internal::OwnedBucket;
using internal::RequiredString;

// The headers GetObject and HeadObject answer with, as the SDK's response members. Every object
// is encrypted with SSE-S3 since January 2023 (S3 User Guide, "Default encryption").
asl::Json ObjectHeaders(const Object& object) {
  asl::Json out = asl::Json::object();
  out["AcceptRanges"] = "bytes";
  out["ContentLength"] = object.size();
  out["ContentType"] = object.content_type;
  out["ETag"] = object.etag;
  out["LastModified"] = Timestamp(object.last_modified);
  asl::Json metadata = asl::Json::object();
  for (const auto& [name, value] : object.metadata) metadata[name] = value;
  out["Metadata"] = std::move(metadata);
  out["ServerSideEncryption"] = "AES256";
  return out;
}

asl::Result<const Object*, AwsError> Lookup(const Store& store, const asl::Json& params) {
  auto bucket = OwnedBucket(store, params);
  if (!bucket.ok()) return bucket.release_error();
  auto key = RequiredString(params, "Key");
  if (!key.ok()) return key.release_error();
  const Object* object = store.Get(*bucket, *key);
  if (!object) return asl::Fail(NoSuchKey());
  return object;
}

std::optional<int64_t> ParseCount(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// [first, last] of a Range header against `size` bytes: nullopt when S3 would ignore the header
// (not one well-formed byte range), an InvalidRange error when it cannot be satisfied.
asl::Result<std::optional<std::pair<int64_t, int64_t>>, AwsError> ParseRange(
    std::string_view range, int64_t size) {
  using Span = std::optional<std::pair<int64_t, int64_t>>;
  constexpr std::string_view kUnit = "bytes=";
  if (range.substr(0, kUnit.size()) != kUnit) return Span();
  std::string_view spec = range.substr(kUnit.size());
  size_t dash = spec.find('-');
  if (dash == std::string_view::npos || spec.find(',') != std::string_view::npos) return Span();
  std::string_view from = spec.substr(0, dash);
  std::string_view to = spec.substr(dash + 1);
  if (from.empty()) {  // the last n bytes
    auto n = ParseCount(to);
    if (!n) return Span();
    if (*n == 0 || size == 0) return asl::Fail(InvalidRange());
    return Span(std::pair<int64_t, int64_t>(size - std::min(*n, size), size - 1));
  }
  auto first = ParseCount(from);
  if (!first) return Span();
  int64_t last = size - 1;
  if (!to.empty()) {
    auto parsed = ParseCount(to);
    if (!parsed || *parsed < *first) return Span();  // S3 ignores an inverted range
    last = std::min(*parsed, size - 1);
  }
  if (*first >= size) return asl::Fail(InvalidRange());
  return Span(std::pair<int64_t, int64_t>(*first, last));
}

int FromHex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> UrlDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int hi = FromHex(text[i + 1]);
    int lo = FromHex(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

}  // namespace

std::string BodyText(const asl::Json& body) {
  if (body.is_string()) return body.get<std::string>();
  if (body.is_null()) return std::string();
  return asl::Dump(body);
}

std::string Timestamp(SimTime at) {
  std::string millis = FormatIso8601Millis(at);  // 2024-01-01T00:00:00.123Z
  return millis.substr(0, millis.size() - 5) + "Z";
}

ApiResult PutObject(Store& store, const asl::Json& params, SimTime at) {
  auto bucket = OwnedBucket(store, params);
  if (!bucket.ok()) return bucket.release_error();
  auto key = RequiredString(params, "Key");
  if (!key.ok()) return key.release_error();
  auto content_type = OptionalString(params, "ContentType");
  if (!content_type.ok()) return content_type.release_error();
  std::map<std::string, std::string> metadata;
  if (auto it = params.find("Metadata"); it != params.end() && !it->is_null()) {
    if (!it->is_object()) return asl::Fail(ClientSide("Parameter 'Metadata' must be an object"));
    for (auto m = it->begin(); m != it->end(); ++m) {
      if (!m->is_string()) {
        return asl::Fail(ClientSide(fmt::format("Metadata '{}' must be a string", m.key())));
      }
      std::string name = m.key();
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      metadata[name] = m->get<std::string>();
    }
  }
  std::string body;
  if (auto it = params.find("Body"); it != params.end()) body = BodyText(*it);
  const Object* object =
      store.Put(*bucket, *key, std::move(body), at, *content_type, std::move(metadata));
  return asl::Json{{"ETag", object->etag}, {"ServerSideEncryption", "AES256"}};
}

ApiResult GetObject(const Store& store, const asl::Json& params) {
  auto found = Lookup(store, params);
  if (!found.ok()) return found.release_error();
  const Object& object = **found;
  auto range_text = OptionalString(params, "Range");
  if (!range_text.ok()) return range_text.release_error();
  auto range = ParseRange(*range_text, object.size());
  if (!range.ok()) return range.release_error();
  asl::Json out = ObjectHeaders(object);
  std::string_view text = object.text();
  if (*range) {
    auto [first, last] = **range;
    out["Body"] = std::string(text.substr(static_cast<size_t>(first),
                                          static_cast<size_t>(last - first + 1)));
    out["ContentLength"] = last - first + 1;
    out["ContentRange"] = fmt::format("bytes {}-{}/{}", first, last, object.size());
  } else {
    out["Body"] = std::string(text);
  }
  return out;
}

ApiResult HeadObject(const Store& store, const asl::Json& params) {
  auto found = Lookup(store, params);
  if (!found.ok()) return found.release_error();
  return ObjectHeaders(**found);
}

ApiResult DeleteObject(Store& store, const asl::Json& params) {
  auto bucket = OwnedBucket(store, params);
  if (!bucket.ok()) return bucket.release_error();
  auto key = RequiredString(params, "Key");
  if (!key.ok()) return key.release_error();
  // S3 answers 204 whether or not the key existed.
  store.Delete(*bucket, *key);
  return asl::Json::object();
}

ApiResult CopyObject(Store& store, const asl::Json& params, SimTime at) {
  auto bucket = OwnedBucket(store, params);
  if (!bucket.ok()) return bucket.release_error();
  auto key = RequiredString(params, "Key");
  if (!key.ok()) return key.release_error();
  auto source = RequiredString(params, "CopySource");
  if (!source.ok()) return source.release_error();
  std::string_view raw = *source;
  if (!raw.empty() && raw.front() == '/') raw.remove_prefix(1);
  std::string_view path = raw.substr(0, raw.find('?'));  // ?versionId=: one version per key here
  size_t slash = path.find('/');
  auto source_bucket = UrlDecode(path.substr(0, slash));
  auto source_key = slash == std::string_view::npos ? std::optional<std::string>()
                                                    : UrlDecode(path.substr(slash + 1));
  if (!source_bucket || !source_key || source_bucket->empty() || source_key->empty()) {
    return asl::Fail(InvalidArgument("Invalid copy source object key"));
  }
  auto found = Lookup(store, asl::Json{{"Bucket", *source_bucket}, {"Key", *source_key}});
  if (!found.ok()) return found.release_error();
  if (*source_bucket == *bucket && *source_key == *key) {
    AwsError in_place = InvalidArgument(
        "This copy request is illegal because it is trying to copy an object to itself without "
        "changing the object's metadata, storage class, website redirect location or encryption "
        "attributes.");
    in_place.code = "InvalidRequest";
    return asl::Fail(std::move(in_place));
  }
  Object copied = **found;
  const Object* object = store.PutCopy(*bucket, *key, copied, at);
  return asl::Json{
      {"CopyObjectResult",
       {{"ETag", object->etag}, {"LastModified", Timestamp(object->last_modified)}}},
      {"ServerSideEncryption", "AES256"}};
}

}  // namespace sim::s3
