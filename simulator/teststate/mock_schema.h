#pragma once
// MockInput.fieldValidationMode: a mocked Task result checked against the response shape of
// the API the Task calls. STRICT wants every required member present and every present member
// of its declared type; PRESENT checks only the members present; NONE checks nothing. Members
// the shape does not declare are accepted (AWS accepts {"random": "json"} in STRICT mode).
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_MockInput.html
//
// sfnsim knows the shapes of the integrations its worlds simulate (docs/test-state.md lists
// them); a mocked result for any other API is not checked (docs/known-differences.md).

#include <string>

#include "asl/base/json.h"
#include "asl/model/task_resource.h"

namespace sim {

// "" when `result` fits the resource's response shape, else what is wrong, worded as AWS words
// it after "Mock result schema validation error: " ("Field 'Entries' must be an array").
std::string CheckMockedResult(const asl::TaskResource& resource, const asl::Json& result,
                              bool strict);

}  // namespace sim
