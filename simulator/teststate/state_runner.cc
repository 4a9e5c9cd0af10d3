// One state, run as TestState runs it. The steps mirror the engine's (simulator/engine:
// flow_states.cc, task_state.cc, error_handling.cc) over the same asl/runtime functions, with
// TestState's differences: no history, no waiting, the Retry decision reported (RETRIABLE)
// instead of carried out, and Map and Parallel results taken from the mock.
// Which inspectionData members each state type gets follows LocalStack's AWS-validated
// TestState snapshots (docs/test-state.md).

#include "simulator/teststate/state_runner.h"

#include <fmt/format.h>

#include <utility>

#include "asl/base/error_names.h"
#include "asl/base/random.h"
#include "asl/base/timestamp.h"
#include "asl/runtime/data_flow.h"
#include "asl/runtime/io_pipeline.h"
#include "asl/runtime/retry_delay.h"
#include "asl/runtime/variable_scope.h"
#include "simulator/engine/simulation.h"
#include "simulator/teststate/task_invoker.h"

namespace sim {

namespace {

// What the state's expressions read besides their input: the Context object and variables.
class TestEnv final : public asl::FlowEnv {
 public:
  TestEnv(asl::Random* random, const asl::VariableSource* variables, const asl::Json* context,
          int64_t now_ms)
      : asl::FlowEnv(random, variables), context_(context), now_ms_(now_ms) {}
  const asl::Json* ContextObject() override { return context_; }
  int64_t NowMillis() override { return now_ms_; }

 private:
  const asl::Json* context_;
  int64_t now_ms_;
};

bool RetriesOrCatches(asl::StateType type) {
  return type == asl::StateType::kTask || type == asl::StateType::kParallel ||
         type == asl::StateType::kMap;
}

asl::Error RuntimeError(std::string cause) {
  return asl::Error(std::string(asl::errors::kRuntime), std::move(cause));
}

std::string Partition(const std::string& region) {
  if (region.rfind("cn-", 0) == 0) return "aws-cn";
  if (region.rfind("us-gov-", 0) == 0) return "aws-us-gov";
  return "aws";
}

class StateRunner {
 public:
  StateRunner(const TestedState& tested, const TestStateRequest& request,
              const TestStateOptions& options)
      : state_(*tested.state),
        request_(request),
        options_(options),
        random_(options.seed),
        json_path_(state_.query_language == asl::QueryLanguage::kJsonPath),
        debug_(request.level != InspectionLevel::kInfo),
        input_(request.input) {
    if (request.variables.is_object()) scope_.Assign(request.variables);
    BuildContext(request.state_name.empty() ? std::string(kSingleStateName) : state_.name);
  }

  asl::Result<TestStateOutcome, TestStateFailure> Run() {
    if (debug_) outcome_.inspection["input"] = request_.input_text;
    switch (state_.type) {
      case asl::StateType::kTask: RunTask(); break;
      case asl::StateType::kPass: RunPass(); break;
      case asl::StateType::kChoice: RunChoice(); break;
      case asl::StateType::kWait: RunWait(); break;
      case asl::StateType::kSucceed: RunSucceed(); break;
      case asl::StateType::kFail: RunFail(); break;
      case asl::StateType::kParallel: RunParallel(); break;
      case asl::StateType::kMap: RunMap(); break;
    }
    if (failure_) return asl::Fail(std::move(*failure_));
    RecordVariables();
    return std::move(outcome_);
  }

 private:
  // --- Context object and recording ------------------------------------------------------

