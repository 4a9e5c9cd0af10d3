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
  lane.entered_previous = entered.previous_event_id;
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

bool Execution::SelectEffectiveInput(Lane& lane, const asl::State& state) {
  LaneEnv env(*this, lane);
  auto effective = asl::EffectiveInput(state, lane.input, env, scratch_);
  if (!effective.ok()) {
    RaiseStateError(lane, state, std::move(effective.error()));
    return false;
  }
  lane.KeepEffectiveInput(*effective, scratch_);
  return true;
}

void Execution::RunPass(Lane& lane, const asl::State& state) {
  LaneEnv env(*this, lane);
  // 1. InputPath.
  auto effective = asl::EffectiveInput(state, lane.input, env, scratch_);
  if (!effective.ok()) return RaiseStateError(lane, state, std::move(effective.error()));
  // 2. Parameters, or Result.
  asl::Json result;
  if (state.result) {
    result = *state.result;
  } else if (asl::HasArguments(state)) {
    auto evaluated = asl::Arguments(state, **effective, env);
    if (!evaluated.ok()) return RaiseStateError(lane, state, std::move(evaluated.error()));
    result = std::move(evaluated.value());
  } else if (*effective != &lane.input ||
             state.result_path.kind == asl::ResultPathField::Kind::kDefault) {
    // A selection, or the input about to be replaced by itself: moved, not copied.
    result = TakeSelected(*effective, lane.input, scratch_);
  } else {
    result = lane.input;
  }
  // 3. Assign: JSONPath's "$" is the result; in JSONata, where a Pass has no Result, the
  // result is the input, which may have been moved into `result` above.
  auto assigned = asl::EvaluateAssign(state, state.assign, {&result, &result, nullptr, nullptr},
                                      env);
  if (!assigned.ok()) return RaiseStateError(lane, state, std::move(assigned.error()));
  // 4. ResultPath, 5. OutputPath. A Pass state catches nothing: its raw input is consumed.
  auto output = asl::StateOutput(state, lane.input, std::move(result), asl::RawInput::kConsume,
                                 env, scratch_);
  if (!output.ok()) return RaiseStateError(lane, state, std::move(output.error()));
  ExitState(lane, state, std::move(*output), state.next, std::move(*assigned));
}

