#pragma once
// What a definition's Comments tell `sfnsim lint` (docs/analysis.md, "Silencing a finding,
// stating a bound"). A Comment is free text on AWS, so the markers travel with the definition
// and change nothing in how it runs:
//
//   "sfnsim:lint-ignore SFN1106 SFN1200"  in a state's Comment: no finding of those codes at
//                                         that state; in the top-level Comment: none anywhere.
//   "sfnsim:max-iterations 40"            in the Comment of a state of a loop: the loop
//                                         iterates at most 40 times (a bound the data keeps,
//                                         e.g. pages of a query that never exceed 40).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asl {

inline constexpr std::string_view kLintIgnoreMarker = "sfnsim:lint-ignore";
inline constexpr std::string_view kMaxIterationsMarker = "sfnsim:max-iterations";

// The codes after every "sfnsim:lint-ignore" of `comment` ("SFN" and four digits, separated by
// spaces or commas), in order.
std::vector<std::string> IgnoredLintCodes(std::string_view comment);

// The number after "sfnsim:max-iterations" (a non-negative integer), or nullopt; the smallest
// when the marker appears several times.
std::optional<int64_t> StatedMaxIterations(std::string_view comment);

}  // namespace asl
