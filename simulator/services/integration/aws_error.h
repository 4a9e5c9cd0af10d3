#pragma once
// An error as an AWS API returns it, before an integration names it for Step Functions
// (optimized: "SNS.NotFoundException"; AWS SDK: "Sns.NotFoundException").

#include <string>

namespace sim {

struct AwsError {
  std::string code;     // the API's error code: "NotFound", "InvalidRequestException", …
  std::string message;  // the API's message
  int http_status = 400;
  bool sender_fault = true;
};

}  // namespace sim
