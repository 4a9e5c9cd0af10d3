// Fuzz target: the Step Functions API server's requests (simulator/api), as `sfnsim serve` hands
// them over: the input's first line is the action, the rest its body. Each input runs against a
// server that already holds a machine and an ended and a waiting execution, so lookups, pages and
// task tokens meet real state. Checks that every answer is JSON and every error has a code and a
// message.

#include <cstddef>
#include <cstdint>
#include <string>

#include "asl/base/json.h"
#include "simulator/api/step_functions_api.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

sim::api::StepFunctionsApi& Api() {
  static auto api = [] {
    sim::api::ApiOptions options;
    options.retained_executions = 50;
    auto created = sim::api::StepFunctionsApi::Create(std::move(options));
    auto& a = *created.value();
    a.Handle("CreateStateMachine",
             R"({"name":"M","roleArn":"arn:aws:iam::123456789012:role/r","definition":)"
             R"("{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":5,\"End\":true}}}"})");
    a.Handle("StartExecution",
             R"({"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:M","name":"e"})");
    return std::move(created.value());
  }();
  return *api;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(sfnsim_fuzz::AsText(data, size));
  const size_t newline = text.find('\n');
  const std::string action = text.substr(0, newline);
  const std::string body = newline == std::string::npos ? "" : text.substr(newline + 1);
  sim::api::ApiResponse response = Api().Handle(action, body);
  asl::Json parsed = asl::Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    sfnsim_fuzz::Violated("an answer that is not a JSON object");
  }
  if (response.status != 200 &&
      (!parsed.contains("__type") || !parsed.contains("message") ||
       parsed["message"].get<std::string>().empty())) {
    sfnsim_fuzz::Violated("an error without a code or a message");
  }
  return 0;
}
