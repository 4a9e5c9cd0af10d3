#include "simulator/clock/event_queue.h"

#include <algorithm>

namespace sim {

TimerState TimerTarget::Classify(const Timer&) const { return TimerState::kLive; }

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

void EventQueue::RestoreHeap() { std::make_heap(heap_.begin(), heap_.end(), FiresLater{}); }

}  // namespace sim
