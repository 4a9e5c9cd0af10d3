#include "simulator/scenario/shard_merge.h"

#include <fmt/format.h>

#include <algorithm>

#include "simulator/scenario/summary_json.h"

namespace sim {

namespace {

// "1, 3 and 5"
std::string ListOfIndexes(const std::vector<size_t>& indexes) {
  std::string out;
  for (size_t i = 0; i < indexes.size(); ++i) {
    if (i > 0) out += i + 1 == indexes.size() ? " and " : ", ";
    out += std::to_string(indexes[i]);
  }
  return out;
}

}  // namespace

asl::Result<MergedSweep, std::string> MergeShardResults(std::vector<NamedShardResult> results,
                                                        std::string_view version) {
  if (results.empty()) return asl::Fail(std::string("no shard results to merge"));
  const NamedShardResult& first = results.front();
  for (const NamedShardResult& r : results) {
    if (r.result.sfnsim_version != version) {
      return asl::Fail(fmt::format(
          "{}: written by sfnsim {}, but this is sfnsim {}: merge with the sfnsim that ran the "
          "shards (every shard and the merge must be one version)",
          r.file, r.result.sfnsim_version, version));
    }
  }
  const size_t count = first.result.shard.count;
  for (const NamedShardResult& r : results) {
    if (auto where = FirstDifference(first.result.sweep, r.result.sweep)) {
      return asl::Fail(fmt::format(
          "{} and {} are slices of different sweeps ({} differs): every shard must run the "
          "same scenario files, seeds and --max-steps",
          first.file, r.file, *where));
    }
    if (r.result.shard.count != count) {
      return asl::Fail(fmt::format("{} is shard {} of {}, but {} is shard {} of {}", r.file,
                                   r.result.shard.index, r.result.shard.count, first.file,
                                   first.result.shard.index, count));
    }
  }
  std::vector<NamedShardResult*> by_shard(count, nullptr);
  for (NamedShardResult& r : results) {
    if (r.result.shard.index >= count) {
      return asl::Fail(fmt::format("{}: shard {} of {} does not exist", r.file,
                                   r.result.shard.index, count));
    }
    NamedShardResult*& slot = by_shard[r.result.shard.index];
    if (slot != nullptr) {
      return asl::Fail(fmt::format("{} and {} are both shard {} of {}: give each shard's result "
                                   "once",
                                   slot->file, r.file, r.result.shard.index, count));
    }
    slot = &r;
  }
  std::vector<size_t> missing;
  for (size_t k = 0; k < count; ++k) {
    if (by_shard[k] == nullptr) missing.push_back(k);
  }
  if (!missing.empty()) {
    return asl::Fail(fmt::format(
        "shard{} {} of {} {} missing: every shard's result is needed (sfnsim run --shard K/{} "
        "--shard-result FILE for K = 0 to {})",
        missing.size() == 1 ? "" : "s", ListOfIndexes(missing), count,
        missing.size() == 1 ? "is" : "are", count, count - 1));
  }
  MergedSweep merged;
  merged.sfnsim_version = first.result.sfnsim_version;
  merged.sweep = first.result.sweep;
  merged.runs.reserve(merged.sweep.runs);
  // Each result holds exactly the runs index mod count == its shard, in order (ParseShardResult
  // checks; checked again here for results made otherwise), so taking them round-robin gives
  // the plan's order.
  std::vector<size_t> next(count, 0);
  for (size_t i = 0; i < merged.sweep.runs; ++i) {
    NamedShardResult& shard = *by_shard[i % count];
    size_t& at = next[i % count];
    if (at >= shard.result.runs.size() || shard.result.runs[at].index != i) {
      return asl::Fail(fmt::format("{}: does not hold run {} of the sweep, which shard {} of {} "
                                   "runs",
                                   shard.file, i, i % count, count));
    }
    merged.runs.push_back(std::move(shard.result.runs[at++]));
  }
  for (size_t k = 0; k < count; ++k) {
    if (next[k] != by_shard[k]->result.runs.size()) {
      return asl::Fail(fmt::format("{}: holds runs beyond the sweep's {}", by_shard[k]->file,
                                   merged.sweep.runs));
    }
  }
  return merged;
}

std::string MergedJUnit(const MergedSweep& merged) {
  std::vector<JUnitSuite> suites;
  suites.reserve(merged.runs.size());
  for (const ShardRun& run : merged.runs) suites.push_back(run.junit);
  return JoinJUnit(suites);
}

asl::Json MergedSummaryDocument(const MergedSweep& merged) {
  asl::Json runs = asl::Json::array();
  for (const ShardRun& run : merged.runs) runs.push_back(run.json);
  return SummaryDocumentOf(std::move(runs), merged.sfnsim_version);
}

BatchVerdict MergedVerdict(const MergedSweep& merged) {
  std::vector<BatchVerdict> verdicts;
  verdicts.reserve(merged.runs.size());
  for (const ShardRun& run : merged.runs) verdicts.push_back(run.verdict);
  return VerdictOf(verdicts);
}

}  // namespace sim