  // The Context object AWS gives a tested state (LocalStack's AWS-validated snapshots): an
  // EXPRESS-style execution ARN under a generated machine name, the role (null without one),
  // and the state's name; the caller's own Context object replaces it whole.
  void BuildContext(const std::string& state_name) {
    std::string machine = Simulation::FormatUuid(random_.Next(), random_.Next());
    std::string execution = Simulation::FormatUuid(random_.Next(), random_.Next());
    std::string prefix = fmt::format("arn:{}:states:{}:{}:", Partition(options_.region),
                                     options_.region, options_.account);
    caller_.execution_arn = fmt::format("{}express:{}:{}", prefix, machine, execution);
    caller_.execution_name = execution;
    caller_.state_machine_arn = fmt::format("{}stateMachine:{}", prefix, machine);
    caller_.state_name = state_.name;
    if (request_.context) {
      context_ = *request_.context;
      return;
    }
    std::string now = FormatIso8601Millis(options_.now);
    context_ = asl::Json::object();
    context_["Execution"] = {{"Id", caller_.execution_arn},
                             {"Input", request_.input},
                             {"Name", execution},
                             {"RoleArn", request_.role_arn ? asl::Json(*request_.role_arn)
                                                           : asl::Json(nullptr)},
                             {"StartTime", now}};
    context_["StateMachine"] = {{"Id", caller_.state_machine_arn}, {"Name", machine}};
    asl::Json state = {{"Name", state_name}, {"EnteredTime", now}};
    if (RetriesOrCatches(state_.type)) state["RetryCount"] = request_.retrier_retry_count;
    context_["State"] = std::move(state);
  }

  TestEnv Env(const asl::Json* context = nullptr) {
    return TestEnv(&random_, &scope_, context ? context : &context_, options_.now.ms);
  }

  void Record(const char* member, const asl::Json& value) {
    if (debug_) outcome_.inspection[member] = asl::Dump(value);
  }
  asl::Json& Details() { return outcome_.inspection["errorDetails"]; }

  // The variables after the state: the request's, then what the state assigned.
  void RecordVariables() {
    if (!debug_) return;
    asl::Json variables =
        request_.variables.is_object() ? request_.variables : asl::Json::object();
    if (assigned_.is_object()) {
      for (const auto& [name, value] : assigned_.items()) variables[name] = value;
    }
    if (!variables.empty()) outcome_.inspection["variables"] = asl::Dump(variables);
  }

  // --- Endings -------------------------------------------------------------------------------

  void Succeed(asl::Json output, const std::string& next, asl::Json assigned) {
    if (asl::SerializedSize(output) > asl::kMaxPayloadBytes) {
      // The engine's text for a state output over the payload quota (task_state.cc).
      return Fail(asl::Error(std::string(asl::errors::kDataLimitExceeded),
                             fmt::format("The state/task '{}' returned a result with a size "
                                         "exceeding the maximum number of bytes service limit.",
                                         state_.name)));
    }
    outcome_.status = TestStatus::kSucceeded;
    outcome_.output = std::move(output);
    outcome_.next_state = next;
    assigned_ = std::move(assigned);
  }

  void Fail(asl::Error error) {
    outcome_.status = TestStatus::kFailed;
    outcome_.error = std::move(error);
  }

  // Retry, then Catch, then failure, as the engine's HandleStateError decides, except that a
  // retry is reported rather than made: stateConfiguration.retrierRetryCount stands for the
  // retries already made by the matching retrier.
  void HandleError(asl::Error error) {
    if (error.name == asl::errors::kRuntime) return Fail(std::move(error));
    for (size_t i = 0; i < state_.retriers.size(); ++i) {
      const asl::Retrier& retrier = state_.retriers[i];
      if (!asl::ErrorMatches(retrier.error_equals, error)) continue;
      if (request_.retrier_retry_count < retrier.max_attempts) {
        int64_t millis =
            asl::RetryDelayMillis(retrier, request_.retrier_retry_count + 1, random_);
        outcome_.status = TestStatus::kRetriable;
        outcome_.error = std::move(error);
        if (debug_) {
          Details()["retryBackoffIntervalSeconds"] = millis / 1000;
          Details()["retryIndex"] = i;
        }
        return;
      }
      break;  // only the first matching retrier is consulted
    }
    for (size_t i = 0; i < state_.catchers.size(); ++i) {
      const asl::Catcher& catcher = state_.catchers[i];
      if (!asl::ErrorMatches(catcher.error_equals, error)) continue;
      TestEnv env = Env();
      asl::Json error_output = asl::ErrorOutput(error);
      auto assigned = asl::EvaluateAssign(
          state_, catcher.assign, {&error_output, &input_, nullptr, &error_output}, env);
      if (!assigned.ok()) return Fail(std::move(assigned.error()));  // not caught again
      auto output = asl::CatchOutput(state_, catcher, input_, error, env);
      if (!output.ok()) return Fail(std::move(output.error()));
      outcome_.status = TestStatus::kCaughtError;
      outcome_.output = std::move(*output);
      outcome_.next_state = catcher.next_name;
      outcome_.error = std::move(error);
      assigned_ = std::move(*assigned);
      if (debug_) Details()["catchIndex"] = i;
      return;
    }
    Fail(std::move(error));
  }

