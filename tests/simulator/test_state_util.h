#pragma once
// Calling sim::RunTestState in tests: a request built from a definition and the other members,
// the answer checked member by member.

#include <gtest/gtest.h>

#include <string>

#include "asl/base/json.h"
#include "simulator/teststate/test_state.h"

namespace sfnsim_test {

// A TestState request body: `definition` and `input` as the JSON text members AWS takes.
inline asl::Json TestStateRequest(const std::string& definition, const std::string& input,
                                  const std::string& level = "INFO") {
  asl::Json request = asl::Json::object();
  request["definition"] = definition;
  request["input"] = input;
  request["inspectionLevel"] = level;
  request["roleArn"] = "arn:aws:iam::123456789012:role/test";
  return request;
}

inline sim::TestStateOptions DefaultTestStateOptions() {
  sim::TestStateOptions options;
  options.seed = 7;
  options.now = sim::SimTime{1736937000000};  // 2025-01-15T10:30:00Z
  return options;
}

// The response, failing the test when the request was refused.
inline asl::Json Answer(const asl::Json& request,
                        const sim::TestStateOptions& options = DefaultTestStateOptions()) {
  auto answer = sim::RunTestState(request, options);
  if (!answer.ok()) {
    ADD_FAILURE() << answer.error().code << ": " << answer.error().message;
    return asl::Json::object();
  }
  return std::move(answer.value());
}

// The refusal, failing the test when the request was answered.
inline sim::TestStateFailure Refusal(const asl::Json& request,
                                     const sim::TestStateOptions& options =
                                         DefaultTestStateOptions()) {
  auto answer = sim::RunTestState(request, options);
  if (answer.ok()) {
    ADD_FAILURE() << "answered: " << answer.value().dump();
    return {};
  }
  return std::move(answer.error());
}

// A value written as JSON text in a test.
inline asl::Json JsonText(const char* text) { return asl::Json::parse(text); }

// A member holding JSON text, parsed (AWS's inspectionData and output are JSON strings).
inline asl::Json JsonMember(const asl::Json& object, const std::string& name) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_string()) {
    ADD_FAILURE() << "no JSON text member '" << name << "' in " << object.dump();
    return nullptr;
  }
  return asl::Json::parse(it->get<std::string>());
}

}  // namespace sfnsim_test
