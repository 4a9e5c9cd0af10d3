#pragma once
// Graphviz DOT drawn as SVG by Graphviz's own `dot -Tsvg` (`sfnsim graph --format svg`): the
// layout is Graphviz's, so sfnsim carries no layout code. `dot` is an optional tool (the Debian
// package graphviz); without it the caller says so and falls back to the DOT.

#include <cstdint>
#include <string>
#include <string_view>

namespace platform {

struct SvgRenderOptions {
  // A path, or a name looked up on PATH.
  std::string program = "dot";
  // Wall-clock limit: Graphviz's layout of a very large graph can take long, but never this long
  // for a state machine (10,000 states lay out in seconds).
  int64_t timeout_ms = 60'000;
  // More output than this ends the program: no drawing of a definition is near it.
  size_t max_output_bytes = size_t{256} << 20;
};

struct SvgRendering {
  enum class Status {
    kOk,
    kNoProgram,  // `program` is not on PATH (or not executable)
    kFailed,     // it ran and failed: exit status, signal, time limit, or no SVG on stdout
  };
  Status status = Status::kFailed;
  std::string svg;      // kOk: the SVG document
  std::string program;  // the program run (its full path when found)
  std::string error;    // kNoProgram / kFailed: why, for a message ("exited with status 1: ...")
  bool ok() const { return status == Status::kOk; }
};

// Runs `program -Tsvg` with `dot` on its stdin, no shell, under the options' limits.
SvgRendering RenderDotAsSvg(std::string_view dot, const SvgRenderOptions& options = {});

}  // namespace platform
