#include "simulator/quotas/account_quotas.h"

namespace sim {

AccountQuotas::AccountQuotas(QuotaConfig config) : config_(std::move(config)) {
  if (config_.start_execution.enabled) {
    start_execution_.emplace(config_.start_execution.capacity,
                             config_.start_execution.refill_per_second);
  }
  if (config_.sns_publish.enabled) {
    sns_publish_.emplace(config_.sns_publish.capacity, config_.sns_publish.refill_per_second);
  }
  if (config_.lambda_concurrency_enabled) lambda_.emplace(config_.lambda_concurrency);
  if (config_.state_transitions.enabled) {
    transitions_ = std::make_unique<TransitionThrottle>(config_.state_transitions.capacity,
                                                        config_.state_transitions.refill_per_second);
  }
}

std::optional<AwsError> AccountQuotas::Take(std::optional<TokenBucket>& bucket,
                                            const BucketQuota& quota, const char* name,
                                            SimTime now, int64_t tokens) {
  if (!bucket || bucket->TryTake(now, tokens)) return std::nullopt;
  ++throttled_[name];
  return quota.error;
}

std::optional<AwsError> AccountQuotas::StartExecution(SimTime now) {
  return Take(start_execution_, config_.start_execution, "start_execution", now, 1);
}

std::optional<AwsError> AccountQuotas::SnsPublish(SimTime now, int64_t messages) {
  return Take(sns_publish_, config_.sns_publish, "sns_publish", now, messages);
}

std::optional<AwsError> AccountQuotas::Athena(std::string_view api, SimTime now) {
  bool start = api == "startQueryExecution" || api == "stopQueryExecution";
  bool get = api == "getQueryExecution" || api == "getQueryResults";
  const BucketQuota& quota = start ? config_.athena_start_query : config_.athena_get_query;
  if ((!start && !get) || !quota.enabled) return std::nullopt;
  auto it = athena_.find(api);
  if (it == athena_.end()) {
    it = athena_.emplace(std::string(api), TokenBucket(quota.capacity, quota.refill_per_second))
             .first;
  }
  if (it->second.TryTake(now)) return std::nullopt;
  ++throttled_["athena:" + std::string(api)];
  return quota.error;
}

std::optional<AwsError> AccountQuotas::LambdaInvoke(SimTime now) {
  if (!lambda_ || lambda_->InFlight(now) < lambda_->limit()) return std::nullopt;
  ++throttled_["lambda_concurrency"];
  return config_.lambda_error;
}

void AccountQuotas::LambdaRunning(SimTime until) {
  if (lambda_) lambda_->Add(until);
}

}  // namespace sim
