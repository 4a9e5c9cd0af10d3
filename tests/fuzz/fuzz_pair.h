#pragma once
// Input of the targets that compile a JSON object and evaluate it (payload templates, Choice
// rules): the JSON array [compiled, input], or any other JSON value, compiled and evaluated on
// fuzz_document.h's fixed document. Text that is not JSON within the run-time limits is skipped.

#include <optional>
#include <string_view>
#include <utility>

#include "tests/fuzz/fuzz_document.h"

namespace sfnsim_fuzz {

inline std::optional<std::pair<asl::Json, asl::Json>> PairFrom(std::string_view text) {
  std::optional<asl::Json> parsed = asl::ParseJsonWithinLimits(text);
  if (!parsed) return std::nullopt;
  if (parsed->is_array() && parsed->size() == 2) {
    return std::pair<asl::Json, asl::Json>{std::move((*parsed)[0]), std::move((*parsed)[1])};
  }
  return std::pair<asl::Json, asl::Json>{std::move(*parsed), DocumentFrom("")};
}

}  // namespace sfnsim_fuzz
