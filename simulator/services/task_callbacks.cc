#include "simulator/services/task_callbacks.h"

#include <algorithm>

#include "simulator/services/scheduler.h"

namespace sim {

void TaskCallbacks::Await(const TaskRequest& request, const TaskHandle& handle,
                          SimTime submitted) {
  std::string token(request.task_token);
  if (token.empty()) return;
  tokens_[token] = Waiting{handle, next_order_++};
  const std::string& resource = request.resource->arn;
  for (const CallbackRule& rule : rules_) {
    if (!rule.state.empty() && rule.state != request.state_name) continue;
    if (!rule.resource.empty() && rule.resource != resource) continue;
    SimTime answer = submitted + Duration{rule.after_ms};
    if (rule.heartbeat_every_ms > 0) {
      SimTime until = rule.action == CallbackRule::Action::kNone
                          ? submitted + Duration{rule.heartbeat_until_ms}
                          : answer;
      Heartbeat(token, rule.heartbeat_every_ms, until, submitted + Duration{rule.heartbeat_every_ms});
    }
    switch (rule.action) {
      case CallbackRule::Action::kSucceed:
        scheduler_.At(answer, [this, token, output = rule.output, answer]() mutable {
          SendTaskSuccess(token, std::move(output), answer);
        });
        break;
      case CallbackRule::Action::kFail:
        scheduler_.At(answer, [this, token, error = rule.error, cause = rule.cause, answer]() {
          SendTaskFailure(token, error, cause, answer);
        });
        break;
      case CallbackRule::Action::kNone:
        break;
    }
    return;
  }
}

void TaskCallbacks::Heartbeat(const std::string& token, int64_t every_ms, SimTime until,
                              SimTime at) {
  if (at >= until) return;
  scheduler_.At(at, [this, token, every_ms, until, at]() {
    if (!SendTaskHeartbeat(token, at)) return;
    Heartbeat(token, every_ms, until, at + Duration{every_ms});
  });
}

bool TaskCallbacks::SendTaskSuccess(const std::string& token, asl::Json output, SimTime at) {
  auto it = tokens_.find(token);
  if (it == tokens_.end()) return false;
  TaskHandle handle = it->second.handle;
  tokens_.erase(it);
  handle.Succeed(at, std::move(output));
  return true;
}

bool TaskCallbacks::SendTaskFailure(const std::string& token, std::optional<std::string> error,
                                    std::optional<std::string> cause, SimTime at) {
  auto it = tokens_.find(token);
  if (it == tokens_.end()) return false;
  TaskHandle handle = it->second.handle;
  tokens_.erase(it);
  asl::Error e(error.value_or(""), cause.value_or(""));
  e.has_name = error.has_value();
  e.has_cause = cause.has_value();
  handle.Fail(at, std::move(e));
  return true;
}

bool TaskCallbacks::SendTaskHeartbeat(const std::string& token, SimTime at) {
  auto it = tokens_.find(token);
  if (it == tokens_.end()) return false;
  it->second.handle.Heartbeat(at);
  return true;
}

std::vector<std::string> TaskCallbacks::WaitingTokens() const {
  std::vector<std::pair<uint64_t, std::string>> ordered;
  for (const auto& [token, waiting] : tokens_) ordered.emplace_back(waiting.order, token);
  std::sort(ordered.begin(), ordered.end());
  std::vector<std::string> out;
  for (auto& [order, token] : ordered) out.push_back(std::move(token));
  return out;
}

}  // namespace sim
