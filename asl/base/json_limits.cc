#include "asl/base/json_limits.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace asl {

int JsonTextDepth(std::string_view text) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"': in_string = true; break;
      case '[':
      case '{': deepest = std::max(deepest, ++depth); break;
      case ']':
      case '}': depth = std::max(0, depth - 1); break;
      default: break;
    }
  }
  return deepest;
}

std::optional<Json> ParseJsonWithinLimits(std::string_view text, int max_depth,
                                          JsonTextProblem* problem) {
  if (JsonTextDepth(text) > max_depth) {
    if (problem) *problem = JsonTextProblem::kTooDeep;
    return std::nullopt;
  }
  Json value = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    if (problem) *problem = JsonTextProblem::kMalformed;
    return std::nullopt;
  }
  return value;
}

int JsonValueDepth(const Json& value) {
  int deepest = 0;
  std::vector<std::pair<const Json*, int>> pending{{&value, 0}};
  while (!pending.empty()) {
    auto [v, depth] = pending.back();
    pending.pop_back();
    if (!v->is_structured()) continue;
    deepest = std::max(deepest, depth + 1);
    for (const Json& child : *v) pending.emplace_back(&child, depth + 1);
  }
  return deepest;
}

bool JsonDepthExceeds(const Json& value, int max_depth) {
  if (!value.is_structured()) return false;
  if (max_depth < 1) return true;
  // One frame per open container: the next child to visit and the end.
  std::vector<std::pair<Json::const_iterator, Json::const_iterator>> open;
  open.emplace_back(value.cbegin(), value.cend());
  while (!open.empty()) {
    auto& [next, end] = open.back();
    if (next == end) {
      open.pop_back();
      continue;
    }
    const Json& child = *next;
    ++next;
    if (!child.is_structured()) continue;
    if (static_cast<int>(open.size()) >= max_depth) return true;
    if (!child.empty()) open.emplace_back(child.cbegin(), child.cend());
  }
  return false;
}

}  // namespace asl
