#pragma once
// The value comparisons behind the Choice state's operators: numbers of mixed representation,
// strings in the order AWS compares them, and StringMatches wildcard patterns.
// https://states-language.net/spec.html#choice-state

#include <string>
#include <string_view>
#include <vector>

#include "asl/base/json.h"

namespace asl {

// Three-way comparison of two JSON numbers (each an int64, uint64 or double), exact across
// representations: 1 == 1.0, and 9007199254740993 > 9007199254740992.0.
// The spec leaves values beyond 2^53 undefined ("might fail to compare in the expected way");
// sfnsim chooses exact comparison over rounding both to double.
// REQUIRES: a.is_number() && b.is_number().
int CompareNumbers(const Json& a, const Json& b);

// Three-way comparison of two UTF-8 strings "character by character, with no special
// treatments such as case-folding, white-space collapsing, or Unicode form normalization".
// Step Functions runs on the JVM, whose String.compareTo orders UTF-16 code units, so sfnsim
// does too: this equals code point order except that characters above U+FFFF (surrogate pairs)
// sort before U+E000..U+FFFF. Bytes that are not valid UTF-8 compare as bytes.
int CompareStrings(std::string_view a, std::string_view b);

// A compiled StringMatches pattern: "*" matches zero or more characters, "\*" is a literal
// "*", "\\" a literal "\"; no other character is special.
class StringPattern {
 public:
  // Compiles `pattern`. A "\" followed by anything but "*" or "\" (or by nothing) is an "open
  // escape": the spec says evaluating such a pattern is a runtime error, so the pattern is
  // still built and open_escape() reports it.
  static StringPattern Compile(std::string_view pattern);

  bool open_escape() const { return open_escape_; }
  // True when `text` matches the whole pattern. REQUIRES: !open_escape().
  bool Matches(std::string_view text) const;

 private:
  // The literal runs between wildcards: pattern "a*b*c" is {"a", "b", "c"}, "*" is {"", ""},
  // "abc" is {"abc"}. There is always one more segment than there are wildcards.
  std::vector<std::string> segments_;
  bool open_escape_ = false;
};

}  // namespace asl
