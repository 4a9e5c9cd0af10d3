#include "simulator/services/scheduler.h"

#include "simulator/engine/simulation.h"

namespace sim {

void Scheduler::At(SimTime at, std::function<void()> work) {
  uint64_t id = next_++;
  pending_.emplace(id, std::move(work));
  sim_.Schedule(at, this, 0, id);
}

void Scheduler::OnTimer(uint32_t, uint64_t arg) {
  auto it = pending_.find(arg);
  if (it == pending_.end()) return;
  std::function<void()> work = std::move(it->second);
  pending_.erase(it);
  work();
}

}  // namespace sim
