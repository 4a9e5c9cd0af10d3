// TagResource, UntagResource, ListTagsForResource on state machines.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_TagResource.html

#include <fmt/format.h>

#include "simulator/api/api_internal.h"

namespace sim::api {

namespace {

// The tagged machine's ARN, or AWS's ResourceNotFound.
std::string TaggedArn(const ApiRequest& request,
                      const std::map<std::string, std::shared_ptr<StateMachineRecord>>& machines) {
  std::string arn = request.RequiredString("resourceArn");
  CheckArn(arn);
  if (machines.count(arn) == 0) {
    Fail("ResourceNotFound", fmt::format("Resource not found: '{}'", arn));
  }
  return arn;
}

}  // namespace

void MergeTags(std::vector<std::pair<std::string, std::string>>& into,
               const std::vector<std::pair<std::string, std::string>>& tags) {
  for (const auto& [key, value] : tags) {
    bool replaced = false;
    for (auto& kept : into) {
      if (kept.first == key) {
        kept.second = value;
        replaced = true;
      }
    }
    if (!replaced) into.emplace_back(key, value);
  }
}

std::vector<std::pair<std::string, std::string>> ReadTags(const ApiRequest& request) {
  std::vector<std::pair<std::string, std::string>> given;
  const asl::Json* tags = request.Member("tags");
  if (tags == nullptr) return given;
  if (!tags->is_array()) Fail(SerializationError("tags must be a list of {key, value}"));
  for (const asl::Json& tag : *tags) {
    if (!tag.is_object() || !tag.contains("key") || !tag["key"].is_string()) {
      Fail(SerializationError("each tag must be an object with a string key"));
    }
    std::string key = tag["key"];
    request.CheckLength("tags.member.key", key, 1, 128);
    std::string value;
    if (auto it = tag.find("value"); it != tag.end() && it->is_string()) value = *it;
    request.CheckLength("tags.member.value", value, 0, 256);
    given.emplace_back(std::move(key), std::move(value));
  }
  return given;
}

asl::Json StepFunctionsApi::TagResource(const ApiRequest& request) {
  const std::string arn = TaggedArn(request, machines_);
  if (request.Member("tags") == nullptr) Fail(MissingMember("tags"));
  auto& kept = tags_[arn];
  MergeTags(kept, ReadTags(request));
  if (kept.size() > 50) {
    Fail("TooManyTags", fmt::format("Too many tags: a resource has at most 50 ({})", arn));
  }
  return asl::Json::object();
}

asl::Json StepFunctionsApi::UntagResource(const ApiRequest& request) {
  const std::string arn = TaggedArn(request, machines_);
  const asl::Json* keys = request.Member("tagKeys");
  if (keys == nullptr) Fail(MissingMember("tagKeys"));
  if (!keys->is_array()) Fail(SerializationError("tagKeys must be a list of strings"));
  auto& kept = tags_[arn];
  for (const asl::Json& key : *keys) {
    if (!key.is_string()) Fail(SerializationError("tagKeys must be a list of strings"));
    std::erase_if(kept, [&](const auto& tag) { return tag.first == key.get<std::string>(); });
  }
  return asl::Json::object();
}

asl::Json StepFunctionsApi::ListTagsForResource(const ApiRequest& request) {
  const std::string arn = TaggedArn(request, machines_);
  asl::Json list = asl::Json::array();
  if (auto it = tags_.find(arn); it != tags_.end()) {
    for (const auto& [key, value] : it->second) list.push_back({{"key", key}, {"value", value}});
  }
  return {{"tags", std::move(list)}};
}

}  // namespace sim::api
