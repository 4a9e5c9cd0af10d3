#pragma once
// A simulated Amazon SNS: topics the caller declares (standard and FIFO), Publish and
// PublishBatch with SNS's validation and error texts, FIFO deduplication, optional delivery to
// subscribed SQS queues, and a log of every message published, for inspection.
// https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
// https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html
//
// Requests and responses are the API's JSON shapes (PascalCase members, as Step Functions passes
// Parameters); responses have their keys in alphabetical order.

#include <cstdint>
#include <functional>
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

namespace sim {

class SqsModel;

// The largest message SNS accepts, and the largest PublishBatch (all messages and attributes):
// 262,144 bytes. https://docs.aws.amazon.com/sns/latest/dg/sns-batch-api-actions.html
inline constexpr int64_t kSnsMaxMessageBytes = 262144;
inline constexpr size_t kSnsMaxBatchEntries = 10;
// FIFO topics deduplicate within 5 minutes.
// https://docs.aws.amazon.com/sns/latest/dg/fifo-message-dedup.html
inline constexpr Duration kSnsDeduplicationWindow{5 * 60 * 1000};

struct SnsSubscription {
  std::string queue;  // an SQS queue name, URL or ARN
  bool raw_message_delivery = false;
};

struct SnsTopicSpec {
  std::string name;  // the topic name (".fifo" makes it a FIFO topic), or
  std::string arn;   // its full ARN
  bool content_based_deduplication = false;  // FIFO only
  std::vector<SnsSubscription> subscriptions;
};

// One published message, as the log keeps it.
struct SnsMessage {
  uint64_t sequence = 0;  // position in the log
  std::string topic_arn;
  std::string message_id;
  std::string body;
  std::string subject;
  bool has_subject = false;
  asl::Json attributes;   // MessageAttributes as given (null: none)
  std::string message_structure;
  std::string group_id;
  std::string deduplication_id;
  std::string sequence_number;  // FIFO topics
  SimTime time;                 // when SNS accepted it
  std::string execution_arn;    // the execution that published it
  std::string state_name;
  // The `correlation_id` message attribute, else a top-level "correlation_id" or
  // "correlationId" member of a JSON object body; "" when none.
  std::string correlation_id;
  std::string api;              // "Publish" or "PublishBatch"
  bool duplicate = false;       // a FIFO duplicate within the deduplication window (not delivered)
  // The JSON value the body was written from, when the request's Message was not a string
  // (Step Functions serialises an object). Set only while the observer runs, so it can read a
  // member without parsing the body again; null in the log.
  const asl::Json* body_json = nullptr;
};

class SnsModel {
 public:
  SnsModel(std::string partition, std::string region, std::string account);

  // Declares a topic. Fails on a malformed name/ARN or a topic declared twice.
  asl::Result<std::string, std::string> AddTopic(const SnsTopicSpec& spec);
  // Queues named by subscriptions are looked up here when messages are delivered.
  void set_sqs(SqsModel* sqs) { sqs_ = sqs; }

  asl::Result<asl::Json, AwsError> Publish(const asl::Json& request, const CallContext& ctx);
  asl::Result<asl::Json, AwsError> PublishBatch(const asl::Json& request,
                                                const CallContext& ctx);

  // Every accepted message, FIFO duplicates included, goes to the observer (if any) as it is
  // accepted. A run that only needs figures turns the log off: a backfill publishes millions of
  // messages, and keeping them all is most of its memory.
  using Observer = std::function<void(const SnsMessage&)>;
  void set_observer(Observer observer) { observer_ = std::move(observer); }
  void set_keep_log(bool keep) { keep_log_ = keep; }

  // The log of every accepted message; empty after set_keep_log(false).
  const std::vector<SnsMessage>& messages() const { return log_; }
  // Messages accepted (duplicates included), whether the log keeps them or not.
  uint64_t accepted() const { return accepted_; }
  // Messages published to `topic_arn` (duplicates excluded), whether logged or not.
  size_t CountDelivered(std::string_view topic_arn) const;
  // Per topic ARN: messages delivered and FIFO duplicates not delivered again.
  struct TopicCounts {
    uint64_t delivered = 0;
    uint64_t duplicates = 0;
  };
  std::map<std::string, TopicCounts> CountsByTopic() const;
  // Positions in the log of the messages with this correlation id.
  std::vector<size_t> FindByCorrelationId(std::string_view correlation_id) const;
  std::string TopicArn(std::string_view name) const;
  bool HasTopic(std::string_view arn) const { return topics_.count(std::string(arn)) != 0; }

  // The bytes of Publish's XML response, which an optimized integration reports as its
  // Content-Length (294 for a standard topic's MessageId and RequestId, as recorded).
  static size_t PublishResponseLength(std::string_view message_id, std::string_view request_id,
                                      std::string_view sequence_number);

 private:
  struct Topic {
    std::string arn;
    bool fifo = false;
    bool in_region = false;  // its ARN names the model's region (else publishing to it is refused)
    bool content_based_deduplication = false;
    std::vector<SnsSubscription> subscriptions;
    TopicCounts counts;
    uint64_t next_sequence = 0;
    struct Deduplicated {
      std::string message_id;
      std::string sequence_number;
      SimTime time;
    };
    std::unordered_map<std::string, Deduplicated> deduplication;
  };
  // One message to publish, validated.
  struct Entry {
    std::string body;
    const asl::Json* body_json = nullptr;  // see SnsMessage::body_json
    std::string subject;
    bool has_subject = false;
    asl::Json attributes;
    std::string message_structure;
    std::string group_id;
    std::string deduplication_id;
  };

  asl::Result<Topic*, AwsError> FindTopic(const std::optional<std::string>& arn,
                                          std::string_view field);
  // Validates one message's members (Publish, or one PublishBatch entry).
  asl::Result<Entry, AwsError> ReadEntry(const asl::Json& request, bool fifo, bool check_size);
  // A FIFO message's deduplication id: given, or content-based (SHA-256 of the body).
  static asl::Status<AwsError> ResolveDeduplication(const Topic& topic, Entry& entry);
  // Logs (and delivers) a validated message; fills MessageId/SequenceNumber into `response`.
  void Accept(Topic& topic, Entry entry, const CallContext& ctx, std::string_view api,
              asl::Json& response);
  void Deliver(const Topic& topic, const SnsMessage& message, IdSource* ids);

  std::string partition_;
  std::string region_;
  std::string account_;
  std::map<std::string, Topic> topics_;
  std::vector<SnsMessage> log_;
  Observer observer_;
  bool keep_log_ = true;
  uint64_t accepted_ = 0;
  SqsModel* sqs_ = nullptr;
};

// The size SNS counts for a message: its body plus each attribute's name, type and value.
int64_t SnsPublishSize(std::string_view body, const asl::Json& attributes);

}  // namespace sim
