#pragma once
// DeliveryObserver: told each time a simulated service accepts a record or message that a
// scenario may count ("rows published once", messages per destination). Any service can feed
// it: SNS Publish/PublishBatch, SQS SendMessage, DynamoDB PutItem, S3 PutObject. The service
// calls OnDelivery synchronously, at the virtual time it accepted the record; everything in a
// Delivery is borrowed for the duration of that call only.

#include <string_view>
#include <vector>

#include "asl/base/json.h"
#include "simulator/clock/sim_time.h"

namespace sim {

struct Delivery {
  std::string_view service;        // "sns", "sqs", "dynamodb", "s3"
  std::string_view destination;    // the topic ARN, queue URL, table or bucket/key ARN
  std::string_view body;           // the record or message as text
  // The JSON value `body` was written from, when the service had one (Step Functions passes an
  // object as the Message): lets an observer read a member without parsing `body`. Null: none.
  const asl::Json* body_json = nullptr;
  SimTime time;                    // when the service accepted it
  std::string_view execution_arn;  // the execution whose task sent it ("" : none)
  std::string_view state_name;     // the state that sent it ("" : none)
  // Accepted but not delivered: a FIFO duplicate within the deduplication window.
  bool duplicate = false;
};

class DeliveryObserver {
 public:
  virtual void OnDelivery(const Delivery& delivery) = 0;

 protected:
  ~DeliveryObserver() = default;
};

// Hands each delivery to every observer added, in the order added: the one observer a world
// gives its services (ServiceHost::deliveries), so a service never keeps a list of its own.
class DeliveryFanOut final : public DeliveryObserver {
 public:
  void Add(DeliveryObserver* observer) { observers_.push_back(observer); }
  // No one listens: a service skips building the delivery (a body it would have to write).
  bool empty() const { return observers_.empty(); }
  void OnDelivery(const Delivery& delivery) override {
    for (DeliveryObserver* o : observers_) o->OnDelivery(delivery);
  }

 private:
  std::vector<DeliveryObserver*> observers_;
};

}  // namespace sim
