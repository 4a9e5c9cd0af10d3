#include "tools/sfnsim/number_flags.h"

#include <fmt/format.h>

#include <limits>
#include <set>

namespace sfnsim_cli {

std::optional<uint64_t> ParseSeed(std::string_view text, std::string* error) {
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  if (text.empty()) {
    *error = "expected a seed, got nothing";
    return std::nullopt;
  }
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      *error = fmt::format(
          "\"{}\" is not a seed: expected an integer from 0 to {} written in "
          "decimal digits",
          text, kMax);
      return std::nullopt;
    }
    auto digit = static_cast<uint64_t>(c - '0');
    if (value > (kMax - digit) / 10) {
      *error = fmt::format("{} is out of range: a seed is at most {} (2^64 - 1)", text, kMax);
      return std::nullopt;
    }
    value = value * 10 + digit;
  }
  return value;
}

CLI::Validator UnsignedDecimal() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        std::string error;
        if (ParseSeed(text, &error)) return "";
        // ParseSeed speaks of seeds; the option may be a count.
        bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        return digits ? fmt::format("{} is out of range: at most 18446744073709551615", text)
                      : fmt::format(
                            "\"{}\" is not a whole number from 0 to "
                            "18446744073709551615 written in decimal digits",
                            text);
      },
      "UINT64");
}

std::optional<std::vector<uint64_t>> ParseSeedList(std::string_view text, std::string* error) {
  std::vector<uint64_t> seeds;
  std::set<uint64_t> seen;
  std::string_view rest = text;
  while (true) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    size_t dash = item.find('-');
    std::string why;
    auto first = ParseSeed(item.substr(0, dash), &why);
    auto last = dash == std::string_view::npos ? first : ParseSeed(item.substr(dash + 1), &why);
    if (!first || !last) {
      *error = fmt::format("\"{}\" is not a seed or a range of seeds ({})", item, why);
      return std::nullopt;
    }
    if (*last < *first) {
      *error = fmt::format("the range \"{}\" runs backwards", item);
      return std::nullopt;
    }
    // Counted before the seeds are listed, and without overflow (0-18446744073709551615).
    if (*last - *first >= kMaxSeedRuns || seeds.size() + (*last - *first) >= kMaxSeedRuns) {
      *error = fmt::format("more than {} runs, the most one sweep may have", kMaxSeedRuns);
      return std::nullopt;
    }
    for (uint64_t seed = *first;; ++seed) {
      if (!seen.insert(seed).second) {
        *error =
            fmt::format("seed {} is given twice (its runs would write the same outputs)", seed);
        return std::nullopt;
      }
      seeds.push_back(seed);
      if (seed == *last) break;  // not `seed <= last`: the last seed may be 2^64 - 1
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return seeds;
}

}  // namespace sfnsim_cli
