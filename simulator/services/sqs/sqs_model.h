#pragma once
// A simulated Amazon SQS: queues the caller declares (standard and FIFO), SendMessage and
// SendMessageBatch with SQS's validation, real MD5 digests of bodies and attributes, FIFO
// deduplication, and the messages kept per queue for inspection (SNS deliveries included).
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/clock/sim_time.h"
#include "simulator/services/integration/aws_error.h"
#include "simulator/services/call_context.h"
#include "simulator/services/delivery_observer.h"

namespace sim {

// 262,144 bytes: the default (and, until 2025, the largest) message size; a queue's
// MaximumMessageSize can lower it. https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html
inline constexpr int64_t kSqsMaxMessageBytes = 262144;
inline constexpr size_t kSqsMaxBatchEntries = 10;
inline constexpr Duration kSqsDeduplicationWindow{5 * 60 * 1000};

struct SqsQueueSpec {
  std::string name;  // ".fifo" makes it a FIFO queue
  // The QueueUrl callers use; https://sqs.REGION.amazonaws.com/ACCOUNT/NAME when empty.
  std::string url;
  bool content_based_deduplication = false;
  int64_t max_message_bytes = kSqsMaxMessageBytes;
};

// A message arriving from SNS (a subscription) rather than through SendMessage.
struct SqsIncoming {
  std::string body;
  asl::Json attributes;
  std::string group_id;
  std::string deduplication_id;
  std::string sender;  // the topic ARN
  std::string execution_arn;
  SimTime time;
};

struct SqsMessage {
  std::string message_id;
  std::string body;
  asl::Json attributes;  // MessageAttributes (null: none)
  std::string md5_of_body;
  std::string md5_of_attributes;  // "" without attributes
  std::string group_id;
  std::string deduplication_id;
  std::string sequence_number;
  SimTime time;        // when SQS accepted it
  SimTime visible_at;  // time + DelaySeconds
  std::string sender;  // "" for SendMessage; the topic ARN for an SNS delivery
  std::string execution_arn;
  std::string state_name;
  bool duplicate = false;
};

class SqsModel {
 public:
  SqsModel(std::string partition, std::string region, std::string account);

  // Declares a queue; returns its URL. Fails on a name declared twice or a bad name.
  asl::Result<std::string, std::string> AddQueue(const SqsQueueSpec& spec);

  asl::Result<asl::Json, AwsError> SendMessage(const asl::Json& request, const CallContext& ctx);
  asl::Result<asl::Json, AwsError> SendMessageBatch(const asl::Json& request,
                                                    const CallContext& ctx);
  // Stores a message delivered by SNS to the queue named by `queue` (name, URL or ARN); false
  // when there is no such queue.
  bool Enqueue(std::string_view queue, SqsIncoming message, IdSource* ids = nullptr);
  // Told of each message a Task sends (SendMessage, each stored entry of SendMessageBatch), FIFO
  // duplicates included and marked; not of the copies SNS subscriptions deliver (Enqueue),
  // which the topic's own delivery already counts. Not owned.
  void set_observer(DeliveryObserver* observer) { observer_ = observer; }

  // Messages of a queue (name, URL or ARN); null when there is no such queue.
  const std::vector<SqsMessage>* Messages(std::string_view queue) const;
  std::string QueueUrl(std::string_view name) const;
  std::string QueueArn(std::string_view name) const;

 private:
  struct Queue {
    std::string name;
    std::string url;
    std::string arn;
    bool fifo = false;
    bool content_based_deduplication = false;
    int64_t max_message_bytes = kSqsMaxMessageBytes;
    std::vector<SqsMessage> messages;
    uint64_t next_sequence = 0;
    std::unordered_map<std::string, size_t> deduplication;  // id -> message index
  };
  struct Entry {
    std::string body;
    asl::Json attributes;
    int64_t delay_seconds = 0;
    std::string group_id;
    std::string deduplication_id;
  };

  asl::Result<Queue*, AwsError> FindQueue(const asl::Json& request);
  Queue* Lookup(std::string_view queue);
  const Queue* Lookup(std::string_view queue) const;
  asl::Result<Entry, AwsError> ReadEntry(const asl::Json& request, const Queue& queue);
  // Stores a validated message; fills the response members (MD5s, MessageId, SequenceNumber).
  void Store(Queue& queue, Entry entry, const CallContext& ctx, asl::Json& response);

  std::string partition_;
  std::string region_;
  std::string account_;
  std::map<std::string, Queue> queues_;  // by name
  DeliveryObserver* observer_ = nullptr;
  uint64_t delivered_ids_ = 0;
};

// MD5 of message attributes as SQS computes MD5OfMessageAttributes: attributes sorted by name,
// each encoded as length-prefixed (4-byte big-endian) name, data type, a transport byte (1 for
// String/Number, 2 for Binary) and value.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation
std::string SqsAttributesMd5(const asl::Json& attributes);

}  // namespace sim
