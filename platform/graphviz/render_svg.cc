#include "platform/graphviz/render_svg.h"

#include <fmt/format.h>

#include <optional>

#include "platform/process/run_process.h"

namespace platform {

namespace {

// The first line of what the program said on stderr, for a one-line message.
std::string FirstLine(const std::string& text) {
  size_t end = text.find('\n');
  std::string line = text.substr(0, end);
  return line.size() > 300 ? line.substr(0, 300) + "..." : line;
}

}  // namespace

SvgRendering RenderDotAsSvg(std::string_view dot, const SvgRenderOptions& options) {
  SvgRendering rendering;
  std::optional<std::string> path = FindOnPath(options.program);
  if (!path) {
    rendering.status = SvgRendering::Status::kNoProgram;
    rendering.program = options.program;
    rendering.error = options.program.find('/') == std::string::npos
                          ? fmt::format("`{}` is not on PATH", options.program)
                          : fmt::format("{} is not an executable file", options.program);
    return rendering;
  }
  rendering.program = *path;
  ProcessSpec spec;
  spec.argv = {*path, "-Tsvg"};
  spec.input = dot;
  spec.timeout_ms = options.timeout_ms;
  spec.max_output_bytes = options.max_output_bytes;
  spec.max_error_bytes = 64 * 1024;
  ProcessResult result = RunProcess(spec);
  rendering.status = SvgRendering::Status::kFailed;
  if (!result.started) {
    rendering.error = fmt::format("cannot run {}: {}", *path, result.error);
  } else if (result.timed_out) {
    rendering.error = fmt::format("{} -Tsvg did not finish in {} s", *path,
                                  options.timeout_ms / 1000.0);
  } else if (result.output_too_large) {
    rendering.error = fmt::format("{} -Tsvg wrote more than {} bytes", *path,
                                  options.max_output_bytes);
  } else if (result.signaled) {
    rendering.error = fmt::format("{} -Tsvg was ended by signal {}", *path, result.signal);
  } else if (result.exit_status != 0) {
    rendering.error = fmt::format("{} -Tsvg exited with status {}{}{}", *path,
                                  result.exit_status, result.err.empty() ? "" : ": ",
                                  FirstLine(result.err));
  } else if (result.out.find("<svg") == std::string::npos) {
    // Exit 0 without a drawing: not Graphviz's dot, or one built without the SVG renderer.
    rendering.error = fmt::format("{} -Tsvg exited 0 but wrote no SVG", *path);
  } else {
    rendering.status = SvgRendering::Status::kOk;
    rendering.svg = std::move(result.out);
  }
  return rendering;
}

}  // namespace platform
