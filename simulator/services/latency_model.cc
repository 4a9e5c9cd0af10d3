#include "simulator/services/latency_model.h"

#include <fmt/format.h>

namespace sim {

LatencyModel::LatencyModel() {
  // Assumptions (see docs/world.md): SNS publish ~20–40 ms, SQS ~10–30 ms, Step Functions API
  // ~25–50 ms, Lambda's invoke overhead ~10–30 ms (plus the function's own duration), Athena
  // control-plane calls ~50–150 ms and a results page ~100–300 ms.
  ranges_["default"] = {20, 50};
  ranges_["sns:publish"] = {20, 40};
  ranges_["sns:publishBatch"] = {25, 60};
  ranges_["sqs:sendMessage"] = {10, 30};
  ranges_["sqs:sendMessageBatch"] = {15, 40};
  ranges_["lambda:invoke"] = {10, 30};
  ranges_["states:startExecution"] = {25, 50};
  ranges_["athena:startQueryExecution"] = {50, 150};
  ranges_["athena:stopQueryExecution"] = {50, 150};
  ranges_["athena:getQueryExecution"] = {30, 80};
  ranges_["athena:getQueryResults"] = {100, 300};
}

void LatencyModel::Set(std::string key, LatencyRange range) {
  if (key != "default" && key.find(':') == std::string::npos) {
    std::string prefix = key + ":";
    for (auto it = ranges_.lower_bound(prefix); it != ranges_.end() && it->first.starts_with(prefix);) {
      if (user_set_.count(it->first)) ++it;
      else it = ranges_.erase(it);
    }
  }
  user_set_[key] = true;
  ranges_[std::move(key)] = range;
}

LatencyRange LatencyModel::Find(std::string_view service, std::string_view api) const {
  std::string key = fmt::format("{}:{}", service, api);
  if (auto it = ranges_.find(key); it != ranges_.end()) return it->second;
  if (auto it = ranges_.find(service); it != ranges_.end()) return it->second;
  if (auto it = ranges_.find("default"); it != ranges_.end()) return it->second;
  return {};
}

Duration LatencyModel::Draw(std::string_view service, std::string_view api,
                            asl::Random& random) const {
  LatencyRange r = Find(service, api);
  if (r.max_ms <= r.min_ms) return Duration{r.min_ms};
  return Duration{random.NextInRange(r.min_ms, r.max_ms)};
}

}  // namespace sim
