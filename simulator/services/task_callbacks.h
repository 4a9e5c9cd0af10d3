#pragma once
// Who answers a task token. A .waitForTaskToken task (and an activity) waits until someone calls
// SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat with its token. In a simulation that is
// a scripted or modelled callback (a rule: "succeed 30 s after the message was sent, with this
// output"), or the caller itself through World::SendTaskSuccess and friends.
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "asl/base/json.h"
#include "simulator/engine/service_backend.h"

namespace sim {

class Scheduler;

struct CallbackRule {
  std::string state;     // the Task state's name ("" = any)
  std::string resource;  // the Task's Resource ARN ("" = any)
  enum class Action { kSucceed, kFail, kNone };
  Action action = Action::kSucceed;
  int64_t after_ms = 0;  // after the task's start call returned
  asl::Json output = asl::Json::object();  // kSucceed: SendTaskSuccess's output
  std::optional<std::string> error;        // kFail: SendTaskFailure's error and cause
  std::optional<std::string> cause;
  int64_t heartbeat_every_ms = 0;  // 0: no heartbeats
  // Heartbeats stop at the callback, or (kNone) at this many ms after the start call.
  int64_t heartbeat_until_ms = 0;
};

class TaskCallbacks {
 public:
  explicit TaskCallbacks(Scheduler& scheduler) : scheduler_(scheduler) {}

  void AddRule(CallbackRule rule) { rules_.push_back(std::move(rule)); }
  const std::vector<CallbackRule>& rules() const { return rules_; }

  // A token task whose start call returned at `submitted`: remembers the token and applies the
  // first rule that matches the state and resource.
  void Await(const TaskRequest& request, const TaskHandle& handle, SimTime submitted);

  // The SendTask* APIs at virtual time `at`. False for an unknown token (or one already
  // answered): AWS's TaskDoesNotExist / InvalidToken.
  bool SendTaskSuccess(const std::string& token, asl::Json output, SimTime at);
  bool SendTaskFailure(const std::string& token, std::optional<std::string> error,
                       std::optional<std::string> cause, SimTime at);
  bool SendTaskHeartbeat(const std::string& token, SimTime at);

  size_t waiting() const { return tokens_.size(); }
  // Tokens waiting for an answer, oldest first.
  std::vector<std::string> WaitingTokens() const;

 private:
  void Heartbeat(const std::string& token, int64_t every_ms, SimTime until, SimTime at);

  Scheduler& scheduler_;
  std::vector<CallbackRule> rules_;
  struct Waiting {
    TaskHandle handle;
    uint64_t order = 0;
  };
  std::unordered_map<std::string, Waiting> tokens_;
  uint64_t next_order_ = 0;
};

}  // namespace sim
