#pragma once
// The date/time picture of $fromMillis and $toMillis (XPath F&O 3.1 section 9.8.4, as the
// JSONata reference implementation reads it): literals, `[[`/`]]` escapes, and variable markers
// `[` component presentation-modifiers `,` width `]`. Errors D3132 (unknown component), D3135
// (no closing bracket), and the integer picture's D3131.

#include <optional>
#include <string>
#include <vector>

#include "asl/jsonata_pictures/integer_picture.h"
#include "asl/jsonata_pictures/picture_error.h"

namespace asl::jsonata_pictures {

struct DateTimeMarker {
  char32_t component = 0;           // Y M D d F W w X x H h P m s f Z z C E
  std::string presentation1;        // e.g. "0001", "Nn", "w"
  char presentation2 = 0;           // 'a' 't' 'c' 'o' or 0
  std::optional<int> min_width, max_width;  // from ",min-max"; nullopt for '*' or absent
  bool has_width = false;
  std::optional<LetterCase> names;  // N, n, Nn: the component as a name
  bool integer = false;             // formatted through `format`
  IntegerPicture format;
  int year_digits = -1;             // Y only: the last n digits, -1 for all
  // Digits $toMillis reads when the next part is an integer marker with no literal between
  // ("[Y0001][M01]"): exactly the mandatory digits; 0 for no such limit.
  int parse_width = 0;
};

struct DateTimePart {
  bool literal = true;
  std::string text;       // a literal's text
  DateTimeMarker marker;  // when !literal
};

PictureResult<std::vector<DateTimePart>> AnalyseDateTimePicture(const std::string& picture);

}  // namespace asl::jsonata_pictures
