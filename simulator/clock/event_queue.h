#pragma once
// The discrete-event queue: timers ordered by (time, sequence), so events at the same virtual
// instant run in the order they were scheduled and every run is deterministic (as ns-3's
// EventKey{ts, uid}). A timer names a target and two small integers instead of holding a
// closure, so scheduling never allocates on the hot path.

#include <cstdint>
#include <vector>

#include "simulator/clock/sim_time.h"

namespace sim {

class TimerTarget {
 public:
  // Called when a timer fires; `tag` and `arg` are what the scheduler passed.
  virtual void OnTimer(uint32_t tag, uint64_t arg) = 0;

 protected:
  ~TimerTarget() = default;
};

struct Timer {
  SimTime time;
  uint64_t seq = 0;
  TimerTarget* target = nullptr;
  uint32_t tag = 0;
  uint64_t arg = 0;
};

class EventQueue {
 public:
  // Schedules a timer; returns its sequence number (unique, increasing).
  uint64_t Insert(SimTime time, TimerTarget* target, uint32_t tag, uint64_t arg);
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  // The earliest timer; requires !empty().
  const Timer& PeekNext() const { return heap_.front(); }
  // Removes and returns the earliest timer; requires !empty().
  Timer RemoveNext();

 private:
  std::vector<Timer> heap_;  // binary min-heap on (time, seq)
  uint64_t next_seq_ = 0;
};

}  // namespace sim
