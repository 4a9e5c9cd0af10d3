#include "simulator/scenario/publish_tally.h"

namespace sim {

void PublishTally::Observe(const SnsMessage& message) {
  if (message.duplicate) return;
  ++per_topic_[message.topic_arn];
  auto [it, added] = execution_index_.try_emplace(message.execution_arn,
                                                  static_cast<uint32_t>(execution_arns_.size()));
  if (added) {
    execution_arns_.push_back(message.execution_arn);
    execution_counts_.push_back(0);
  }
  ++execution_counts_[it->second];
  published_.push_back({(message.time - start_).ms, it->second});
  if (rows_ == nullptr || !RowTopicMatches(rows_->topic, message.topic_arn)) return;
  if (std::optional<std::string> key = MessageKey(message.body, rows_->key)) {
    keys_.push_back(std::move(*key));
  } else {
    ++keyless_;
  }
}

std::unordered_map<std::string, int64_t> PublishTally::PerExecution() const {
  std::unordered_map<std::string, int64_t> out;
  out.reserve(execution_arns_.size());
  for (size_t i = 0; i < execution_arns_.size(); ++i) {
    out.emplace(execution_arns_[i], execution_counts_[i]);
  }
  return out;
}

bool RowTopicMatches(const std::string& wanted, const std::string& arn) {
  return wanted == arn || (arn.size() > wanted.size() && arn.ends_with(":" + wanted));
}

std::optional<std::string> MessageKey(const std::string& body, const std::string& key) {
  asl::Json doc = asl::Json::parse(body, nullptr, false);
  if (doc.is_discarded()) return std::nullopt;
  const asl::Json* value = nullptr;
  if (!key.empty() && key[0] == '/') {
    asl::Json::json_pointer pointer;
    try {
      pointer = asl::Json::json_pointer(key);
    } catch (const asl::Json::exception&) {
      return std::nullopt;
    }
    if (!doc.contains(pointer)) return std::nullopt;
    value = &doc.at(pointer);
  } else {
    if (!doc.is_object()) return std::nullopt;
    auto it = doc.find(key);
    if (it == doc.end()) return std::nullopt;
    value = &*it;
  }
  return value->is_string() ? value->get<std::string>() : value->dump();
}

}  // namespace sim
