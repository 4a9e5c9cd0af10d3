#include "tests/testutil/parse_helpers.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "asl/base/json.h"

namespace sfnsim_test {

namespace {

asl::ParsedDefinition Parse(std::string_view definition, const asl::ParseOptions& options) {
  asl::Json json = asl::Json::parse(definition, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    ADD_FAILURE() << "the test's definition is not valid JSON:\n" << definition;
    return {};
  }
  asl::ParsedDefinition parsed = asl::ParseDefinition(json, options);
  EXPECT_EQ(parsed.machine == nullptr, parsed.diagnostics.HasErrors())
      << "a machine must be returned exactly when there is no error";
  return parsed;
}

}  // namespace

std::vector<std::string> FormatDiagnostics(const asl::DiagnosticList& diagnostics) {
  std::vector<std::string> lines;
  for (const asl::Diagnostic& d : diagnostics.items()) {
    std::string line = fmt::format("{}: {}", d.pointer.empty() ? "/" : d.pointer, d.message);
    if (d.severity == asl::Severity::kWarning) line += " (warning)";
    lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<std::string> ParseDiagnostics(std::string_view definition,
                                          const asl::ParseOptions& options) {
  return FormatDiagnostics(Parse(definition, options).diagnostics);
}

std::vector<std::string> ParseCodes(std::string_view definition,
                                    const asl::ParseOptions& options) {
  std::vector<std::string> codes;
  asl::ParsedDefinition parsed = Parse(definition, options);
  for (const asl::Diagnostic& d : parsed.diagnostics.items()) {
    codes.emplace_back(asl::CodeString(d.code));
  }
  return codes;
}

std::unique_ptr<asl::StateMachine> AssertParse(std::string_view definition,
                                               const asl::ParseOptions& options) {
  asl::ParsedDefinition parsed = Parse(definition, options);
  if (!parsed.diagnostics.empty()) {
    std::string all;
    for (const std::string& line : FormatDiagnostics(parsed.diagnostics)) all += line + "\n";
    ADD_FAILURE() << "expected no diagnostics, got:\n" << all << "for:\n" << definition;
  }
  return std::move(parsed.machine);
}

std::string OneState(std::string_view state, std::string_view more) {
  if (more.empty()) return fmt::format(R"({{"StartAt": "S", "States": {{"S": {}}}}})", state);
  return fmt::format(R"({{"StartAt": "S", "States": {{"S": {}, {}}}}})", state, more);
}

const asl::State& OnlyState(const std::unique_ptr<asl::StateMachine>& machine) {
  static const asl::State kEmpty;
  if (!machine || machine->states.empty()) return kEmpty;
  return machine->states[0];
}

}  // namespace sfnsim_test