  // --- Shared steps ------------------------------------------------------------------------

  // InputPath (JSONPath: recorded as afterInputPath). False after handling an error.
  bool Effective(asl::Json& effective) {
    TestEnv env = Env();
    asl::Json storage;
    auto selected = asl::EffectiveInput(state_, input_, env, storage);
    if (!selected.ok()) {
      HandleError(std::move(selected.error()));
      return false;
    }
    effective = **selected;
    if (json_path_) Record("afterInputPath", effective);
    return true;
  }

  // Parameters / Arguments, or the effective input itself.
  bool Arguments(const asl::Json& effective, asl::Json& arguments) {
    if (!asl::HasArguments(state_)) {
      arguments = effective;
    } else {
      TestEnv env = Env();
      auto evaluated = asl::Arguments(state_, effective, env);
      if (!evaluated.ok()) {
        HandleError(std::move(evaluated.error()));
        return false;
      }
      arguments = std::move(*evaluated);
    }
    Record(json_path_ ? "afterParameters" : "afterArguments", arguments);
    return true;
  }

  // ResultPath and OutputPath (JSONPath, each step recorded) or Output (JSONata).
  void Output(asl::Json result, const std::string& next, asl::Json assigned) {
    TestEnv env = Env();
    if (!json_path_) {
      asl::Json raw = input_, scratch;
      auto output = asl::StateOutput(state_, raw, std::move(result), asl::RawInput::kKeep, env,
                                     scratch);
      if (!output.ok()) return HandleError(std::move(output.error()));
      return Succeed(std::move(*output), next, std::move(assigned));
    }
    auto after = asl::ApplyResultPath(state_.result_path, input_, std::move(result));
    if (!after.ok()) return HandleError(std::move(after.error()));
    Record("afterResultPath", *after);
    asl::Json storage;
    auto output = asl::SelectOutput(state_, *after, env, storage);
    if (!output.ok()) return HandleError(std::move(output.error()));
    Succeed(asl::Json(**output), next, std::move(assigned));
  }

  // ResultSelector, Assign, then the output: what Task, Parallel and Map do with a result.
  void FinishWithResult(asl::Json result) {
    TestEnv env = Env();
    auto selected = asl::SelectResult(state_, std::move(result), env);
    if (!selected.ok()) return HandleError(std::move(selected.error()));
    if (json_path_) Record("afterResultSelector", *selected);
    auto assigned = asl::EvaluateAssign(state_, state_.assign,
                                        {&*selected, &input_, &*selected, nullptr}, env);
    if (!assigned.ok()) return HandleError(std::move(assigned.error()));
    Output(std::move(*selected), state_.next_name, std::move(*assigned));
  }

  // The mocked error of a Task, Map or Parallel, if the request gives one.
  const asl::Error* MockedError() const {
    return request_.mock && request_.mock->error_output ? &*request_.mock->error_output
                                                        : nullptr;
  }

  // --- State types ---------------------------------------------------------------------------

  void RunTask() {
    asl::Json effective, arguments;
    if (!Effective(effective) || !Arguments(effective, arguments)) return;
    asl::Json result;
    if (request_.mock) {
      if (const asl::Error* error = MockedError()) return HandleError(*error);
      result = *request_.mock->result;
    } else {
      auto call = CallWorld(options_, state_, arguments, caller_);
      if (!call.ok()) {
        failure_ = std::move(call.error());
        return;
      }
      if (!call->succeeded) return HandleError(std::move(call->error));
      result = std::move(call->result);
    }
    Record("result", result);
    FinishWithResult(std::move(result));
  }

