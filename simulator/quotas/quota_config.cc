#include "simulator/quotas/quota_config.h"

namespace sim {

namespace {

AwsError Throttle(const char* code, const char* message, int status) {
  AwsError e;
  e.code = code;
  e.message = message;
  e.http_status = status;
  e.sender_fault = true;
  return e;
}

}  // namespace

QuotaConfig QuotaConfig::Defaults(std::string_view region) {
  bool big = region == "us-east-1" || region == "us-west-2" || region == "eu-west-1";
  QuotaConfig q;
  // Step Functions answers an over-quota StartExecution with ThrottlingException "Rate
  // exceeded" (a code its SDK model does not declare: StepFunctions.AWSStepFunctionsException
  // through the optimized integration).
  q.start_execution = {true, big ? 1300 : 800, big ? 300.0 : 150.0,
                       Throttle("ThrottlingException", "Rate exceeded", 400)};
  q.state_transitions = {true, big ? 5000 : 800, big ? 1500.0 : 500.0, {}};
  // SNS's Publish error for an exceeded rate is ThrottledException (code Throttled, HTTP 429,
  // SNS API reference); "Rate exceeded" is the message AWS's knowledge center shows for SNS
  // throttling. Unrecorded through Step Functions: SNS.ThrottledException by the naming rule.
  int64_t sns = region == "us-east-1" ? 30000 : (region == "us-west-2" || region == "eu-west-1")
                                                    ? 9000
                                                    : 1500;
  q.sns_publish = {true, sns, static_cast<double>(sns), Throttle("Throttled", "Rate exceeded", 429)};
  // Athena's user guide shows "ThrottlingException ... Rate exceeded." for its API rates; its
  // SDK model names the throttling error TooManyRequestsException, which is what Step
  // Functions workflows retry on (Athena.TooManyRequestsException). sfnsim uses the latter.
  q.athena_start_query = {true, 80, 20.0,
                          Throttle("TooManyRequestsException", "Rate exceeded.", 400)};
  q.athena_get_query = {true, 200, 100.0,
                        Throttle("TooManyRequestsException", "Rate exceeded.", 400)};
  q.lambda_error = Throttle("TooManyRequestsException", "Rate Exceeded.", 429);
  return q;
}

}  // namespace sim
