#pragma once
// What a scenario report needs from the records services deliver (SNS, SQS and DynamoDB; any
// service that feeds the DeliveryObserver), tallied as each one is accepted instead of read from
// a log kept to the end: a backfill publishes millions of messages and the log was most of a
// run's memory (≈ 1.8 KB per message). Kept per record: its time and execution (16 bytes) and,
// when the scenario checks rows, its key.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "simulator/clock/sim_time.h"
#include "simulator/scenario/row_check.h"
#include "simulator/scenario/scenario.h"
#include "simulator/services/delivery_observer.h"

namespace sim {

class PublishTally final : public DeliveryObserver {
 public:
  // `rows`: the scenario's row check (its destination and key), or null.
  PublishTally(SimTime start, const RowsExpectation* rows) : start_(start), rows_(rows) {}

  void OnDelivery(const Delivery& delivery) override;

  struct Publish {
    int64_t time_ms = 0;     // since the run's start
    uint32_t execution = 0;  // index in executions()
  };
  // Records delivered (duplicates excluded), in the order the services accepted them.
  const std::vector<Publish>& published() const { return published_; }
  // The ARNs of the executions that published, by first message.
  const std::vector<std::string>& executions() const { return execution_arns_; }
  // Delivered records per execution ARN.
  std::unordered_map<std::string, int64_t> PerExecution() const;
  // Delivered records per destination (topic ARN, queue URL, …).
  const std::map<std::string, int64_t>& per_destination() const { return per_destination_; }
  // Delivered records of one service ("sns", …): what that service bills as requests.
  int64_t DeliveredBy(std::string_view service) const;

  // The row check's keys of the delivered messages on its topic, and how many had none.
  const PublishedKeys& keys() const { return keys_; }
  int64_t keyless() const { return keyless_; }

 private:
  SimTime start_;
  const RowsExpectation* rows_;
  std::vector<Publish> published_;
  std::vector<std::string> execution_arns_;
  std::vector<int64_t> execution_counts_;
  std::unordered_map<std::string, uint32_t> execution_index_;
  std::map<std::string, int64_t> per_destination_;
  std::map<std::string, int64_t, std::less<>> per_service_;
  PublishedKeys keys_;
  int64_t keyless_ = 0;
};

// A row check's destination (a name, or the ARN or URL) against a delivery's destination: the
// whole text, or its last ARN (":name") or URL ("/name") segment.
bool RowTopicMatches(std::string_view wanted, std::string_view destination);
// The key of a message body: a top-level field, or a JSON pointer ("/a/b"); strings as they
// are, other values as JSON text. `body_json`, when given, is the value `body` was serialised
// from: a string member is read from it without parsing the body.
std::optional<std::string> MessageKey(std::string_view body, const std::string& key,
                                      const asl::Json* body_json = nullptr);

}  // namespace sim
