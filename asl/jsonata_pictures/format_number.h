#pragma once
// $formatNumber(number, picture [, options]): XPath F&O 3.1 section 4.7 (fn:format-number) as the
// JSONata reference implementation applies it, with its decimal-format options and its errors
// D3080-D3093.

#include <map>
#include <string>

#include "asl/jsonata_pictures/picture_error.h"

namespace asl::jsonata_pictures {

// Option names as JSONata spells them: "decimal-separator", "grouping-separator",
// "exponent-separator", "infinity", "minus-sign", "NaN", "percent", "per-mille", "zero-digit",
// "digit", "pattern-separator". Other names are ignored, as the reference ignores them.
using DecimalFormatOptions = std::map<std::string, std::string>;

PictureResult<std::string> FormatNumber(double value, const std::string& picture,
                                        const DecimalFormatOptions& options = {});

}  // namespace asl::jsonata_pictures
