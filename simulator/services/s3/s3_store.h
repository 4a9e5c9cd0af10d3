#pragma once
// S3's data: buckets and their objects, in memory, with no knowledge of Step Functions. Keys are
// kept in UTF-8 binary order (std::map over std::string compares bytes), the order S3 lists them
// in. Bodies are shared immutable strings, so a copy or a listing never copies the bytes.
//
// The harness, scenario tests and Athena reach the store through World::s3()
// (simulator/world/world.h); Step Functions reaches it through S3Service (s3_service.h).

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/clock/sim_time.h"

namespace sim::s3 {

struct Object {
  std::shared_ptr<const std::string> body;
  std::string etag;  // quoted lowercase MD5 hex of the body, as S3 gives a single-part upload
  SimTime last_modified;
  std::string content_type = "binary/octet-stream";  // S3's default when a PUT names none
  std::map<std::string, std::string> metadata;       // x-amz-meta-*, names lower-cased

  std::string_view text() const { return body ? std::string_view(*body) : std::string_view(); }
  int64_t size() const { return body ? static_cast<int64_t>(body->size()) : 0; }
};

using ObjectMap = std::map<std::string, Object, std::less<>>;

// Whether a bucket name exists for this account.
enum class BucketOwner : uint8_t {
  kOwned,    // declared in the world: the account may use it
  kForeign,  // exists in another account: AccessDenied
  kMissing,  // exists nowhere: NoSuchBucket
};

class Store {
 public:
  // Adds an empty bucket of the account; false when the name is taken.
  bool AddBucket(const std::string& name);
  // A bucket owned by another account (the world's foreign_buckets).
  void AddForeignBucket(const std::string& name);
  BucketOwner Owner(std::string_view bucket) const;

  // The object, or null (no such bucket or key).
  const Object* Get(std::string_view bucket, std::string_view key) const;
  // Stores `body` under `key` (replacing any object there) in an owned bucket, computing the
  // ETag; null when the bucket is not owned.
  const Object* Put(std::string_view bucket, const std::string& key, std::string body,
                    SimTime at, std::string content_type = "",
                    std::map<std::string, std::string> metadata = {});
  // Stores a copy sharing `source`'s bytes (CopyObject); null when the bucket is not owned.
  const Object* PutCopy(std::string_view bucket, const std::string& key, const Object& source,
                        SimTime at);
  // Removes the object; false when there was none.
  bool Delete(std::string_view bucket, std::string_view key);

  // An owned bucket's objects in key order; null for any other bucket.
  const ObjectMap* Objects(std::string_view bucket) const;
  std::vector<std::string> BucketNames() const;
  // Bytes stored across every bucket.
  int64_t bytes() const { return bytes_; }

 private:
  ObjectMap* Mutable(std::string_view bucket);

  std::map<std::string, ObjectMap, std::less<>> buckets_;
  std::map<std::string, bool, std::less<>> foreign_;
  int64_t bytes_ = 0;
};

// The quoted MD5 hex S3 gives an object uploaded in one part: "\"d41d8cd98f00b204e9800998ecf8427e\"".
std::string SinglePartEtag(std::string_view body);

}  // namespace sim::s3
