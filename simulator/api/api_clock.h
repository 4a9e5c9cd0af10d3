#pragma once
// How the server's clock runs (`sfnsim serve --time`):
//   virtual   the simulation's own clock: an execution runs as far as it can as soon as it
//             starts or is answered (a Wait of a day passes at once), stopping only where it
//             waits on the outside world (a task token); timestamps start at the world's start
//             time (2024-01-01T00:00:00Z unless set) and move only as executions make them;
//   real      waits and service latencies take wall-clock time; timestamps are the wall clock;
//   scale=N   as real, N times faster (scale=60: a Wait of an hour takes a minute).

#include <chrono>
#include <string>

#include "asl/base/result.h"
#include "simulator/clock/sim_time.h"

namespace sim::api {

struct ClockMode {
  bool is_virtual = true;
  double scale = 1.0;  // virtual milliseconds per wall millisecond (real and scale=N)
};

// "virtual", "real" or "scale=N" (N > 0, at most 1,000,000).
asl::Result<ClockMode, std::string> ParseClockMode(const std::string& text);

// Wall time mapped onto simulation time for the real and scaled modes: the simulation starts
// at the wall clock's now, and runs `scale` times as fast from there.
class WallClockMapping {
 public:
  WallClockMapping(ClockMode mode, SimTime start)
      : mode_(mode), start_(start), anchor_(std::chrono::steady_clock::now()) {}
  // The simulation time the wall clock stands at now.
  SimTime Now() const;
  // The wall-clock instant at which simulation time `t` is reached.
  std::chrono::steady_clock::time_point WallTimeOf(SimTime t) const;

 private:
  ClockMode mode_;
  SimTime start_;
  std::chrono::steady_clock::time_point anchor_;
};

// The wall clock's current time as a SimTime (for the real and scaled modes' start).
SimTime SystemNow();

}  // namespace sim::api
