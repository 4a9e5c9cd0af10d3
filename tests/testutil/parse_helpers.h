#pragma once
// Test helpers for the definition parser, in the spirit of ninja's AssertParse: parse a
// definition written inline as a raw string, and compare every diagnostic it produces, rendered
// as "POINTER: MESSAGE", with the expected list.
//
//   ASSERT_NO_FATAL_FAILURE(AssertParse(R"json({"StartAt": "A", "States": {…}})json"));
//   EXPECT_THAT(ParseDiagnostics(R"json({…})json"),
//               ElementsAre("/States/A/Next: state \"B\" does not exist"));

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/diagnostic.h"
#include "asl/model/state_machine.h"
#include "asl/validate/definition_parser.h"

namespace sfnsim_test {

// "POINTER: MESSAGE" for each diagnostic, in order ("/" is the document itself); warnings end in
// " (warning)".
std::vector<std::string> FormatDiagnostics(const asl::DiagnosticList& diagnostics);

// Parses the JSON text `definition` (a JSON syntax error fails the test) and returns every
// diagnostic, formatted as above. Also checks the parser's contract: a machine is returned
// exactly when there is no error.
std::vector<std::string> ParseDiagnostics(std::string_view definition,
                                          const asl::ParseOptions& options = {});

// The stable codes ("SFN0106") of every diagnostic of `definition`, in order.
std::vector<std::string> ParseCodes(std::string_view definition,
                                    const asl::ParseOptions& options = {});

// Parses `definition` and fails the test, listing every diagnostic, unless there is none at all
// (no error, no warning). Returns the machine (null on failure).
std::unique_ptr<asl::StateMachine> AssertParse(std::string_view definition,
                                               const asl::ParseOptions& options = {});

// A definition whose only state, "S", is `state` (a JSON object text), followed by `more`
// states (`"Name": {...}` members, comma-separated) when given. Pointers into the state start
// with "/States/S".
std::string OneState(std::string_view state, std::string_view more = "");

// The first (for OneState definitions, the only) state of `machine`; an empty state when there is
// none, so a failed parse fails the test's expectations instead of crashing it.
const asl::State& OnlyState(const std::unique_ptr<asl::StateMachine>& machine);

}  // namespace sfnsim_test