  void RunPass() {
    asl::Json effective;
    if (!Effective(effective)) return;
    asl::Json result;
    if (state_.result) {
      // AWS reports a Pass state's Result as its result, without the input steps.
      outcome_.inspection.erase("afterInputPath");
      result = *state_.result;
      Record("result", result);
    } else if (!json_path_) {
      result = effective;  // a JSONata Pass has no Arguments: AWS reports its input alone
    } else if (!Arguments(effective, result)) {
      return;
    }
    if (json_path_) Record("afterResultSelector", result);  // a Pass has no ResultSelector
    TestEnv env = Env();
    auto assigned =
        asl::EvaluateAssign(state_, state_.assign, {&result, &result, nullptr, nullptr}, env);
    if (!assigned.ok()) return HandleError(std::move(assigned.error()));
    Output(std::move(result), state_.next_name, std::move(*assigned));
  }

  void RunChoice() {
    asl::Json effective;
    if (!Effective(effective)) return;
    TestEnv env = Env();
    const asl::ChoiceBranch* taken = nullptr;
    for (const asl::ChoiceBranch& branch : state_.choices) {
      auto matched = asl::ChoiceMatches(state_, branch, effective, env);
      if (!matched.ok()) return HandleError(std::move(matched.error()));
      if (*matched) {
        taken = &branch;
        break;
      }
    }
    if (!taken && state_.default_name.empty()) {
      // The engine's text (flow_states.cc; AWS's is not recorded).
      return HandleError(asl::Error(
          std::string(asl::errors::kNoChoiceMatched),
          fmt::format("No Choice rule matched and the Choice state '{}' has no Default",
                      state_.name)));
    }
    const asl::Assignment& assign = taken ? taken->assign : state_.assign;
    auto assigned =
        asl::EvaluateAssign(state_, assign, {&effective, &input_, nullptr, nullptr}, env);
    if (!assigned.ok()) return HandleError(std::move(assigned.error()));
    asl::Json storage;
    auto output = asl::ChoiceOutput(state_, taken, effective, env, storage);
    if (!output.ok()) return HandleError(std::move(output.error()));
    Succeed(asl::Json(**output), taken ? taken->next_name : state_.default_name,
            std::move(*assigned));
  }

  // A Wait state's wait is checked as the engine checks it, but not waited out.
  void RunWait() {
    asl::Json effective;
    if (!Effective(effective)) return;
    TestEnv env = Env();
    asl::WaitKind kind = state_.wait_kind;
    if (state_.wait_expression) {
      kind = kind == asl::WaitKind::kSeconds ? asl::WaitKind::kSecondsPath
                                             : asl::WaitKind::kTimestampPath;
    }
    if (kind == asl::WaitKind::kSecondsPath || kind == asl::WaitKind::kTimestampPath) {
      asl::Json evaluated;
      auto setting = state_.wait_expression
                         ? asl::EvaluateSetting(*state_.wait_expression, effective, env, evaluated)
                         : asl::SelectSetting(*state_.wait_path, effective, env);
      if (!setting.ok()) return HandleError(std::move(setting.error()));
      const asl::Json& value = *setting->value;
      std::string shown = value.is_string() ? value.get<std::string>() : asl::Dump(value);
      if (kind == asl::WaitKind::kSecondsPath) {
        if (!value.is_number_integer()) {
          return Fail(RuntimeError(fmt::format(
              "The SecondsPath parameter cannot be parsed as a long value: {} == {}",
              setting->text, shown)));
        }
        if (value.get<int64_t>() < 0) {
          return Fail(RuntimeError(fmt::format(
              "The SecondsPath parameter references a negative value: {} == {}", setting->text,
              shown)));
        }
      } else if (!value.is_string() || !asl::ParseRfc3339(value.get<std::string>())) {
        return Fail(RuntimeError(
            fmt::format("The TimestampPath parameter does not reference a valid ISO-8601 "
                        "extended offset date-time format string: {} == {}",
                        setting->text, shown)));
      }
    }
    auto assigned =
        asl::EvaluateAssign(state_, state_.assign, {&effective, &effective, nullptr, nullptr}, env);
    if (!assigned.ok()) return HandleError(std::move(assigned.error()));
    asl::Json storage;
    auto output = asl::SelectOutput(state_, effective, env, storage);
    if (!output.ok()) return HandleError(std::move(output.error()));
    Succeed(asl::Json(**output), state_.next_name, std::move(*assigned));
  }

