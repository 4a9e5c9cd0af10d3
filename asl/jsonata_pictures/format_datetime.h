#pragma once
// $fromMillis(number [, picture [, timezone]]): milliseconds since the epoch written with an
// XPath F&O 3.1 section 9.8 picture, as the JSONata reference implementation writes them; ISO
// 8601 ("2018-03-23T10:33:36.617Z") without a picture. The timezone is "+hhmm" or "-hhmm".
// Errors: D3132, D3133 (a name asked of a component that has none), D3134 (a timezone picture
// of more than four digits), D3135, and the integer picture's D3130/D3131.

#include <optional>
#include <string>

#include "asl/jsonata_pictures/picture_error.h"

namespace asl::jsonata_pictures {

PictureResult<std::string> FromMillis(double millis,
                                      const std::optional<std::string>& picture = std::nullopt,
                                      const std::optional<std::string>& timezone = std::nullopt);

// The picture the reference uses when none is given.
inline constexpr const char* kIso8601Picture =
    "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]";

}  // namespace asl::jsonata_pictures
