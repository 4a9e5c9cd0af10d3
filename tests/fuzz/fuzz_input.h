#pragma once
// What the fuzz targets share: the input as a file (for the entry points that take a path, as the
// CLI calls them), the input split into parts, and a check that stops the run loudly.
//
// Each target is one small .cc defining LLVMFuzzerTestOneInput. With -DSFNSIM_FUZZ=ON it links
// libFuzzer; otherwise replay_main.cc supplies main(), which runs the target on files, so the
// checked-in reproducers (tests/fuzz/regressions/<target>/) replay in every build.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace sfnsim_fuzz {

// The fuzzer's bytes as text.
inline std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Writes `data` to `name` in a directory of this process's own (created on first use, removed at
// exit) and returns the file's path. The directory holds nothing else the input could name, so
// relative paths inside a fuzzed scenario or template resolve to files that do not exist.
std::string WriteInputFile(const std::string& name, std::string_view data);

// The text up to the first newline, and the rest (empty when there is no newline). Targets whose
// input is an expression and a document (a path and the JSON it is evaluated on) read it so.
std::pair<std::string_view, std::string_view> SplitFirstLine(std::string_view text);

// A property the target checks was violated: prints `what` and aborts, which libFuzzer reports
// as a crash and saves the input.
[[noreturn]] void Violated(std::string_view what);

}  // namespace sfnsim_fuzz
