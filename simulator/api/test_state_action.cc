// TestState: one state run alone (simulator/teststate), against the server's world and clock.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html

#include "simulator/api/api_internal.h"
#include "simulator/teststate/test_state.h"

namespace sim::api {

asl::Json StepFunctionsApi::TestState(const ApiRequest& request) {
  TestStateOptions options;
  options.world = world_config_ ? &*world_config_ : nullptr;
  // Each call draws its own seed from the server's, so repeated calls with jittered back-off
  // are reproducible as a sequence, like everything else the server does.
  options.seed = env_->simulation().random().Next();
  options.now = Now();
  options.region = env_->settings().region;
  options.account = env_->settings().account;
  auto answer = RunTestState(request.body(), options);
  if (!answer.ok()) Fail(answer.error().code, answer.error().message);
  return std::move(answer.value());
}

}  // namespace sim::api
