#pragma once
// Deferred work on the virtual clock for the world's services: start a child execution when the
// StartExecution call lands, poll an Athena query when it completes, send a scripted callback.
// Not for hot paths (each item is a closure); a task's own completion is reported through its
// TaskHandle, which schedules without allocating.

#include <cstdint>
#include <functional>
#include <unordered_map>

#include "simulator/clock/event_queue.h"
#include "simulator/clock/sim_time.h"

namespace sim {

class Simulation;

class Scheduler final : public TimerTarget {
 public:
  explicit Scheduler(Simulation& simulation) : sim_(simulation) {}
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Runs `work` at virtual time `at` (now if `at` is past).
  void At(SimTime at, std::function<void()> work);
  size_t pending() const { return pending_.size(); }

  void OnTimer(uint32_t tag, uint64_t arg) override;

 private:
  Simulation& sim_;
  uint64_t next_ = 1;
  std::unordered_map<uint64_t, std::function<void()>> pending_;
};

}  // namespace sim
