#pragma once
// Helpers for the loader tests: a scratch directory and diagnostics as the user reads them.

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/diagnostic.h"

namespace asl::load_test {

// A fresh directory under the system's temporary directory, removed with everything in it.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sfnsim_load_XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  // Writes `text` to `name` (relative, parent directories created) and returns its full path.
  std::string Write(const std::string& name, std::string_view text) const {
    std::filesystem::path path = std::filesystem::path(path_) / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    return path.string();
  }
  std::string Path(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Every diagnostic of `list` formatted with an empty SourceMap (loader diagnostics locate
// themselves), with `directory` + "/" removed wherever it appears.
inline std::vector<std::string> Formatted(const DiagnosticList& list,
                                          const std::string& directory = "") {
  std::vector<std::string> lines;
  for (const Diagnostic& diagnostic : list.items()) {
    std::string text = FormatDiagnostic(diagnostic, SourceMap{});
    if (!directory.empty()) {
      std::string prefix = directory + "/";
      for (size_t at; (at = text.find(prefix)) != std::string::npos;) text.erase(at, prefix.size());
    }
    lines.push_back(std::move(text));
  }
  return lines;
}

}  // namespace asl::load_test
