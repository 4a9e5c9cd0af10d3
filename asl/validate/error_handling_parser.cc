// Retry and Catch.
// https://states-language.net/spec.html#errors
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "asl/base/error_names.h"
#include "asl/validate/parser_internal.h"

namespace asl::parser {

namespace {

// Documented ranges of retrier fields (AWS Developer Guide, "Retrying after an error").
constexpr int64_t kMaxIntervalSeconds = 99999999;
constexpr int64_t kMaxAttempts = 99999999;
constexpr int64_t kMaxDelaySeconds = 31622401;

bool IsPredefinedError(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      errors::kAll, errors::kDataLimitExceeded, errors::kExceedToleratedFailureThreshold,
      errors::kHeartbeatTimeout, errors::kHttpSocket, errors::kIntrinsicFailure,
      errors::kItemReaderFailed, errors::kNoChoiceMatched, errors::kParameterPathFailure,
      errors::kPermissions, errors::kQueryEvaluationError, errors::kReferencePathConflict,
      errors::kResultPathMatchFailure, errors::kResultWriterFailed, errors::kRuntime,
      errors::kTaskFailed, errors::kTimeout, errors::kBranchFailed};
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

}  // namespace

std::vector<std::string> MachineParser::ParseErrorEquals(const std::string& pointer,
                                                         FieldReader& reader) {
  std::vector<std::string> names;
  const Json* list = reader.Array("ErrorEquals", /*required=*/true);
  if (!list) return names;
  std::string list_pointer = PointerJoin(pointer, "ErrorEquals");
  if (list->empty()) {
    diagnostics_.Add(DiagnosticCode::kEmptyErrorEquals, list_pointer,
                     "ErrorEquals must name at least one error");
    return names;
  }
  for (size_t i = 0; i < list->size(); ++i) {
    const Json& name = (*list)[i];
    if (!name.is_string()) {
      diagnostics_.Add(DiagnosticCode::kWrongType, PointerJoin(list_pointer, i),
                       fmt::format("expected an error name string, got {}", DescribeValue(name)));
      continue;
    }
    const std::string& text = name.get_ref<const std::string&>();
    if (text.starts_with("States.") && !IsPredefinedError(text) && !any_error_thrown_ &&
        thrown_errors_.count(text) == 0) {
      // AWS accepts any string here, but a misspelt States.* name never matches anything,
      // unless a Fail state of the definition throws it.
      diagnostics_.Add(DiagnosticCode::kUnknownStatesError, PointerJoin(list_pointer, i),
                       fmt::format("\"{}\" is not an error name the States language defines "
                                   "and no Fail state of the definition throws it, so it never "
                                   "matches", text),
                       Severity::kWarning);
    }
    names.push_back(text);
  }
  bool has_all = std::find(names.begin(), names.end(), errors::kAll) != names.end();
  if (has_all && names.size() > 1) {
    diagnostics_.Add(DiagnosticCode::kStatesAllNotAlone, list_pointer,
                     "\"States.ALL\" must appear alone in ErrorEquals");
  }
  return names;
}

void MachineParser::ParseRetry(FieldReader& reader, State& state) {
  const Json* list = reader.Array("Retry");
  if (!list) return;
  std::string list_pointer = reader.PointerTo("Retry");
  for (size_t i = 0; i < list->size(); ++i) {
    const Json& entry = (*list)[i];
    std::string pointer = PointerJoin(list_pointer, i);
    if (!entry.is_object()) {
      diagnostics_.Add(DiagnosticCode::kWrongType, pointer,
                       fmt::format("expected a retrier object, got {}", DescribeValue(entry)));
      continue;
    }
    FieldReader r(entry, pointer, diagnostics_);
    Retrier retrier;
    r.String("Comment");
    retrier.error_equals = ParseErrorEquals(pointer, r);
    if (auto v = r.Integer("IntervalSeconds", 1, kMaxIntervalSeconds)) {
      retrier.interval_seconds = *v;
    }
    if (auto v = r.Integer("MaxAttempts", 0, kMaxAttempts)) retrier.max_attempts = *v;
    // No documented upper bound: only "greater than or equal to 1.0".
    if (auto v = r.Number("BackoffRate", 1.0, std::numeric_limits<double>::infinity())) {
      retrier.backoff_rate = *v;
    }
    retrier.max_delay_seconds = r.Integer("MaxDelaySeconds", 1, kMaxDelaySeconds);
    if (auto v = r.String("JitterStrategy")) {
      if (*v == "FULL") retrier.jitter = JitterStrategy::kFull;
      else if (*v != "NONE") {
        diagnostics_.Add(DiagnosticCode::kInvalidValue, r.PointerTo("JitterStrategy"),
                         fmt::format("unknown JitterStrategy \"{}\": expected \"FULL\" or "
                                     "\"NONE\"", *v));
      }
    }
    r.ReportUnknown("a retrier");
    bool has_all = std::find(retrier.error_equals.begin(), retrier.error_equals.end(),
                             errors::kAll) != retrier.error_equals.end();
    if (has_all && i + 1 != list->size()) {
      diagnostics_.Add(DiagnosticCode::kStatesAllNotLast, PointerJoin(pointer, "ErrorEquals"),
                       "the retrier with \"States.ALL\" must be the last one in Retry");
    }
    state.retriers.push_back(std::move(retrier));
  }
}

void MachineParser::ParseCatch(FieldReader& reader, State& state) {
  const Json* list = reader.Array("Catch");
  if (!list) return;
  std::string list_pointer = reader.PointerTo("Catch");
  for (size_t i = 0; i < list->size(); ++i) {
    const Json& entry = (*list)[i];
    std::string pointer = PointerJoin(list_pointer, i);
    if (!entry.is_object()) {
      diagnostics_.Add(DiagnosticCode::kWrongType, pointer,
                       fmt::format("expected a catcher object, got {}", DescribeValue(entry)));
      continue;
    }
    FieldReader r(entry, pointer, diagnostics_);
    Catcher catcher;
    r.String("Comment");
    catcher.error_equals = ParseErrorEquals(pointer, r);
    if (auto next = r.String("Next", /*required=*/true)) catcher.next_name = *next;
    if (jsonata()) {
      catcher.output = ParseJsonata(r, "Output");
      if (r.Has("ResultPath")) {
        r.Accept("ResultPath");
        diagnostics_.Add(DiagnosticCode::kUnknownField, r.PointerTo("ResultPath"),
                         "field \"ResultPath\" is only valid with QueryLanguage \"JSONPath\": "
                         "a JSONata catcher uses Output");
      }
    } else {
      catcher.result_path = ParseResultPath(r);
    }
    catcher.assign = ParseAssign(r);
    r.ReportUnknown("a catcher");
    bool has_all = std::find(catcher.error_equals.begin(), catcher.error_equals.end(),
                             errors::kAll) != catcher.error_equals.end();
    if (has_all && i + 1 != list->size()) {
      diagnostics_.Add(DiagnosticCode::kStatesAllNotLast, PointerJoin(pointer, "ErrorEquals"),
                       "the catcher with \"States.ALL\" must be the last one in Catch");
    }
    state.catchers.push_back(std::move(catcher));
  }
}

}  // namespace asl::parser
