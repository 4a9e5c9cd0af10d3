// Reading TestState's request: every member AWS's model declares, with its type and
// constraints. https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html

#include "simulator/teststate/test_state_request.h"

#include <fmt/format.h>

#include <string_view>

#include "asl/base/json_limits.h"
#include "asl/load/json_text.h"

namespace sim {

namespace {

// Members AWS's model bounds (Length Constraints on the API reference page).
constexpr size_t kMaxDefinitionBytes = 1048576;
constexpr size_t kMaxPayloadTextBytes = 262144;  // input, variables, mock.result
constexpr size_t kMaxStateNameLength = 80;
constexpr size_t kMaxRoleArnLength = 256;

using Failed = asl::Failure<TestStateFailure>;

Failed Serialization(const std::string& member, const char* expected) {
  // The JSON protocol refuses a member of the wrong type before the service sees the request.
  return asl::Fail(TestStateFailure{
      "SerializationException",
      fmt::format("TestState request member '{}' must be {}", member, expected)});
}

Failed Invalid(const std::string& code, std::string message) {
  return asl::Fail(TestStateFailure{code, std::move(message)});
}

// A string member: absent -> nullopt; not a string -> SerializationException.
asl::Result<std::optional<std::string>, TestStateFailure> StringMember(const asl::Json& object,
                                                                      const char* name,
                                                                      const std::string& path) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return Serialization(path, "a string");
  return std::optional<std::string>(it->get<std::string>());
}

asl::Status<TestStateFailure> CheckLength(const std::string& value, const std::string& path,
                                          size_t min, size_t max) {
  if (value.size() < min) {
    return asl::Fail(ConstraintViolation(fmt::format(
        "Value at '{}' failed to satisfy constraint: Member must have length greater than or "
        "equal to {}",
        path, min)));
  }
  if (value.size() > max) {
    return asl::Fail(ConstraintViolation(fmt::format(
        "Value at '{}' failed to satisfy constraint: Member must have length less than or equal "
        "to {}",
        path, max)));
  }
  return {};
}

// A member holding JSON text: its value, or `code` naming the member and where the text breaks.
asl::Result<asl::Json, TestStateFailure> ParseJsonMember(const std::string& text,
                                                         const std::string& path,
                                                         const std::string& code) {
  asl::JsonTextProblem problem = asl::JsonTextProblem::kMalformed;
  std::optional<asl::Json> value = asl::ParseJsonWithinLimits(text, asl::kMaxJsonDepth, &problem);
  if (value) return std::move(*value);
  if (problem == asl::JsonTextProblem::kTooDeep) {
    return Invalid(code, fmt::format("The '{}' member nests deeper than {} levels", path,
                                     asl::kMaxJsonDepth));
  }
  auto located = asl::ParseJson(text);
  std::string where;
  if (!located.ok() && !located.error().empty()) {
    const asl::TextError& first = located.error().front();
    where = fmt::format(" at line {}, column {}: {}", first.line, first.column, first.message);
  }
  return Invalid(code, fmt::format("The '{}' member is not valid JSON{}", path, where));
}

asl::Result<std::optional<int64_t>, TestStateFailure> NonNegativeInteger(
    const asl::Json& object, const char* name, const std::string& path) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::optional<int64_t>();
  if (!it->is_number_integer()) return Serialization(path, "an integer");
  int64_t value = it->get<int64_t>();
  if (value < 0) {
    return asl::Fail(ConstraintViolation(fmt::format(
        "Value '{}' at '{}' failed to satisfy constraint: Member must have value greater than or "
        "equal to 0",
        value, path)));
  }
  return std::optional<int64_t>(value);
}