  void RunSucceed() {
    asl::Json effective;
    if (!Effective(effective)) return;
    TestEnv env = Env();
    asl::Json storage;
    auto output = asl::SelectOutput(state_, effective, env, storage);
    if (!output.ok()) return HandleError(std::move(output.error()));
    Succeed(asl::Json(**output), "", nullptr);
  }

  void RunFail() {
    asl::Json effective;
    if (!Effective(effective)) return;
    TestEnv env = Env();
    auto error = asl::FailField(state_, state_.error, "ErrorPath", input_, env);
    if (!error.ok()) return Fail(std::move(error.error()));
    auto cause = asl::FailField(state_, state_.cause, "CausePath", input_, env);
    if (!cause.ok()) return Fail(std::move(cause.error()));
    asl::Error failure(std::move(error->text), std::move(cause->text));
    failure.has_name = error->present;
    failure.has_cause = cause->present;
    Fail(std::move(failure));
  }

  void RunParallel() {
    asl::Json effective, arguments;
    if (!Effective(effective) || !Arguments(effective, arguments)) return;
    if (const asl::Error* error = MockedError()) return HandleError(*error);
    FinishWithResult(*request_.mock->result);
  }

  void RunMap();

  // A Map setting (MaxConcurrency, ToleratedFailureCount) as a number: literal, *Path or a
  // JSONata expression. nullopt when the state does not set it; false after an error.
  bool MapInteger(const asl::IntOrPath& field, const char* name, const asl::Json& effective,
                  std::optional<int64_t>& out) {
    if (field.value) {
      out = field.value;
      return true;
    }
    if (!field.path && !field.expression) return true;
    TestEnv env = Env();
    asl::Json evaluated;
    auto setting = field.expression ? asl::EvaluateSetting(*field.expression, effective, env,
                                                           evaluated)
                                    : asl::SelectSetting(*field.path, effective, env);
    if (!setting.ok()) {
      HandleError(std::move(setting.error()));
      return false;
    }
    const asl::Json& value = *setting->value;
    if (!value.is_number_integer() || value.get<int64_t>() < 0) {
      // The engine's text for MaxConcurrencyPath and ToleratedFailureCountPath
      // (parallel_map_states.cc, from AWS-validated snapshots).
      std::string shown = value.is_string() ? value.get<std::string>() : asl::Dump(value);
      Fail(RuntimeError(fmt::format(
          "The {}Path field refers to value \"{}\" which is not a valid integer: {}", name,
          shown, setting->text)));
      return false;
    }
    out = value.get<int64_t>();
    return true;
  }

