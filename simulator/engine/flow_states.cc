// Entering a state, and the states that do their work without calling out: Pass, Choice, Wait,
// Succeed and Fail.
// https://states-language.net/spec.html#state-types

#include <fmt/format.h>

#include <cmath>

#include "asl/base/timestamp.h"
#include "simulator/engine/execution_internal.h"

namespace sim {

namespace {

// How AWS quotes a value in SecondsPath/TimestampPath messages: strings bare, others as JSON.
std::string QuoteValue(const asl::Json& value) {
  if (value.is_string()) return value.get<std::string>();
  return asl::Dump(value);
}

// A Wait may not end more than 2^31 seconds (about 68 years) ahead.
constexpr int64_t kMaxWaitSeconds = 2147483647;

}  // namespace

void Execution::EnterState(Lane& lane) {
  const asl::State& state = lane.current();
  HistoryEventView entered{EnteredEvent(state.type)};
  entered.name = state.name;
  if (first_state_ && lane.frame < 0) {
    entered.payload.text = spec_.input_text;  // the execution input, verbatim
    first_state_ = false;
  } else {
    entered.payload.json = &lane.input;
  }
  lane.entered_time = sim_.now();
  if (!Emit(lane, entered)) return;
  lane.entered_event = entered.id;
  ++transitions_;
  lane.retry_counts.assign(state.retriers.size(), 0);
  lane.retry_count = 0;
  switch (state.type) {
    case asl::StateType::kPass: RunPass(lane, state); break;
    case asl::StateType::kChoice: RunChoice(lane, state); break;
    case asl::StateType::kWait: RunWait(lane, state); break;
    case asl::StateType::kSucceed: RunSucceed(lane, state); break;
    case asl::StateType::kFail: RunFail(lane, state); break;
    case asl::StateType::kTask: RunTask(lane, state); break;
    case asl::StateType::kParallel: RunParallel(lane, state); break;
    case asl::StateType::kMap:
      if (state.map_mode == asl::MapMode::kDistributed) RunDistributedMap(lane, state);
      else RunMap(lane, state);
      break;
  }
}

bool Execution::UsesContext(const asl::InputOutputPath& field) const {
  return field.kind == asl::InputOutputPath::Kind::kPath && field.path->is_context();
}

void Execution::RunPass(Lane& lane, const asl::State& state) {
  // 1. InputPath.
  const asl::Json* context = UsesContext(state.input_path) ? Context(lane) : nullptr;
  auto effective = asl::SelectPath(state.input_path, lane.input, context, scratch_);
  if (!effective.ok()) return RaiseStateError(lane, state, std::move(effective.error()));
  // 2. Parameters, or Result.
  asl::Json result;
  if (state.result) {
    result = *state.result;
  } else if (state.parameters) {
    const asl::Json* ctx = state.parameters->uses_context() ? Context(lane) : nullptr;
    asl::EvalContext eval{**effective, ctx, &sim_.random()};
    auto evaluated = state.parameters->Evaluate(eval);
    if (!evaluated.ok()) return RaiseStateError(lane, state, std::move(evaluated.error()));
    result = std::move(evaluated.value());
  } else if (*effective != &lane.input ||
             state.result_path.kind == asl::ResultPathField::Kind::kDefault) {
    // A selection, or the input about to be replaced by itself: moved, not copied.
    result = TakeSelected(*effective, lane.input, scratch_);
  } else {
    result = lane.input;
  }
  // 3. ResultPath, 4. OutputPath.
  auto output = asl::ApplyResultPath(state.result_path, std::move(lane.input), std::move(result));
  if (!output.ok()) return RaiseStateError(lane, state, std::move(output.error()));
  context = UsesContext(state.output_path) ? Context(lane) : nullptr;
  auto final_output = asl::SelectPath(state.output_path, *output, context, scratch_);
  if (!final_output.ok()) return RaiseStateError(lane, state, std::move(final_output.error()));
  ExitState(lane, state, TakeSelected(*final_output, *output, scratch_), state.next);
}

void Execution::RunChoice(Lane& lane, const asl::State& state) {
  const asl::Json* context = UsesContext(state.input_path) ? Context(lane) : nullptr;
  auto effective = asl::SelectPath(state.input_path, lane.input, context, scratch_);
  if (!effective.ok()) return RaiseStateError(lane, state, std::move(effective.error()));
  asl::StateId next = asl::kNoState;
  for (const asl::ChoiceBranch& branch : state.choices) {
    const asl::Json* ctx = branch.rule.uses_context() ? Context(lane) : nullptr;
    asl::EvalContext eval{**effective, ctx, &sim_.random()};
    auto matched = branch.rule.Evaluate(eval);
    if (!matched.ok()) return RaiseStateError(lane, state, std::move(matched.error()));
    if (*matched) {
      next = branch.next;
      break;
    }
  }
  if (next == asl::kNoState) next = state.default_next;
  if (next == asl::kNoState) {
    // NONSTANDARD: AWS's cause text for States.NoChoiceMatched is not recorded; ours names the
    // state.
    return RaiseStateError(
        lane, state,
        asl::Error(std::string(asl::errors::kNoChoiceMatched),
                   fmt::format("No Choice rule matched and the Choice state '{}' has no Default",
                               state.name)));
  }
  asl::Json kept = TakeSelected(*effective, lane.input, scratch_);
  context = UsesContext(state.output_path) ? Context(lane) : nullptr;
  auto output = asl::SelectPath(state.output_path, kept, context, scratch_);
  if (!output.ok()) return RaiseStateError(lane, state, std::move(output.error()));
  ExitState(lane, state, TakeSelected(*output, kept, scratch_), next);
}

void Execution::RunWait(Lane& lane, const asl::State& state) {
  const asl::Json* context = UsesContext(state.input_path) ? Context(lane) : nullptr;
  auto effective = asl::SelectPath(state.input_path, lane.input, context, scratch_);
  if (!effective.ok()) return RaiseStateError(lane, state, std::move(effective.error()));
  lane.effective = **effective;
  int64_t millis = 0;
  switch (state.wait_kind) {
    case asl::WaitKind::kSeconds: millis = state.wait_seconds * 1000; break;
    case asl::WaitKind::kTimestamp: {
      std::optional<asl::Instant> at = asl::ParseRfc3339(state.wait_timestamp);
      millis = at ? at->UnixMillis() - sim_.now().ms : 0;
      break;
    }
    case asl::WaitKind::kSecondsPath:
    case asl::WaitKind::kTimestampPath: {
      const asl::JsonPath& path = *state.wait_path;
      const asl::Json& root = path.is_context() ? *Context(lane) : lane.effective;
      const asl::Json* value = path.Find(root);
      if (!value) {
        return FailRuntime(lane, state, fmt::format("Invalid path '{}' : {}", path.text(),
                                                    path.NotFoundDetail(root)));
      }
      if (state.wait_kind == asl::WaitKind::kSecondsPath) {
        if (!value->is_number_integer()) {
          return FailRuntime(lane, state,
                             fmt::format("The SecondsPath parameter cannot be parsed as a long "
                                         "value: {} == {}", path.text(), QuoteValue(*value)));
        }
        int64_t seconds = value->get<int64_t>();
        if (seconds < 0) {
          return FailRuntime(lane, state,
                             fmt::format("The SecondsPath parameter references a negative "
                                         "value: {} == {}", path.text(), QuoteValue(*value)));
        }
        if (seconds >= kMaxWaitSeconds) {
          return FailRuntime(lane, state, "Wait state delay is too long.");
        }
        millis = seconds * 1000;
      } else {
        std::optional<asl::Instant> at;
        if (value->is_string()) at = asl::ParseRfc3339(value->get<std::string>());
        if (!at) {
          return FailRuntime(lane, state,
                             fmt::format("The TimestampPath parameter does not reference a valid "
                                         "ISO-8601 extended offset date-time format string: {} "
                                         "== {}", path.text(), QuoteValue(*value)));
        }
        millis = at->UnixMillis() - sim_.now().ms;
      }
      break;
    }
  }
  if (millis < 0) millis = 0;
  if (millis / 1000 >= kMaxWaitSeconds) return FailRuntime(lane, state, "Wait state delay is too long.");
  ResumeAfter(lane, Duration{millis}, Resume::kWaitDone);
}

void Execution::FinishWait(Lane& lane) {
  const asl::State& state = lane.current();
  const asl::Json* context = UsesContext(state.output_path) ? Context(lane) : nullptr;
  auto output = asl::SelectPath(state.output_path, lane.effective, context, scratch_);
  if (!output.ok()) return RaiseStateError(lane, state, std::move(output.error()));
  asl::Json out = TakeSelected(*output, lane.effective, scratch_);
  lane.effective = nullptr;
  ExitState(lane, state, std::move(out), state.next);
}

void Execution::RunSucceed(Lane& lane, const asl::State& state) {
  const asl::Json* context = UsesContext(state.input_path) ? Context(lane) : nullptr;
  auto effective = asl::SelectPath(state.input_path, lane.input, context, scratch_);
  if (!effective.ok()) return RaiseStateError(lane, state, std::move(effective.error()));
  asl::Json kept = TakeSelected(*effective, lane.input, scratch_);
  context = UsesContext(state.output_path) ? Context(lane) : nullptr;
  auto output = asl::SelectPath(state.output_path, kept, context, scratch_);
  if (!output.ok()) return RaiseStateError(lane, state, std::move(output.error()));
  ExitState(lane, state, TakeSelected(*output, kept, scratch_), asl::kNoState);
}

// Resolves Error/ErrorPath or Cause/CausePath of a Fail state. Returns false (after failing the
// lane) when a path does not resolve.
bool Execution::ResolveFailField(Lane& lane, const asl::State& state, const asl::StringOrPath& field,
                                 const char* field_name, std::string& out, bool& present) {
  present = field.present();
  if (field.literal) {
    out = *field.literal;
    return true;
  }
  if (field.intrinsic) {
    const asl::Json* ctx = field.intrinsic->uses_context() ? Context(lane) : nullptr;
    asl::EvalContext eval{lane.input, ctx, &sim_.random()};
    auto value = field.intrinsic->Evaluate(eval);
    if (!value.ok()) {
      RaiseStateError(lane, state, std::move(value.error()));
      return false;
    }
    out = value->is_string() ? value->get<std::string>() : asl::Dump(*value);
    return true;
  }
  if (field.path) {
    const asl::Json& root = field.path->is_context() ? *Context(lane) : lane.input;
    const asl::Json* value = field.path->Find(root);
    if (!value) {
      FailRuntime(lane, state,
                  fmt::format("The JSONPath '{}' specified for the field '{}' could not be found "
                              "in the input '{}'", field.path->text(), field_name,
                              asl::Dump(lane.input)));
      return false;
    }
    out = value->is_string() ? value->get<std::string>() : asl::Dump(*value);
  }
  return true;
}

void Execution::RunFail(Lane& lane, const asl::State& state) {
  asl::Error error;
  if (!ResolveFailField(lane, state, state.error, "ErrorPath", error.name, error.has_name)) return;
  if (!ResolveFailField(lane, state, state.cause, "CausePath", error.cause, error.has_cause)) return;
  FailLane(lane, std::move(error));
}

}  // namespace sim
