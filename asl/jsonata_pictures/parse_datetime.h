#pragma once
// $toMillis(string [, picture]): the inverse of $fromMillis, as the JSONata reference
// implementation reads a timestamp. Without a picture the text must be ISO 8601 (D3110
// otherwise). With one, the whole text must match the picture (case-insensitively, as the
// reference's regular expression does) or the result is undefined; a date or time with a gap
// ("[Y]-[D]", no month) is D3136, as are the week-based dates the reference cannot parse.
// Parts missing before the first given one come from `now_millis` (the evaluation's fixed
// timestamp in JSONata); parts after the last given one are their lowest value.

#include <optional>
#include <string>

#include "asl/jsonata_pictures/picture_error.h"

namespace asl::jsonata_pictures {

PictureResult<std::optional<double>> ToMillis(const std::string& text,
                                              const std::optional<std::string>& picture,
                                              double now_millis);

}  // namespace asl::jsonata_pictures
