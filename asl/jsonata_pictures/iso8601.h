#pragma once
// The ISO 8601 forms $toMillis reads without a picture: the reference's pattern
// YYYY[-MM[-DD[Thh:mm:ss[.fff]]]][Z|+hh[:]mm], read as JavaScript's Date.parse reads it.

#include <optional>
#include <string>

namespace asl::jsonata_pictures {

// nullopt when the text is not of that form (the reference's D3110).
std::optional<double> ParseIso8601(const std::string& text);

}  // namespace asl::jsonata_pictures
