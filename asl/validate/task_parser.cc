// Task states.
// https://states-language.net/spec.html#task-state
// https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html

#include <fmt/format.h>

#include "asl/validate/parser_internal.h"

namespace asl::parser {

namespace {
constexpr int64_t kMaxTaskSeconds = 99999999;  // AWS: TimeoutSeconds/HeartbeatSeconds maximum
}

// Credentials: the role the execution assumes to run the task, as {"RoleArn": "arn:…"} or
// {"RoleArn.$": PATH_OR_INTRINSIC}; nothing else.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-access-cross-acct-resources.html
void MachineParser::ParseCredentials(FieldReader& reader, State& state) {
  const Json* credentials = reader.Get("Credentials");
  if (!credentials) return;
  if (!credentials->is_object()) {
    reader.WrongType("Credentials", "an object with \"RoleArn\" or \"RoleArn.$\"", *credentials);
    return;
  }
  size_t before = diagnostics_.size();
  FieldReader c(*credentials, reader.PointerTo("Credentials"), diagnostics_);
  c.Exclusive({"RoleArn", "RoleArn.$"});
  if (!c.Has("RoleArn") && !c.Has("RoleArn.$")) c.Missing("RoleArn");
  c.NonEmptyString("RoleArn");
  c.Accept("RoleArn.$");  // a path or intrinsic, compiled with the template below
  c.ReportUnknown("Credentials");
  if (diagnostics_.size() == before) state.credentials = ParseTemplate(reader, "Credentials", TemplateShape::kObject);
}

void MachineParser::ParseTask(FieldReader& reader, State& state) {
  if (auto resource = reader.String("Resource", /*required=*/true)) {
    auto parsed = ParseTaskResource(*resource);
    if (!parsed.ok()) {
      diagnostics_.Add(DiagnosticCode::kInvalidResource, reader.PointerTo("Resource"),
                       parsed.error());
    } else {
      state.resource = std::move(parsed.value());
      if (express_) {
        const TaskResource& r = *state.resource;
        const char* problem = nullptr;
        if (r.kind == ResourceKind::kActivity) problem = "activities";
        else if (r.pattern == IntegrationPattern::kSync || r.pattern == IntegrationPattern::kSync2)
          problem = "'.sync' service integrations";
        else if (r.pattern == IntegrationPattern::kWaitForTaskToken)
          problem = "'.waitForTaskToken' service integrations";
        if (problem) {
          diagnostics_.Add(DiagnosticCode::kExpressIncompatible, reader.PointerTo("Resource"),
                           fmt::format("EXPRESS state machines do not support {}", problem));
        }
      }
    }
  }
  ParseInputOutput(reader, state, /*parameters=*/true, /*result_path=*/true,
                   /*result_selector=*/true);
  state.timeout_seconds = ParseIntOrPath(reader, "TimeoutSeconds", 1, kMaxTaskSeconds);
  state.heartbeat_seconds = ParseIntOrPath(reader, "HeartbeatSeconds", 1, kMaxTaskSeconds);
  if (state.timeout_seconds.value && state.heartbeat_seconds.value &&
      *state.heartbeat_seconds.value >= *state.timeout_seconds.value) {
    diagnostics_.Add(DiagnosticCode::kOutOfRange, reader.PointerTo("HeartbeatSeconds"),
                     fmt::format("HeartbeatSeconds ({}) must be smaller than TimeoutSeconds ({})",
                                 *state.heartbeat_seconds.value, *state.timeout_seconds.value));
  }
  ParseCredentials(reader, state);
  ParseRetry(reader, state);
  ParseCatch(reader, state);
  ParseTransition(reader, state);
}

}  // namespace asl::parser