void Execution::RunChoice(Lane& lane, const asl::State& state) {
  LaneEnv env(*this, lane);
  auto effective = asl::EffectiveInput(state, lane.input, env, scratch_);
  if (!effective.ok()) return RaiseStateError(lane, state, std::move(effective.error()));
  asl::StateId next = asl::kNoState;
  const asl::ChoiceBranch* taken = nullptr;
  for (const asl::ChoiceBranch& branch : state.choices) {
    auto matched = asl::ChoiceMatches(state, branch, **effective, env);
    if (!matched.ok()) return RaiseStateError(lane, state, std::move(matched.error()));
    if (*matched) {
      next = branch.next;
      taken = &branch;
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
  // The matched rule's Assign and Output, or the state's when the Default was taken.
  const asl::Assignment& assign = taken ? taken->assign : state.assign;
  auto assigned =
      asl::EvaluateAssign(state, assign, {*effective, &lane.input, nullptr, nullptr}, env);
  if (!assigned.ok()) return RaiseStateError(lane, state, std::move(assigned.error()));
  asl::Json kept = TakeSelected(*effective, lane.input, scratch_);
  auto output = asl::ChoiceOutput(state, taken, kept, env, scratch_);
  if (!output.ok()) return RaiseStateError(lane, state, std::move(output.error()));
  ExitState(lane, state, TakeSelected(*output, kept, scratch_), next, std::move(*assigned));
}

void Execution::RunWait(Lane& lane, const asl::State& state) {
  LaneEnv env(*this, lane);
  auto effective = asl::EffectiveInput(state, lane.input, env, scratch_);
  if (!effective.ok()) return RaiseStateError(lane, state, std::move(effective.error()));
  lane.effective = **effective;
  int64_t millis = 0;
  // A JSONata Seconds or Timestamp expression yields a value checked as a *Path selection is.
  asl::WaitKind kind = state.wait_kind;
  if (state.wait_expression) {
    kind = kind == asl::WaitKind::kSeconds ? asl::WaitKind::kSecondsPath
                                           : asl::WaitKind::kTimestampPath;
  }
  asl::Json evaluated;
  switch (kind) {
    case asl::WaitKind::kSeconds: millis = state.wait_seconds * 1000; break;
    case asl::WaitKind::kTimestamp: {
      std::optional<asl::Instant> at = asl::ParseRfc3339(state.wait_timestamp);
      millis = at ? at->UnixMillis() - sim_.now().ms : 0;
      break;
    }
    case asl::WaitKind::kSecondsPath:
    case asl::WaitKind::kTimestampPath: {
      auto setting =
          state.wait_expression
              ? asl::EvaluateSetting(*state.wait_expression, lane.effective, env, evaluated)
              : asl::SelectSetting(*state.wait_path, lane.effective, env);
      if (!setting.ok()) return RaiseStateError(lane, state, std::move(setting.error()));
      const asl::Json* value = setting->value;
      if (kind == asl::WaitKind::kSecondsPath) {
        if (!value->is_number_integer()) {
          return FailRuntime(lane, state,
                             fmt::format("The SecondsPath parameter cannot be parsed as a long "
                                         "value: {} == {}", setting->text, QuoteValue(*value)));
        }
        int64_t seconds = value->get<int64_t>();
        if (seconds < 0) {
          return FailRuntime(lane, state,
                             fmt::format("The SecondsPath parameter references a negative "
                                         "value: {} == {}", setting->text, QuoteValue(*value)));
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
                                         "== {}", setting->text, QuoteValue(*value)));
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
  LaneEnv env(*this, lane);
  auto assigned = asl::EvaluateAssign(state, state.assign,
                                      {&lane.effective, &lane.effective, nullptr, nullptr}, env);
  if (!assigned.ok()) return RaiseStateError(lane, state, std::move(assigned.error()));
  auto output = asl::SelectOutput(state, lane.effective, env, scratch_);
  if (!output.ok()) return RaiseStateError(lane, state, std::move(output.error()));
  asl::Json out = TakeSelected(*output, lane.effective, scratch_);
  lane.effective = nullptr;
  ExitState(lane, state, std::move(out), state.next, std::move(*assigned));
}

void Execution::RunSucceed(Lane& lane, const asl::State& state) {
  LaneEnv env(*this, lane);
  auto effective = asl::EffectiveInput(state, lane.input, env, scratch_);
  if (!effective.ok()) return RaiseStateError(lane, state, std::move(effective.error()));
  asl::Json kept = TakeSelected(*effective, lane.input, scratch_);
  auto output = asl::SelectOutput(state, kept, env, scratch_);
  if (!output.ok()) return RaiseStateError(lane, state, std::move(output.error()));
  ExitState(lane, state, TakeSelected(*output, kept, scratch_), asl::kNoState);
}

// Resolves Error/ErrorPath or Cause/CausePath of a Fail state. Returns false (after failing the
// lane) when a path does not resolve.
bool Execution::ResolveFailField(Lane& lane, const asl::State& state, const asl::StringOrPath& field,
                                 const char* field_name, std::string& out, bool& present) {
  LaneEnv env(*this, lane);
  auto text = asl::FailField(state, field, field_name, lane.input, env);
  if (!text.ok()) {
    RaiseStateError(lane, state, std::move(text.error()));
    return false;
  }
  present = text->present;
  out = std::move(text->text);
  return true;
}

void Execution::RunFail(Lane& lane, const asl::State& state) {
  asl::Error error;
  if (!ResolveFailField(lane, state, state.error, "ErrorPath", error.name, error.has_name)) return;
  if (!ResolveFailField(lane, state, state.cause, "CausePath", error.cause, error.has_cause)) return;
  // A Fail state's work is the engine's too: the failure is written after its state latency.
  if (Duration work = sim_.DrawEngineLatency(engine_.state); work.ms > 0) {
    lane.exit_error = std::move(error);
    return ResumeAfter(lane, work, Resume::kFail);
  }
  FailLane(lane, std::move(error));
}

}  // namespace sim