asl::Result<TestStateMock, TestStateFailure> ReadMock(const asl::Json& mock) {
  if (!mock.is_object()) return Serialization("mock", "an object");
  TestStateMock out;
  auto result = StringMember(mock, "result", "mock.result");
  if (!result.ok()) return asl::Fail(std::move(result.error()));
  auto error_output = mock.find("errorOutput");
  bool has_error = error_output != mock.end() && !error_output->is_null();
  if (result->has_value() == has_error) {
    // AWS's text (LocalStack's AWS-validated snapshot, test_state_mock_validation).
    return Invalid("ValidationException",
                   "A test mock should have only one of the following fields: [result, "
                   "errorOutput].");
  }
  if (result->has_value()) {
    if (auto length = CheckLength(**result, "mock.result", 0, kMaxPayloadTextBytes);
        !length.ok()) {
      return asl::Fail(std::move(length).error());
    }
    auto parsed = ParseJsonMember(**result, "mock.result", "ValidationException");
    if (!parsed.ok()) return asl::Fail(std::move(parsed.error()));
    out.result = std::move(*parsed);
  } else {
    if (!error_output->is_object()) return Serialization("mock.errorOutput", "an object");
    auto error = StringMember(*error_output, "error", "mock.errorOutput.error");
    if (!error.ok()) return asl::Fail(std::move(error.error()));
    auto cause = StringMember(*error_output, "cause", "mock.errorOutput.cause");
    if (!cause.ok()) return asl::Fail(std::move(cause.error()));
    asl::Error mocked(error->value_or(""), cause->value_or(""));
    mocked.has_name = error->has_value();
    mocked.has_cause = cause->has_value();
    out.error_output = std::move(mocked);
  }
  auto mode = StringMember(mock, "fieldValidationMode", "mock.fieldValidationMode");
  if (!mode.ok()) return asl::Fail(std::move(mode.error()));
  if (mode->has_value()) {
    const std::string& m = **mode;
    if (m == "STRICT") {
      out.mode = FieldValidationMode::kStrict;
    } else if (m == "PRESENT") {
      out.mode = FieldValidationMode::kPresent;
    } else if (m == "NONE") {
      out.mode = FieldValidationMode::kNone;
    } else {
      return asl::Fail(ConstraintViolation(fmt::format(
          "Value '{}' at 'mock.fieldValidationMode' failed to satisfy constraint: Member must "
          "satisfy enum value set: [STRICT, PRESENT, NONE]",
          m)));
    }
  }
  return out;
}

asl::Status<TestStateFailure> ReadConfiguration(const asl::Json& config, TestStateRequest& out) {
  if (!config.is_object()) return Serialization("stateConfiguration", "an object");
  auto retries =
      NonNegativeInteger(config, "retrierRetryCount", "stateConfiguration.retrierRetryCount");
  if (!retries.ok()) return asl::Fail(std::move(retries.error()));
  out.retrier_retry_count = retries->value_or(0);
  auto failures = NonNegativeInteger(config, "mapIterationFailureCount",
                                     "stateConfiguration.mapIterationFailureCount");
  if (!failures.ok()) return asl::Fail(std::move(failures.error()));
  out.map_iteration_failure_count = *failures;
  auto caused_by =
      StringMember(config, "errorCausedByState", "stateConfiguration.errorCausedByState");
  if (!caused_by.ok()) return asl::Fail(std::move(caused_by.error()));
  if (caused_by->has_value()) {
    if (auto length = CheckLength(**caused_by, "stateConfiguration.errorCausedByState", 1,
                                  kMaxStateNameLength);
        !length.ok()) {
      return length;
    }
    out.error_caused_by_state = **caused_by;
  }
  auto reader_data =
      StringMember(config, "mapItemReaderData", "stateConfiguration.mapItemReaderData");
  if (!reader_data.ok()) return asl::Fail(std::move(reader_data.error()));
  if (reader_data->has_value()) {
    auto parsed = ParseJsonMember(**reader_data, "stateConfiguration.mapItemReaderData",
                                  "ValidationException");
    if (!parsed.ok()) return asl::Fail(std::move(parsed.error()));
    out.map_item_reader_data = std::move(*parsed);
  }
  return {};
}

}  // namespace

TestStateFailure ConstraintViolation(const std::string& detail) {
  return {"ValidationException", fmt::format("1 validation error detected: {}", detail)};
}

