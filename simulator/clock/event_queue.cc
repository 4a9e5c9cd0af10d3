#include "simulator/clock/event_queue.h"

#include <algorithm>

namespace sim {

namespace {
// std::push_heap builds a max-heap, so "less" means "fires later".
struct FiresLater {
  bool operator()(const Timer& a, const Timer& b) const {
    if (a.time != b.time) return a.time > b.time;
    return a.seq > b.seq;
  }
};
}  // namespace

uint64_t EventQueue::Insert(SimTime time, TimerTarget* target, uint32_t tag, uint64_t arg) {
  uint64_t seq = next_seq_++;
  heap_.push_back(Timer{time, seq, target, tag, arg});
  std::push_heap(heap_.begin(), heap_.end(), FiresLater{});
  return seq;
}

Timer EventQueue::RemoveNext() {
  std::pop_heap(heap_.begin(), heap_.end(), FiresLater{});
  Timer t = heap_.back();
  heap_.pop_back();
  return t;
}

}  // namespace sim
