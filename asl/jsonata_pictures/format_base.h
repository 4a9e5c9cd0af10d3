#pragma once
// $formatBase(number [, radix]): the number rounded half to even, written in radix 2-36
// (JavaScript's Number.prototype.toString(radix)); D3100 for any other radix.

#include <optional>
#include <string>

#include "asl/jsonata_pictures/picture_error.h"

namespace asl::jsonata_pictures {

PictureResult<std::string> FormatBase(double value, std::optional<double> radix = std::nullopt);

}  // namespace asl::jsonata_pictures
