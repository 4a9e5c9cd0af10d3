#pragma once
// The report page's style sheet and script, compiled in from simulator/report/assets/ (CMake
// writes them into report_assets.cc in the build tree: cmake/EmbedText.cmake), so the binary
// needs no files at run time and the page needs no network.

namespace sim {

extern const char kReportCss[];
extern const char kReportJs[];

}  // namespace sim
