#include "asl/analysis/lint_markers.h"

#include <algorithm>
#include <charconv>

namespace asl {

namespace {

bool IsLintCode(std::string_view token) {
  if (token.size() != 7 || token.substr(0, 3) != "SFN") return false;
  return std::all_of(token.begin() + 3, token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsSeparator(char c) { return c == ' ' || c == ',' || c == '\t' || c == '\n'; }

}  // namespace

std::vector<std::string> IgnoredLintCodes(std::string_view comment) {
  std::vector<std::string> codes;
  for (size_t at = comment.find(kLintIgnoreMarker); at != std::string_view::npos;
       at = comment.find(kLintIgnoreMarker, at + 1)) {
    size_t i = at + kLintIgnoreMarker.size();
    while (true) {
      while (i < comment.size() && IsSeparator(comment[i])) ++i;
      size_t end = i;
      while (end < comment.size() && !IsSeparator(comment[end])) ++end;
      std::string_view token = comment.substr(i, end - i);
      // A code may be followed by punctuation ending the sentence: "SFN1106.".
      while (!token.empty() && (token.back() == '.' || token.back() == ';')) token.remove_suffix(1);
      if (!IsLintCode(token)) break;
      codes.emplace_back(token);
      i = end;
    }
  }
  return codes;
}

std::optional<int64_t> StatedMaxIterations(std::string_view comment) {
  std::optional<int64_t> bound;
  for (size_t at = comment.find(kMaxIterationsMarker); at != std::string_view::npos;
       at = comment.find(kMaxIterationsMarker, at + 1)) {
    size_t i = at + kMaxIterationsMarker.size();
    while (i < comment.size() && (comment[i] == ' ' || comment[i] == '=' || comment[i] == ':')) {
      ++i;
    }
    int64_t value = 0;
    auto [end, ec] = std::from_chars(comment.data() + i, comment.data() + comment.size(), value);
    if (ec != std::errc() || end == comment.data() + i || value < 0) continue;
    bound = bound ? std::min(*bound, value) : value;
  }
  return bound;
}

}  // namespace asl
