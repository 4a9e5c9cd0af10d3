#pragma once
// The discrete-event queue: timers ordered by (time, sequence), so events at the same virtual
// instant run in the order they were scheduled and every run is deterministic (as ns-3's
// EventKey{ts, uid}). A timer names a target and two small integers instead of holding a
// closure, so scheduling never allocates on the hot path.

#include <algorithm>
#include <cstdint>
#include <vector>

#include "simulator/clock/sim_time.h"

namespace sim {

struct Timer;

// What a timer still means when it reaches the front of the queue.
enum class TimerState : uint8_t {
  kLive,   // firing it does something
  kStale,  // firing it does nothing (its wait was cancelled, its task or execution ended)
  // A deadline that exists only because no caller has answered yet: the TimeoutSeconds or
  // HeartbeatSeconds of a task whose token is still open, the timeout of an execution waiting
  // on such a task. Simulation::RunUntilBlocked stops in front of it.
  kAwaitsCaller,
};

class TimerTarget {
 public:
  // Called when a timer fires; `tag` and `arg` are what the scheduler passed.
  virtual void OnTimer(uint32_t tag, uint64_t arg) = 0;
  // What the timer would do if it fired now (targets that cannot tell: live). Must not change
  // anything: NextEventTime asks it of timers it does not fire.
  virtual TimerState Classify(const Timer& timer) const;

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
  // The earliest timer `wanted` accepts, visiting timers in firing order (null: none). Costs
  // O(k log k) for the k timers it passes over, nothing more when the first one is wanted.
  template <typename Predicate>
  const Timer* FirstWhere(Predicate wanted) const;
  // Removes every timer `unwanted` accepts, in one pass; the others keep their order. Returns
  // how many went.
  template <typename Predicate>
  size_t RemoveIf(Predicate unwanted);

 private:
  // The heap algorithms build a max-heap, so "less" means "fires later".
  struct FiresLater {
    bool operator()(const Timer& a, const Timer& b) const {
      if (a.time != b.time) return a.time > b.time;
      return a.seq > b.seq;
    }
  };
  void RestoreHeap();

  // A binary min-heap on (time, seq), laid out as the standard's heap algorithms define it:
  // the parent of element i is element (i - 1) / 2.
  std::vector<Timer> heap_;
  uint64_t next_seq_ = 0;
};

template <typename Predicate>
const Timer* EventQueue::FirstWhere(Predicate wanted) const {
  if (heap_.empty()) return nullptr;
  if (wanted(heap_.front())) return &heap_.front();
  // Best-first walk of the heap: a frontier of indices ordered as their timers fire. A timer
  // fires after its parent, so the frontier's earliest is the earliest not yet visited.
  auto later = [this](size_t a, size_t b) { return FiresLater{}(heap_[a], heap_[b]); };
  std::vector<size_t> frontier;
  auto push_children = [&](size_t i) {
    for (size_t child = 2 * i + 1; child <= 2 * i + 2 && child < heap_.size(); ++child) {
      frontier.push_back(child);
      std::push_heap(frontier.begin(), frontier.end(), later);
    }
  };
  push_children(0);
  while (!frontier.empty()) {
    std::pop_heap(frontier.begin(), frontier.end(), later);
    size_t i = frontier.back();
    frontier.pop_back();
    if (wanted(heap_[i])) return &heap_[i];
    push_children(i);
  }
  return nullptr;
}

template <typename Predicate>
size_t EventQueue::RemoveIf(Predicate unwanted) {
  size_t before = heap_.size();
  std::erase_if(heap_, unwanted);
  if (heap_.size() != before) RestoreHeap();
  return before - heap_.size();
}

}  // namespace sim
