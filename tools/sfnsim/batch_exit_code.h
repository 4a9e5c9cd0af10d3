#pragma once
// The exit code of a batch of scenario runs, one rule for `sfnsim run` and `sfnsim merge` (a
// merged sweep exits as the unsharded run would).

#include "simulator/scenario/scenario_batch.h"
#include "tools/sfnsim/commands.h"

namespace sfnsim_cli {

inline int ExitCodeOf(sim::BatchVerdict verdict) {
  switch (verdict) {
    case sim::BatchVerdict::kNotRun: return kExitUsage;
    case sim::BatchVerdict::kFailed: return kExitFailed;
    case sim::BatchVerdict::kPassed: return kExitOk;
  }
  return kExitOk;
}

}  // namespace sfnsim_cli
