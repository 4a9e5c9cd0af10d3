#include "tests/fuzz/fuzz_input.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace sfnsim_fuzz {

namespace {

std::string* scratch_directory = nullptr;

void RemoveScratchDirectory() {
  if (scratch_directory == nullptr) return;
  std::error_code ignored;
  std::filesystem::remove_all(*scratch_directory, ignored);
}

const std::string& ScratchDirectory() {
  if (scratch_directory != nullptr) return *scratch_directory;
  std::error_code ec;
  std::filesystem::path base = std::filesystem::temp_directory_path(ec);
  if (ec) base = "/tmp";
  std::string pattern = (base / "sfnsim_fuzz_XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) Violated("cannot create a scratch directory");
  scratch_directory = new std::string(pattern);
  std::atexit(RemoveScratchDirectory);
  return *scratch_directory;
}

}  // namespace

std::string WriteInputFile(const std::string& name, std::string_view data) {
  std::string path = ScratchDirectory() + "/" + name;
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) Violated("cannot create the input file " + path);
  bool written = std::fwrite(data.data(), 1, data.size(), file) == data.size();
  if (std::fclose(file) != 0 || !written) Violated("cannot write the input file " + path);
  return path;
}

std::pair<std::string_view, std::string_view> SplitFirstLine(std::string_view text) {
  size_t newline = text.find('\n');
  if (newline == std::string_view::npos) return {text, {}};
  return {text.substr(0, newline), text.substr(newline + 1)};
}

void Violated(std::string_view what) {
  std::fprintf(stderr, "sfnsim fuzz target: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

}  // namespace sfnsim_fuzz
