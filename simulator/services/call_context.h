#pragma once
// What a simulated service knows about the call it is serving: when it handles it, who made it,
// and where its request ids and message ids come from (the simulation's seeded generator, so
// that a run is the same every time).

#include <string>
#include <string_view>

#include "simulator/clock/sim_time.h"

namespace sim {

class IdSource {
 public:
  virtual ~IdSource() = default;
  // A version-4 UUID, lowercase, 36 characters.
  virtual std::string NewUuid() = 0;
};

struct CallContext {
  SimTime at;                      // when the service handles the call
  std::string_view execution_arn;  // the calling execution ("" outside one)
  std::string_view state_name;     // the calling state
  IdSource* ids = nullptr;
};

}  // namespace sim
