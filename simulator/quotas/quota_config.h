#pragma once
// The account quotas sfnsim enforces, with AWS's defaults for a region and the error a throttled
// call gets. Every value can be overridden from the world file.
// Step Functions: https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html
// (docs/reference/aws-semantics.md §8.1). SNS: AWS General Reference, "Amazon SNS endpoints
// and quotas". Athena: https://docs.aws.amazon.com/athena/latest/ug/service-limits.html.
// Lambda: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html.

#include <cstdint>
#include <string_view>

#include "simulator/services/integration/aws_error.h"

namespace sim {

struct BucketQuota {
  bool enabled = true;
  int64_t capacity = 0;
  double refill_per_second = 0;
  AwsError error;  // what a throttled call gets (unused for state transitions: they wait)
};

struct QuotaConfig {
  // StartExecution (Standard): bucket 1,300, refill 300/s in us-east-1, us-west-2, eu-west-1;
  // 800 / 150 elsewhere. ThrottlingException "Rate exceeded".
  BucketQuota start_execution;
  // State transitions (Standard): bucket 5,000, refill 1,500/s in the same three regions;
  // 800 / 500 elsewhere. Over the quota transitions are delayed, not failed; Express
  // executions are not limited.
  BucketQuota state_transitions;
  // SNS Publish, messages per second (each PublishBatch entry counts): 30,000 in us-east-1,
  // 9,000 in us-west-2 and eu-west-1, 1,500 elsewhere, as a bucket as large as a second's rate.
  BucketQuota sns_publish;
  // Athena, each API separately: StartQueryExecution and StopQueryExecution 20/s (burst 80),
  // GetQueryExecution and GetQueryResults 100/s (burst 200).
  BucketQuota athena_start_query;
  BucketQuota athena_get_query;
  // Lambda account concurrency (1,000): invocations running at once.
  bool lambda_concurrency_enabled = true;
  int64_t lambda_concurrency = 1000;
  AwsError lambda_error;
  // Open executions per account and region (1,000,000): StartExecution then fails with
  // ExecutionLimitExceeded.
  int64_t max_open_executions = 1000000;

  static QuotaConfig Defaults(std::string_view region);
};

}  // namespace sim
