#pragma once
// Lint: risks in a valid definition that validation does not reject, found on the state graph
// and with the history budget (asl/analysis/history_budget.h). Each finding has a stable code
// (lint_codes.def, SFN1xxx), a severity, the offending state and, where a path applies, the
// path printed as ninja prints a dependency cycle: `A -> B -> A`.
//
//   SFN1000 error    a state from which no terminal state can be reached
//   SFN1001 error    a loop that no transition leaves
//   SFN1100 error    a loop that never hands over and that a stated bound takes to the limit
//   SFN1101 error    not even one iteration of a loop fits under the history limit
//   SFN1102 warning  a loop bounded by a numeric Choice rule that never hands over
//   SFN1103 warning  every retry used, one iteration can exceed the history limit
//   SFN1104 warning  a loop inside a Map iteration or a Parallel branch
//   SFN1105 info     a loop that hands over: its events per iteration
//   SFN1106 warning  a loop only the data bounds that never hands over (polling, pagination)
//   SFN1200 warning  a Task with no Retry for transient errors
//   SFN1201 warning  a Catch without ResultPath replaces the state input
//   SFN1300 warning  a Map without MaxConcurrency
//   SFN1301 warning  a .waitForTaskToken / activity Task without HeartbeatSeconds/TimeoutSeconds
//   SFN1302 warning  a Distributed Map over an ItemReader that returns every child's output

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "asl/analysis/history_budget.h"
#include "asl/analysis/integration_facts.h"
#include "asl/analysis/state_graph.h"
#include "asl/base/json.h"
#include "asl/model/state_machine.h"

namespace asl {

enum class LintSeverity : uint8_t { kError, kWarning, kInfo };
const char* LintSeverityName(LintSeverity severity);  // "error", "warning", "info"

enum class LintCode : uint8_t {
#define ASL_LINT(id, code, severity, title) id,
#include "asl/analysis/lint_codes.def"
#undef ASL_LINT
};

std::string_view LintCodeString(LintCode code);  // "SFN1100"
std::string_view LintCodeTitle(LintCode code);
LintSeverity LintCodeSeverity(LintCode code);
std::vector<LintCode> AllLintCodes();

struct LintFinding {
  LintCode code{};
  LintSeverity severity = LintSeverity::kWarning;
  std::string state;    // the offending state ("" for none)
  std::string pointer;  // its JSON pointer in the definition
  std::string path;     // "A -> B -> A" where a path applies, else ""
  std::string message;
};

struct LintOptions {
  int64_t limit = kHistoryLimit;  // 0: no history limit (EXPRESS): no SFN11xx finding
  MapItems map_items;  // optional: Map item counts, for the iterations that fit
  // The most iterations of the loop through a state (by name), as "sfnsim:max-iterations N" in
  // its Comment states it (lint_markers.h); the smaller wins when both are given.
  std::map<std::string, int64_t, std::less<>> max_iterations;
  // Codes not to report: "SFN1106" anywhere, "SFN1106:State" at one state; as
  // "sfnsim:lint-ignore" in Comments does.
  std::set<std::string, std::less<>> ignore;
  // The services' transient errors SFN1200 suggests retrying (integration_facts.h); null: lint
  // names none.
  const IntegrationFacts* integrations = nullptr;
};

// Findings can be silenced per state and code (lint_markers.h, LintOptions::ignore).
//
// Lints a valid machine. `document` is the ASL document it was parsed from (for the Choice
// rules' operators); null when not at hand (then no loop counts as bounded by a counter).
// Findings come in document order of their state, then by code.
std::vector<LintFinding> LintDefinition(const StateMachine& machine, const StateGraph& graph,
                                        const Json* document, const LintOptions& options = {});

}  // namespace asl
