#pragma once
// Unsigned 64-bit numbers on the command line: seeds (--seed N), sweeps of them (--seeds 7,
// 1-8, 1,4,9-12) with a bounded number of runs, and counts such as --max-steps. CLI11 alone
// would take "-1" as 2^64 - 1 and saturate a number past 2^64 - 1; these refuse both.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sfnsim_cli {

// The most runs one --seeds list may ask for (each run's report is kept until the end).
inline constexpr uint64_t kMaxSeedRuns = 10'000;

// `text` as a seed: decimal digits only (no sign, no spaces, no 0x), 0 to 2^64 - 1. nullopt
// when it is not one, with `error` saying what is wrong.
std::optional<uint64_t> ParseSeed(std::string_view text, std::string* error);

// A CLI11 check for an option read into a uint64_t: decimal digits only, at most 2^64 - 1.
CLI::Validator UnsignedDecimal();

// "5", "1-8" or "1,4,9-12": the seeds in the order given. nullopt, with `error`, when an element
// is not a seed or a range first-last (first <= last) of seeds, a seed appears twice, or there
// are more than kMaxSeedRuns.
std::optional<std::vector<uint64_t>> ParseSeedList(std::string_view text, std::string* error);

}  // namespace sfnsim_cli
