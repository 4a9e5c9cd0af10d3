// The world's `engine_latency` section (docs/world.md "Engine latency"): the time Step Functions
// itself takes between a run's events, per step, for both workflow types or for each.

#include <fmt/format.h>

#include <initializer_list>
#include <iterator>
#include <string>
#include <vector>

#include "asl/load/source_text.h"
#include "simulator/services/config_reader.h"
#include "simulator/world/world_config.h"

namespace sim::world_internal {

namespace {

// The steps given in `value` (an object whose other keys were checked by the caller), into
// every profile of `profiles`.
void ReadSteps(Reader& r, const asl::Json& value, const std::string& pointer,
               std::initializer_list<EngineLatencyProfile*> profiles) {
  for (const char* name : kEngineSteps) {
    auto it = value.find(name);
    if (it == value.end() || it->is_null()) continue;
    auto range = r.MillisRange(*it, Member(pointer, name));
    if (!range) continue;
    auto [lo, hi] = range.value_or({});
    for (EngineLatencyProfile* profile : profiles) *EngineStep(*profile, name) = {lo, hi};
  }
}

}  // namespace

void ReadEngineLatency(Reader& r, const asl::Json& value, const std::string& pointer,
                       WorldConfig& out) {
  // `engine_latency: 0`: none at all, every step as a bare simulation takes it.
  if (value.is_number_integer() && value.get<int64_t>() == 0) {
    out.engine_latency = EngineLatency::None();
    return;
  }
  std::vector<std::string> steps(std::begin(kEngineSteps), std::end(kEngineSteps));
  std::vector<std::string> keys = steps;
  keys.push_back("standard");
  keys.push_back("express");
  if (!value.is_object()) {
    r.Error(pointer,
            fmt::format("expected 0 (no engine latency) or an object of steps ({}) and "
                        "\"standard\" / \"express\" objects of them, each milliseconds: a number, "
                        "[min, max] or {{\"min_ms\", \"max_ms\"}}; got {}",
                        fmt::join(steps, ", "), asl::TypeWithArticle(value)),
            asl::DiagnosticCode::kWrongType);
    return;
  }
  if (!r.Object(value, pointer, keys)) return;
  // The steps given for both workflow types first, then each type's own.
  ReadSteps(r, value, pointer, {&out.engine_latency.standard, &out.engine_latency.express});
  for (const char* type : {"standard", "express"}) {
    auto it = value.find(type);
    if (it == value.end() || it->is_null()) continue;
    std::string p = Member(pointer, type);
    if (!r.Object(*it, p, steps)) continue;
    ReadSteps(r, *it, p,
              {type[0] == 's' ? &out.engine_latency.standard : &out.engine_latency.express});
  }
}

}  // namespace sim::world_internal
