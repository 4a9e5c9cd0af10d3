// SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat: the outside world answering a task that
// waits on a token (`.waitForTaskToken`).
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskSuccess.html

#include <fmt/format.h>

#include "simulator/api/api_internal.h"

namespace sim::api {

namespace {

std::string TokenOf(const ApiRequest& request) {
  std::string token = request.RequiredString("taskToken");
  request.CheckLength("taskToken", token, 1, 2048);
  return token;
}

[[noreturn]] void NoSuchTask(const std::string& token) {
  Fail("TaskDoesNotExist",
       fmt::format("Task Does Not Exist: no open task has the token '{}' (it was never issued, "
                   "was answered already, or its task timed out)",
                   token));
}

}  // namespace

asl::Json StepFunctionsApi::SendTaskSuccess(const ApiRequest& request) {
  const std::string token = TokenOf(request);
  const std::string output_text = request.RequiredString("output");
  request.CheckLength("output", output_text, 0, 262144);
  asl::Json output = asl::Json::parse(output_text, nullptr, /*allow_exceptions=*/false);
  if (output.is_discarded()) {
    Fail("InvalidOutput", fmt::format("Invalid Output: '{}' is not JSON",
                                      output_text.size() > 200 ? output_text.substr(0, 200) + "..."
                                                               : output_text));
  }
  if (!env_->SendTaskSuccess(token, std::move(output))) NoSuchTask(token);
  Settle();
  return asl::Json::object();
}

asl::Json StepFunctionsApi::SendTaskFailure(const ApiRequest& request) {
  const std::string token = TokenOf(request);
  std::optional<std::string> error = request.OptionalString("error");
  std::optional<std::string> cause = request.OptionalString("cause");
  if (error) request.CheckLength("error", *error, 0, 256);
  if (cause) request.CheckLength("cause", *cause, 0, 32768);
  if (!env_->SendTaskFailure(token, std::move(error), std::move(cause))) NoSuchTask(token);
  Settle();
  return asl::Json::object();
}

asl::Json StepFunctionsApi::SendTaskHeartbeat(const ApiRequest& request) {
  const std::string token = TokenOf(request);
  if (!env_->SendTaskHeartbeat(token)) NoSuchTask(token);
  Settle();
  return asl::Json::object();
}

}  // namespace sim::api
