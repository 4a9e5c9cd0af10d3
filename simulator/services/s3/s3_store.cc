#include "simulator/services/s3/s3_store.h"

#include "asl/intrinsics/hash_digests.h"

namespace sim::s3 {

std::string SinglePartEtag(std::string_view body) {
  return "\"" + asl::intrinsics::Md5Hex(body) + "\"";
}

bool Store::AddBucket(const std::string& name) {
  if (foreign_.contains(name)) return false;
  return buckets_.emplace(name, ObjectMap{}).second;
}

void Store::AddForeignBucket(const std::string& name) {
  if (!buckets_.contains(name)) foreign_.emplace(name, true);
}

BucketOwner Store::Owner(std::string_view bucket) const {
  if (buckets_.find(bucket) != buckets_.end()) return BucketOwner::kOwned;
  if (foreign_.find(bucket) != foreign_.end()) return BucketOwner::kForeign;
  return BucketOwner::kMissing;
}

ObjectMap* Store::Mutable(std::string_view bucket) {
  auto it = buckets_.find(bucket);
  return it == buckets_.end() ? nullptr : &it->second;
}

const ObjectMap* Store::Objects(std::string_view bucket) const {
  auto it = buckets_.find(bucket);
  return it == buckets_.end() ? nullptr : &it->second;
}

const Object* Store::Get(std::string_view bucket, std::string_view key) const {
  const ObjectMap* objects = Objects(bucket);
  if (!objects) return nullptr;
  auto it = objects->find(key);
  return it == objects->end() ? nullptr : &it->second;
}

const Object* Store::Put(std::string_view bucket, const std::string& key, std::string body,
                         SimTime at, std::string content_type,
                         std::map<std::string, std::string> metadata) {
  ObjectMap* objects = Mutable(bucket);
  if (!objects) return nullptr;
  Object object;
  object.etag = SinglePartEtag(body);
  object.body = std::make_shared<const std::string>(std::move(body));
  object.last_modified = at;
  if (!content_type.empty()) object.content_type = std::move(content_type);
  object.metadata = std::move(metadata);
  Object& slot = (*objects)[key];
  bytes_ += object.size() - slot.size();
  slot = std::move(object);
  return &slot;
}

const Object* Store::PutCopy(std::string_view bucket, const std::string& key,
                             const Object& source, SimTime at) {
  ObjectMap* objects = Mutable(bucket);
  if (!objects) return nullptr;
  Object object = source;  // shares the body
  object.last_modified = at;
  Object& slot = (*objects)[key];
  bytes_ += object.size() - slot.size();
  slot = std::move(object);
  return &slot;
}

bool Store::Delete(std::string_view bucket, std::string_view key) {
  ObjectMap* objects = Mutable(bucket);
  if (!objects) return false;
  auto it = objects->find(key);
  if (it == objects->end()) return false;
  bytes_ -= it->second.size();
  objects->erase(it);
  return true;
}

std::vector<std::string> Store::BucketNames() const {
  std::vector<std::string> names;
  for (const auto& [name, objects] : buckets_) names.push_back(name);
  return names;
}

}  // namespace sim::s3
