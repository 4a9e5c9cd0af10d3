#pragma once
// A definition rewrite for `sfnsim budget --check`: every Map state at MaxConcurrency 1, so that
// a run's Map items write their events one after another, as the prediction counts them.

#include <memory>

#include "asl/base/json.h"
#include "asl/model/state_machine.h"

namespace asl {

// `definition` (as loaded) with every Map at MaxConcurrency 1 (MaxConcurrencyPath dropped),
// parsed; null when no Map of it runs items concurrently, or when the rewrite does not parse.
std::shared_ptr<const StateMachine> SequentialMapsVariant(const Json& definition, bool express);

}  // namespace asl
