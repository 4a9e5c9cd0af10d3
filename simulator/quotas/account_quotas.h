#pragma once
// The account's quotas as the simulated services consult them: one token bucket per rate quota,
// Lambda's concurrency, the state-transition gate. A call over a quota gets the quota's AWS
// error; a transition over its quota waits.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "simulator/quotas/quota_config.h"
#include "simulator/quotas/token_bucket.h"
#include "simulator/quotas/transition_throttle.h"
#include "simulator/services/integration/aws_error.h"

namespace sim {

class AccountQuotas {
 public:
  explicit AccountQuotas(QuotaConfig config);

  const QuotaConfig& config() const { return config_; }

  // Each returns nullopt when the call is admitted, the throttling error otherwise.
  std::optional<AwsError> StartExecution(SimTime now);
  std::optional<AwsError> SnsPublish(SimTime now, int64_t messages);
  // `api`: startQueryExecution, stopQueryExecution, getQueryExecution, getQueryResults.
  std::optional<AwsError> Athena(std::string_view api, SimTime now);
  // Whether a Lambda invocation may start at `now` (fewer than the concurrency limit running);
  // LambdaRunning records one admitted invocation that runs until `until`.
  std::optional<AwsError> LambdaInvoke(SimTime now);
  void LambdaRunning(SimTime until);

  // Null when the state-transition quota is disabled.
  TransitionThrottle* transition_gate() { return transitions_.get(); }

  // Calls refused so far, per quota ("start_execution", "sns_publish", "athena:<api>",
  // "lambda_concurrency").
  const std::map<std::string, int64_t>& throttled() const { return throttled_; }

 private:
  std::optional<AwsError> Take(std::optional<TokenBucket>& bucket, const BucketQuota& quota,
                               const char* name, SimTime now, int64_t tokens);

  QuotaConfig config_;
  std::optional<TokenBucket> start_execution_;
  std::optional<TokenBucket> sns_publish_;
  std::map<std::string, TokenBucket, std::less<>> athena_;
  std::optional<ConcurrencyLimit> lambda_;
  std::unique_ptr<TransitionThrottle> transitions_;
  std::map<std::string, int64_t> throttled_;
};

}  // namespace sim
