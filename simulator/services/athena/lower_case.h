#pragma once
// Athena (Trino) folds unquoted identifiers, database, table and workgroup names to lower case;
// the model compares names that way.

#include <string>
#include <string_view>

namespace sim::athena {

// ASCII lower case; other bytes (UTF-8 included) are kept.
inline std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace sim::athena