  const asl::State& state_;
  const TestStateRequest& request_;
  const TestStateOptions& options_;
  asl::Random random_;
  const bool json_path_;
  const bool debug_;
  const asl::Json input_;
  asl::VariableScope scope_;
  asl::Json context_;
  TaskCaller caller_;
  TestStateOutcome outcome_;
  asl::Json assigned_;
  std::optional<TestStateFailure> failure_;
};

void StateRunner::RunMap() {
  asl::Json effective;
  if (!Effective(effective)) return;
  // The items: the reader's data as the request gives it, or ItemsPath / Items.
  asl::Json items;
  if (state_.reader) {
    if (!request_.map_item_reader_data || !request_.map_item_reader_data->is_array()) {
      failure_ = TestStateFailure{
          "ValidationException",
          "A Map state with an ItemReader is tested with the items it reads: give "
          "stateConfiguration.mapItemReaderData as a JSON array"};
      return;
    }
    items = *request_.map_item_reader_data;
  } else {
    TestEnv env = Env();
    asl::Json owned;
    auto found = asl::SelectMapItems(state_, effective, env, owned);
    if (!found.ok()) return HandleError(std::move(found.error()));
    if (!(*found)->is_array()) {
      if (!json_path_) {
        // The engine's text (parallel_map_states.cc).
        return Fail(RuntimeError(fmt::format("The Map state's items must be an array, got {}: {}",
                                             asl::TypeName(**found), asl::Dump(**found))));
      }
      // AWS's text names the path relative to what it selects from ("$$" reads as "$").
      std::string path = state_.items_path ? state_.items_path->text() : "$";
      if (path.rfind("$$", 0) == 0) path.erase(0, 1);
      return Fail(RuntimeError(fmt::format("Reference path \"{}\" must point to array.", path)));
    }
    items = **found;
    if (json_path_) Record("afterItemsPath", items);
  }
  // ItemSelector, over each item with $$.Map.Item set.
  if (asl::HasArguments(state_)) {
    asl::Json selected = asl::Json::array();
    for (size_t i = 0; i < items.size(); ++i) {
      asl::Json context = context_;
      context["Map"] = {{"Item", {{"Index", i}, {"Value", items[i]}}}};
      TestEnv env = Env(&context);
      auto evaluated = asl::Arguments(state_, effective, env);
      if (!evaluated.ok()) return HandleError(std::move(evaluated.error()));
      selected.push_back(std::move(*evaluated));
    }
    Record("afterItemSelector", selected);
  }
  std::optional<int64_t> max_concurrency, tolerated_count;
  if (!MapInteger(state_.max_concurrency, "MaxConcurrency", effective, max_concurrency)) return;
  if (!MapInteger(state_.tolerated_failure_count, "ToleratedFailureCount", effective,
                  tolerated_count)) {
    return;
  }
  std::optional<double> tolerated_percentage = state_.tolerated_failure_percentage;
  if (state_.tolerated_failure_percentage_path || state_.tolerated_failure_percentage_expression) {
    TestEnv env = Env();
    asl::Json evaluated;
    auto setting = state_.tolerated_failure_percentage_expression
                       ? asl::EvaluateSetting(*state_.tolerated_failure_percentage_expression,
                                              effective, env, evaluated)
                       : asl::SelectSetting(*state_.tolerated_failure_percentage_path,
                                            effective, env);
    if (!setting.ok()) return HandleError(std::move(setting.error()));
    const asl::Json& value = *setting->value;
    if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 100) {
      std::string shown = value.is_string() ? value.get<std::string>() : asl::Dump(value);
      return Fail(RuntimeError(fmt::format(
          "The ToleratedFailurePercentagePath field refers to value \"{}\" which is not a valid "
          "percentage: {}",
          shown, setting->text)));
    }
    tolerated_percentage = value.get<double>();
  }
  if (debug_) {
    outcome_.inspection["maxConcurrency"] = max_concurrency.value_or(0);
    if (tolerated_count) outcome_.inspection["toleratedFailureCount"] = *tolerated_count;
    if (tolerated_percentage) {
      outcome_.inspection["toleratedFailurePercentage"] = *tolerated_percentage;
    }
  }
  // The mocked error comes first: AWS reports it even when mapIterationFailureCount is over
  // the threshold (LocalStack's AWS-validated snapshots, test_state_configuration).
  if (const asl::Error* error = MockedError()) return HandleError(*error);
  if (request_.map_iteration_failure_count) {
    const int64_t failed = *request_.map_iteration_failure_count;
    const double total = static_cast<double>(items.size());
    bool exceeded = false;
    if (!tolerated_count && !tolerated_percentage) {
      exceeded = failed > 0;  // both thresholds default to 0
    } else {
      exceeded = (tolerated_count && failed > *tolerated_count) ||
                 (tolerated_percentage && total > 0 &&
                  static_cast<double>(failed) * 100.0 > *tolerated_percentage * total);
    }
    if (exceeded) {
      return HandleError(asl::Error(std::string(asl::errors::kExceedToleratedFailureThreshold),
                                    "The specified tolerated failure threshold was exceeded"));
    }
  }
  FinishWithResult(*request_.mock->result);
}

}  // namespace

asl::Result<TestStateOutcome, TestStateFailure> RunTestedState(const TestedState& tested,
                                                               const TestStateRequest& request,
                                                               const TestStateOptions& options) {
  StateRunner runner(tested, request, options);
  return runner.Run();
}

}  // namespace sim
