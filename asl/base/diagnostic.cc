#include "asl/base/diagnostic.h"

#include <algorithm>
#include <fmt/format.h>

namespace asl {

namespace {
struct CodeInfo {
  std::string_view code;
  std::string_view title;
};
constexpr CodeInfo kCodes[] = {
#define ASL_DIAGNOSTIC(id, code, title) {code, title},
#include "asl/base/diagnostic_codes.def"
#undef ASL_DIAGNOSTIC
};
}  // namespace

std::string_view CodeString(DiagnosticCode code) { return kCodes[static_cast<int>(code)].code; }
std::string_view CodeTitle(DiagnosticCode code) { return kCodes[static_cast<int>(code)].title; }

std::vector<DiagnosticCode> AllDiagnosticCodes() {
  std::vector<DiagnosticCode> all;
  for (size_t i = 0; i < std::size(kCodes); ++i) all.push_back(static_cast<DiagnosticCode>(i));
  return all;
}

std::string SourceMap::FullPointer(std::string_view pointer) const {
  if (embedded_string) {
    if (pointer.empty()) return pointer_prefix;
    return fmt::format("{} ({})", pointer_prefix, pointer);
  }
  return pointer_prefix + std::string(pointer);
}

int SourceMap::LineOf(std::string_view pointer) const {
  if (lines.empty()) return 0;
  std::string p = embedded_string ? pointer_prefix : pointer_prefix + std::string(pointer);
  while (true) {
    auto it = lines.find(p);
    if (it != lines.end()) return it->second;
    if (p.empty()) return 0;
    size_t slash = p.rfind('/');
    p.erase(slash == std::string::npos ? 0 : slash);
  }
}

std::string FormatDiagnostic(const Diagnostic& diagnostic, const SourceMap& source) {
  if (!diagnostic.file.empty()) {
    std::string text = diagnostic.file;
    if (diagnostic.line > 0) {
      text += fmt::format(":{}", diagnostic.line);
      if (diagnostic.column > 0) text += fmt::format(":{}", diagnostic.column);
    }
    text += ": ";
    if (!diagnostic.pointer.empty()) text += diagnostic.pointer + ": ";
    text += diagnostic.message;
    if (diagnostic.severity == Severity::kWarning) text += " (warning)";
    return text;
  }
  std::string where = source.file.empty() ? std::string("<definition>") : source.file;
  if (int line = source.LineOf(diagnostic.pointer); line > 0) where += fmt::format(":{}", line);
  std::string pointer = source.FullPointer(diagnostic.pointer);
  if (pointer.empty()) pointer = "/";
  std::string text = fmt::format("{}: {}: {}", where, pointer, diagnostic.message);
  if (diagnostic.severity == Severity::kWarning) text += " (warning)";
  return text;
}

bool DiagnosticList::HasErrors() const {
  return std::any_of(items_.begin(), items_.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

std::string PointerJoin(std::string_view base, std::string_view token) {
  std::string out(base);
  out += '/';
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string PointerJoin(std::string_view base, size_t index) {
  return fmt::format("{}/{}", base, index);
}

namespace {
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string SpellCheck(std::string_view word, const std::vector<std::string>& candidates) {
  // Allow roughly one edit per three characters, at most 3.
  size_t best_distance = std::min<size_t>(3, std::max<size_t>(1, word.size() / 3)) + 1;
  std::string best;
  for (const std::string& candidate : candidates) {
    size_t d = EditDistance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace asl
