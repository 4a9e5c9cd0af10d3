#pragma once
// How long a service call takes in virtual time, per service and API, drawn from the
// simulation's seeded generator so the same seed gives the same timings.
//
// Defaults are assumptions (AWS publishes no latency figures): typical in-region round trips of
// a few tens of milliseconds, documented in docs/world.md. Every range can be overridden.

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "asl/base/random.h"
#include "simulator/clock/sim_time.h"
#include "simulator/services/service_descriptor.h"

namespace sim {

struct LatencyRange {
  int64_t min_ms = 0;
  int64_t max_ms = 0;
};

class LatencyModel {
 public:
  // Only the "default" range.
  LatencyModel();
  // With each service's documented defaults (its descriptor's `latency`); a world's model is
  // built from the registry's table (simulator/registry/registry.h, Services()).
  explicit LatencyModel(std::span<const ServiceDescriptor* const> services);

  // `key` is "service:api" (e.g. "sns:publish"), "service" (every API of it) or "default".
  // Setting a service replaces the defaults of its APIs (not ranges set for them).
  void Set(std::string key, LatencyRange range);
  // The most specific range: "service:api", then "service", then "default".
  LatencyRange Find(std::string_view service, std::string_view api) const;
  // A duration uniform in the range (inclusive).
  Duration Draw(std::string_view service, std::string_view api, asl::Random& random) const;
  const std::map<std::string, LatencyRange, std::less<>>& ranges() const { return ranges_; }

 private:
  std::map<std::string, LatencyRange, std::less<>> ranges_;
  std::map<std::string, bool, std::less<>> user_set_;  // keys set through Set
};

}  // namespace sim
