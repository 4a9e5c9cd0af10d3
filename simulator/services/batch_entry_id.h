#pragma once
// The Id of an entry in an SNS PublishBatch or SQS SendMessageBatch request: 1 to 80
// alphanumerics, hyphens and underscores.
// https://docs.aws.amazon.com/sns/latest/api/API_PublishBatchRequestEntry.html
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatchRequestEntry.html

#include <string_view>

namespace sim {

inline bool IsValidBatchEntryId(std::string_view id) {
  if (id.empty() || id.size() > 80) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace sim
