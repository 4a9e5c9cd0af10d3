#pragma once
// One slice of a sweep for one of N processes (`sfnsim run --shard K/N`, docs/scaling.md): N
// machines each run the runs of the plan whose index is K modulo N, and `sfnsim merge` puts the
// slices back together in plan order.
//
// Round-robin rather than contiguous blocks: a plan lists every seed of the first scenario, then
// every seed of the next, and scenarios differ in cost, so blocks would hand one machine all of
// a large scenario's runs; interleaving gives each shard its share of every scenario.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/result.h"
#include "simulator/scenario/scenario_batch.h"

namespace sim {

// Shard `index` of `count`, 0-based like the array-job indexes that pick it (Kubernetes'
// JOB_COMPLETION_INDEX, AWS Batch's AWS_BATCH_JOB_ARRAY_INDEX).
struct ShardSpec {
  size_t index = 0;
  size_t count = 1;
  bool operator==(const ShardSpec&) const = default;
};

// More shards than a sweep can have runs (--seeds allows 10,000 per scenario) makes no sense;
// the bound keeps a typo (4/40000000) from planning millions of empty shards.
inline constexpr size_t kMaxShards = 10'000;

// The environment variables `auto/N` reads, in order of precedence (the first one set to a
// non-empty value is used).
inline constexpr const char* kShardIndexVariables[] = {"JOB_COMPLETION_INDEX",
                                                       "AWS_BATCH_JOB_ARRAY_INDEX"};

// An environment variable's value; nullopt when unset. getenv in the CLI, a map in tests.
using EnvironmentLookup = std::function<std::optional<std::string>(const char* name)>;

// "K/N" (decimal, 0 <= K < N <= kMaxShards) or "auto/N" (K from kShardIndexVariables). The error
// says what is wrong with `text` and what was expected; it does not name the flag.
asl::Result<ShardSpec, std::string> ParseShardSpec(std::string_view text,
                                                   const EnvironmentLookup& environment);

// Whether the plan's run `run_index` belongs to `shard`.
inline bool InShard(size_t run_index, const ShardSpec& shard) {
  return run_index % shard.count == shard.index;
}

// How many of a plan's `total` runs `shard` has (0 when there are fewer runs than shards).
size_t RunsInShard(size_t total, const ShardSpec& shard);

// The runs of `shard`, in plan order, each keeping its plan index and key (so its outputs are
// named as in the unsharded run).
std::vector<BatchRun> SliceOf(const std::vector<BatchRun>& runs, const ShardSpec& shard);

}  // namespace sim
