#pragma once
// TestState's request body, read and checked field by field as AWS's API model declares it
// (types, length constraints, enum values), before anything is run. The JSON strings it carries
// (definition, input, variables, context, mock.result) are parsed here too, so every later step
// works on values.

#include <cstdint>
#include <optional>
#include <string>

#include "asl/base/error.h"
#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/teststate/test_state.h"

namespace sim {

enum class InspectionLevel : uint8_t { kInfo, kDebug, kTrace };

// MockInput.fieldValidationMode: how a mocked result is checked against the called API's
// response shape.
enum class FieldValidationMode : uint8_t { kStrict, kPresent, kNone };

struct TestStateMock {
  std::optional<asl::Json> result;         // mock.result, parsed
  std::optional<asl::Error> error_output;  // mock.errorOutput {error, cause}
  FieldValidationMode mode = FieldValidationMode::kStrict;
};

struct TestStateRequest {
  asl::Json definition;          // parsed: one state, or a whole machine with state_name
  std::string state_name;        // "" when the definition is a single state
  std::optional<std::string> role_arn;
  std::string input_text = "{}";  // as given (echoed in inspectionData.input)
  asl::Json input = asl::Json::object();
  InspectionLevel level = InspectionLevel::kInfo;
  bool reveal_secrets = false;
  asl::Json variables;            // an object, or null when none were given
  std::optional<TestStateMock> mock;
  std::optional<asl::Json> context;  // replaces the generated Context object
  // stateConfiguration.
  int64_t retrier_retry_count = 0;
  std::optional<std::string> error_caused_by_state;
  std::optional<int64_t> map_iteration_failure_count;
  std::optional<asl::Json> map_item_reader_data;
};

asl::Result<TestStateRequest, TestStateFailure> ReadTestStateRequest(const asl::Json& body);

// AWS's wording for a request member that breaks its model's constraints.
TestStateFailure ConstraintViolation(const std::string& detail);

}  // namespace sim
