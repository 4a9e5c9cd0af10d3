#include "simulator/scenario/sweep_shard.h"

#include <fmt/format.h>

namespace sim {

namespace {

bool AllDigits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// Decimal digits only (no sign, no spaces), at most `max` (<= kMaxShards: no overflow).
std::optional<size_t> DecimalAtMost(std::string_view text, size_t max) {
  if (!AllDigits(text)) return std::nullopt;
  size_t value = 0;
  for (char c : text) {
    value = value * 10 + static_cast<size_t>(c - '0');
    if (value > max) return std::nullopt;
  }
  return value;
}

}  // namespace

asl::Result<ShardSpec, std::string> ParseShardSpec(std::string_view text,
                                                   const EnvironmentLookup& environment) {
  const std::string expected = fmt::format(
      "expected K/N, shard K (0-based) of N with 0 <= K < N <= {}, e.g. 0/4, or auto/N", kMaxShards);
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    return asl::Fail(fmt::format("\"{}\" has no '/': {}", text, expected));
  }
  std::string_view index_text = text.substr(0, slash);
  std::string_view count_text = text.substr(slash + 1);
  auto count = DecimalAtMost(count_text, kMaxShards);
  if (!count) {
    return asl::Fail(fmt::format("\"{}\": N \"{}\" is not a number from 1 to {}: {}", text,
                                 count_text, kMaxShards, expected));
  }
  if (*count == 0) return asl::Fail(fmt::format("\"{}\": N must be at least 1: {}", text, expected));
  const size_t last = *count - 1;
  if (index_text == "auto") {
    for (const char* variable : kShardIndexVariables) {
      std::optional<std::string> value = environment ? environment(variable) : std::nullopt;
      if (!value || value->empty()) continue;
      auto index = DecimalAtMost(*value, last);
      if (!index) {
        return asl::Fail(fmt::format(
            "\"{}\": {} is \"{}\", expected a shard index from 0 to {} (0-based, below N)", text,
            variable, *value, last));
      }
      return ShardSpec{*index, *count};
    }
    return asl::Fail(fmt::format(
        "\"{}\": neither JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) nor "
        "AWS_BATCH_JOB_ARRAY_INDEX (an AWS Batch array job) is set; give the index itself, "
        "e.g. --shard 0/{}",
        text, *count));
  }
  if (!AllDigits(index_text)) {
    return asl::Fail(fmt::format("\"{}\": K \"{}\" is not a number or \"auto\": {}", text,
                                 index_text, expected));
  }
  auto index = DecimalAtMost(index_text, last);
  if (!index) {
    return asl::Fail(fmt::format("\"{}\": shard {} does not exist, shards are 0 to {} (0-based)",
                                 text, index_text, last));
  }
  return ShardSpec{*index, *count};
}

size_t RunsInShard(size_t total, const ShardSpec& shard) {
  if (shard.count == 0 || shard.index >= total) return 0;
  return (total - shard.index + shard.count - 1) / shard.count;
}

std::vector<BatchRun> SliceOf(const std::vector<BatchRun>& runs, const ShardSpec& shard) {
  std::vector<BatchRun> slice;
  slice.reserve(RunsInShard(runs.size(), shard));
  for (const BatchRun& run : runs) {
    if (InShard(run.index, shard)) slice.push_back(run);
  }
  return slice;
}

}  // namespace sim
