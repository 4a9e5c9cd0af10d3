#include "asl/load/yaml_tag_block_scalar.h"

#include <string_view>
#include <vector>

namespace asl {

namespace {

struct Line {
  size_t begin = 0;  // offset of the first character
  size_t end = 0;    // offset of the '\n' (or of the end of the text)
};

std::vector<Line> SplitLines(const std::string& text) {
  std::vector<Line> lines;
  size_t begin = 0;
  while (true) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) {
      lines.push_back({begin, text.size()});
      return lines;
    }
    lines.push_back({begin, end});
    begin = end + 1;
  }
}

std::string_view Trimmed(std::string_view s) {
  size_t first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  size_t last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

// "!!str |", "!Sub >-", "&anchor !!str |2", each property a tag or an anchor, then a block
// scalar header (| or >, then at most an indentation digit and a chomping sign), then an
// optional comment.
bool IsPropertiesAndBlockHeader(std::string_view line) {
  line = Trimmed(line);
  size_t i = 0;
  bool any_property = false;
  while (i < line.size() && (line[i] == '!' || line[i] == '&')) {
    size_t end = line.find_first_of(" \t", i);
    if (end == std::string_view::npos) return false;  // a property and nothing after it
    any_property = true;
    i = line.find_first_not_of(" \t", end);
    if (i == std::string_view::npos) return false;
  }
  if (!any_property || (line[i] != '|' && line[i] != '>')) return false;
  ++i;
  for (int k = 0; k < 2 && i < line.size(); ++k) {
    if ((line[i] >= '1' && line[i] <= '9') || line[i] == '+' || line[i] == '-') ++i;
  }
  std::string_view rest = Trimmed(line.substr(i));
  return rest.empty() || rest[0] == '#';
}

// "key:" alone (a plain or quoted key; no value, no comment). A sequence entry ("-" alone) is
// not repaired this way: yaml-cpp refuses "- !!str |" followed by its content too.
bool IsBareKey(std::string_view line) {
  line = Trimmed(line);
  return line.size() >= 2 && line.back() == ':' && line.find('#') == std::string_view::npos;
}

}  // namespace

bool MoveKeyOntoTaggedBlockScalar(std::string& text, int error_line) {
  std::vector<Line> lines = SplitLines(text);
  auto view = [&](size_t i) {
    return std::string_view(text).substr(lines[i].begin, lines[i].end - lines[i].begin);
  };
  auto previous_non_blank = [&](size_t i) -> size_t {
    while (i > 0) {
      --i;
      if (!Trimmed(view(i)).empty()) return i;
    }
    return std::string::npos;
  };
  if (error_line <= 0 || static_cast<size_t>(error_line) >= lines.size()) return false;
  size_t header = previous_non_blank(static_cast<size_t>(error_line));
  if (header == std::string::npos || !IsPropertiesAndBlockHeader(view(header))) return false;
  size_t key = previous_non_blank(header);
  if (key == std::string::npos || !IsBareKey(view(key))) return false;
  std::string_view key_text = view(key);
  key_text = key_text.substr(0, key_text.find_last_not_of(" \t\r") + 1);
  std::string joined = std::string(key_text) + " " + std::string(Trimmed(view(header)));
  // The header's line gets the key (at the key's indentation); the key's line is left empty.
  std::string rebuilt = text.substr(0, lines[key].begin);
  rebuilt.append(text, lines[key].end, lines[header].begin - lines[key].end);
  rebuilt += joined;
  rebuilt.append(text, lines[header].end, std::string::npos);
  text = std::move(rebuilt);
  return true;
}

}  // namespace asl
