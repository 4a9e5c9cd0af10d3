#pragma once
// What a scenario report needs from the SNS messages, tallied as each one is accepted instead of
// read from a log kept to the end: a backfill publishes millions of messages and the log was
// most of a run's memory (≈ 1.8 KB per message). Kept per message: its time and execution (16
// bytes) and, when the scenario checks rows, its key.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "simulator/clock/sim_time.h"
#include "simulator/scenario/row_check.h"
#include "simulator/scenario/scenario.h"
#include "simulator/services/sns/sns_model.h"

namespace sim {

class PublishTally {
 public:
  // `rows`: the scenario's row check (its topic and key), or null.
  PublishTally(SimTime start, const RowsExpectation* rows) : start_(start), rows_(rows) {}

  void Observe(const SnsMessage& message);

  struct Publish {
    int64_t time_ms = 0;     // since the run's start
    uint32_t execution = 0;  // index in executions()
  };
  // Messages delivered (duplicates excluded), in the order SNS accepted them.
  const std::vector<Publish>& published() const { return published_; }
  // The ARNs of the executions that published, by first message.
  const std::vector<std::string>& executions() const { return execution_arns_; }
  // Delivered messages per execution ARN.
  std::unordered_map<std::string, int64_t> PerExecution() const;
  // Delivered messages per topic ARN.
  const std::map<std::string, int64_t>& per_topic() const { return per_topic_; }

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
  std::map<std::string, int64_t> per_topic_;
  PublishedKeys keys_;
  int64_t keyless_ = 0;
};

// A row check's topic (name or ARN) against a message's topic ARN.
bool RowTopicMatches(const std::string& wanted, const std::string& arn);
// The key of a message body: a top-level field, or a JSON pointer ("/a/b"); strings as they
// are, other values as JSON text. `body_json`, when given, is the value `body` was serialised
// from: a string member is read from it without parsing the body.
std::optional<std::string> MessageKey(const std::string& body, const std::string& key,
                                      const asl::Json* body_json = nullptr);

}  // namespace sim
