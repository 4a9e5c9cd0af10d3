#pragma once
// An execution's history as the server keeps it: each event's compact JSON text (as
// `sfnsim execute --history` writes it) and its time, so GetExecutionHistory can page through it
// in either order and give timestamps in the wire form (epoch seconds) the SDKs expect.

#include <cstdint>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "simulator/clock/sim_time.h"
#include "simulator/history/history_sink.h"

namespace sim::api {

class ServedHistory final : public HistorySink {
 public:
  void Append(const HistoryEventView& event) override;
  size_t size() const { return events_.size(); }
  // Event `i` (0-based) in GetExecutionHistory's wire shape; without execution data the
  // payloads (input, output, parameters) are left out.
  asl::Json WireEvent(size_t i, bool include_execution_data) const;

 private:
  struct Event {
    SimTime time;
    std::string text;
  };
  std::vector<Event> events_;
};

// A timestamp as the AWS JSON protocol sends it: seconds since the epoch, with milliseconds.
asl::Json WireTimestamp(SimTime t);

}  // namespace sim::api