asl::Result<TestStateRequest, TestStateFailure> ReadTestStateRequest(const asl::Json& body) {
  if (!body.is_object()) return Serialization("(request body)", "a JSON object");
  TestStateRequest out;

  auto definition = StringMember(body, "definition", "definition");
  if (!definition.ok()) return asl::Fail(std::move(definition.error()));
  if (!definition->has_value()) {
    return asl::Fail(ConstraintViolation(
        "Value null at 'definition' failed to satisfy constraint: Member must not be null"));
  }
  if (auto length = CheckLength(**definition, "definition", 1, kMaxDefinitionBytes);
      !length.ok()) {
    return asl::Fail(std::move(length).error());
  }
  auto parsed = ParseJsonMember(**definition, "definition", "InvalidDefinition");
  if (!parsed.ok()) return asl::Fail(std::move(parsed.error()));
  if (!parsed->is_object()) {
    return Invalid("InvalidDefinition",
                   fmt::format("The definition must be a JSON object (a state, or a state "
                               "machine with stateName), got {}",
                               asl::TypeName(*parsed)));
  }
  out.definition = std::move(*parsed);

  auto state_name = StringMember(body, "stateName", "stateName");
  if (!state_name.ok()) return asl::Fail(std::move(state_name.error()));
  if (state_name->has_value()) {
    if (auto length = CheckLength(**state_name, "stateName", 1, kMaxStateNameLength);
        !length.ok()) {
      return asl::Fail(std::move(length).error());
    }
    out.state_name = **state_name;
  }

  auto role = StringMember(body, "roleArn", "roleArn");
  if (!role.ok()) return asl::Fail(std::move(role.error()));
  if (role->has_value()) {
    if (auto length = CheckLength(**role, "roleArn", 1, kMaxRoleArnLength); !length.ok()) {
      return asl::Fail(std::move(length).error());
    }
    out.role_arn = **role;
  }

  auto input = StringMember(body, "input", "input");
  if (!input.ok()) return asl::Fail(std::move(input.error()));
  if (input->has_value()) {
    if (auto length = CheckLength(**input, "input", 0, kMaxPayloadTextBytes); !length.ok()) {
      return asl::Fail(std::move(length).error());
    }
    auto value = ParseJsonMember(**input, "input", "InvalidExecutionInput");
    if (!value.ok()) return asl::Fail(std::move(value.error()));
    out.input_text = **input;
    out.input = std::move(*value);
  }

  auto level = StringMember(body, "inspectionLevel", "inspectionLevel");
  if (!level.ok()) return asl::Fail(std::move(level.error()));
  if (level->has_value()) {
    const std::string& l = **level;
    if (l == "INFO") {
      out.level = InspectionLevel::kInfo;
    } else if (l == "DEBUG") {
      out.level = InspectionLevel::kDebug;
    } else if (l == "TRACE") {
      out.level = InspectionLevel::kTrace;
    } else {
      return asl::Fail(ConstraintViolation(fmt::format(
          "Value '{}' at 'inspectionLevel' failed to satisfy constraint: Member must satisfy "
          "enum value set: [INFO, DEBUG, TRACE]",
          l)));
    }
  }

  if (auto it = body.find("revealSecrets"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean()) return Serialization("revealSecrets", "a boolean");
    out.reveal_secrets = it->get<bool>();
  }

  auto variables = StringMember(body, "variables", "variables");
  if (!variables.ok()) return asl::Fail(std::move(variables.error()));
  if (variables->has_value()) {
    if (auto length = CheckLength(**variables, "variables", 0, kMaxPayloadTextBytes);
        !length.ok()) {
      return asl::Fail(std::move(length).error());
    }
    auto value = ParseJsonMember(**variables, "variables", "ValidationException");
    if (!value.ok()) return asl::Fail(std::move(value.error()));
    if (!value->is_object()) {
      return Invalid("ValidationException",
                     fmt::format("The 'variables' member must be a JSON object of variable "
                                 "names and values, got {}",
                                 asl::TypeName(*value)));
    }
    out.variables = std::move(*value);
  }

  auto context = StringMember(body, "context", "context");
  if (!context.ok()) return asl::Fail(std::move(context.error()));
  if (context->has_value()) {
    auto value = ParseJsonMember(**context, "context", "ValidationException");
    if (!value.ok()) return asl::Fail(std::move(value.error()));
    out.context = std::move(*value);
  }

  if (auto it = body.find("mock"); it != body.end() && !it->is_null()) {
    auto mock = ReadMock(*it);
    if (!mock.ok()) return asl::Fail(std::move(mock.error()));
    out.mock = std::move(*mock);
  }
  if (auto it = body.find("stateConfiguration"); it != body.end() && !it->is_null()) {
    if (auto read = ReadConfiguration(*it, out); !read.ok()) {
      return asl::Fail(std::move(read).error());
    }
  }

  if (out.mock && out.reveal_secrets) {
    // AWS's text (LocalStack's AWS-validated snapshot, test_state_mock_validation).
    return Invalid("ValidationException",
                   "TestState does not support RevealSecrets when a mock is specified.");
  }
  return out;
}

}  // namespace sim
