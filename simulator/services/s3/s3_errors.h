#pragma once
// S3's errors with AWS's codes, messages and HTTP statuses (Amazon S3 API Reference, "Error
// responses": https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).

#include <string>

#include "simulator/services/integration/aws_error.h"

namespace sim::s3 {

AwsError NoSuchBucket();  // 404 "The specified bucket does not exist"
AwsError NoSuchKey();     // 404 "The specified key does not exist."
AwsError AccessDenied();  // 403 "Access Denied"
AwsError InvalidRange();  // 416 "The requested range is not satisfiable"
AwsError SlowDown();      // 503 "Please reduce your request rate."
AwsError InvalidArgument(std::string message);  // 400
// A request the SDK refuses before sending it (a required member missing or of the wrong type):
// http_status 0, so Step Functions names it S3.SdkClientException.
AwsError ClientSide(std::string message);

}  // namespace sim::s3
