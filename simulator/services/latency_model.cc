#include "simulator/services/latency_model.h"

#include <fmt/format.h>

namespace sim {

LatencyModel::LatencyModel() {
  // Assumptions, see docs/world.md. A call of a service without its own range takes it.
  ranges_["default"] = {20, 50};
}

LatencyModel::LatencyModel(std::span<const ServiceDescriptor* const> services) : LatencyModel() {
  for (const ServiceDescriptor* service : services) {
    for (const LatencyDefault& d : service->latency) {
      std::string key = d.api.empty() ? std::string(service->name)
                                      : fmt::format("{}:{}", service->name, d.api);
      ranges_[std::move(key)] = {d.min_ms, d.max_ms};
    }
  }
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
