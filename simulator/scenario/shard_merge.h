#pragma once
// Putting a sharded sweep back together (`sfnsim merge`, docs/scaling.md): every shard's result
// once, all of one sweep and one sfnsim version, their runs in plan order; from them the outputs
// the unsharded `sfnsim run` writes, byte for byte.

#include <string>
#include <string_view>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/scenario/shard_result.h"

namespace sim {

struct NamedShardResult {
  std::string file;  // where it was read from, for errors
  ShardResult result;
};

struct MergedSweep {
  std::string sfnsim_version;
  SweepIdentity sweep;
  std::vector<ShardRun> runs;  // every run of the plan, in plan order
};

// Refuses (with an error naming the files) results written by another sfnsim version than
// `version`, slices of different sweeps or shard counts, a shard given twice and shards
// missing; otherwise the runs of all in plan order.
asl::Result<MergedSweep, std::string> MergeShardResults(std::vector<NamedShardResult> results,
                                                        std::string_view version);

// The unsharded run's outputs: FormatJUnit's document, SummaryDocument's, and VerdictOf.
std::string MergedJUnit(const MergedSweep& merged);
asl::Json MergedSummaryDocument(const MergedSweep& merged);
BatchVerdict MergedVerdict(const MergedSweep& merged);

}  // namespace sim
