#pragma once
// $formatInteger(number, picture) and $parseInteger(string, picture): XPath F&O 3.1 section
// 4.6.1 (fn:format-integer) as the JSONata reference implementation does it, and its inverse.
// Errors: D3130 (a picture with no digit and no known format token), D3131 (mixed digit
// families).

#include <optional>
#include <string>

#include "asl/jsonata_pictures/integer_picture.h"
#include "asl/jsonata_pictures/picture_error.h"

namespace asl::jsonata_pictures {

PictureResult<std::string> FormatInteger(double value, const std::string& picture);
// With an analysed picture (the date/time formatter formats each component this way).
PictureResult<std::string> FormatInteger(double value, const IntegerPicture& picture);

// nullopt where the reference's result is not a number (text that does not fit the picture;
// it returns NaN or undefined there).
PictureResult<std::optional<double>> ParseInteger(const std::string& text,
                                                  const std::string& picture);

}  // namespace asl::jsonata_pictures
