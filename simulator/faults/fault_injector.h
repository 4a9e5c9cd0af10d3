#pragma once
// Failure injection around a service backend, in leveldb's EnvWrapper style: every call goes
// through to the wrapped backend unless a fault rule picks it, deterministically under the run's
// seed. A rule selects calls by service, API, state and resource, and fires on a fraction of
// them, on given call numbers, or inside an outage window of virtual time; it fails the call
// with an AWS error (named and worded as the integration would report it), never answers it
// (so the state's TimeoutSeconds ends it with States.Timeout), fails it after the service did
// the work (the response is lost: a retry repeats the effect), or only delays it.
//
// As an ExecutionObserver it learns how each injected failure was handled (which retrier or
// catcher, or nothing) and keeps a report.

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "asl/base/error.h"
#include "asl/base/random.h"
#include "simulator/engine/observer.h"
#include "simulator/services/integration/aws_error.h"
#include "simulator/engine/service_backend.h"

namespace sim {

struct FaultRule {
  // Selection ("" = any). `service`: sns, sqs, lambda, states, athena, or any other
  // integration's service; bare Lambda ARNs are lambda:invoke. `resource` matches the Task's
  // Resource ARN or the target it names (TopicArn, QueueUrl, FunctionName, StateMachineArn).
  std::string name;  // for reports; defaults to "fault <index>"
  std::string service;
  std::string api;
  std::string state;
  std::string resource;

  // When it fires (any that holds).
  double rate = 0;                  // probability per matching call
  std::set<int64_t> calls;          // 1-based numbers of matching calls
  std::optional<SimTime> window_start;  // outage: every matching call in [start, end)
  std::optional<SimTime> window_end;

  enum class Mode {
    kFail,   // the call fails with `error`
    kAfter,  // the service does the work, then the call fails with `error` (response lost)
    kHang,   // the call never answers
    kDelay,  // the call succeeds `delay_ms` later than it would have
  };
  Mode mode = Mode::kFail;
  // The error: an AWS error (named per integration: SNS.InternalErrorException,
  // Sns.InternalErrorException, …), or a literal Step Functions error name and cause.
  std::optional<AwsError> aws_error;  // default: the service's internal error (docs/world.md)
  std::optional<asl::Error> literal_error;
  int64_t delay_ms = 0;  // kDelay (and added to any mode)
};

struct InjectedFault {
  std::string rule;
  uint64_t execution_id = 0;
  std::string execution_arn;
  std::string state_name;
  std::string service;
  std::string api;
  int64_t call_number = 0;  // among the rule's matching calls, 1-based
  SimTime time;
  FaultRule::Mode mode = FaultRule::Mode::kFail;
  std::string error;  // "" for a hang or a delay
  std::string cause;
  // Filled when the engine handles the failure (a hang is reported when the state times out).
  bool handled = false;
  FailureHandling handling = FailureHandling::kUnhandled;
  int index = -1;  // retrier or catcher index
};

class FaultInjectingBackend final : public ServiceBackend,
                                    public ExecutionObserver,
                                    private TaskReceiver {
 public:
  // `seed`: the run's seed (faults draw from their own generator seeded from it, so other
  // random draws do not move them). `request_ids`: where injected errors' request ids come from.
  FaultInjectingBackend(ServiceBackend* target, uint64_t seed,
                        std::function<std::string()> request_ids);

  void AddRule(FaultRule rule);
  const std::vector<FaultRule>& rules() const { return rules_; }

  bool Invoke(const TaskRequest& request, const TaskHandle& handle) override;

  // ExecutionObserver
  void OnFailureHandled(const FailureReport& report) override;

  const std::vector<InjectedFault>& injected() const { return injected_; }
  // Per rule: how many matching calls it saw and how many it injected into.
  int64_t matched(size_t rule) const { return counters_[rule].matched; }
  int64_t fired(size_t rule) const { return counters_[rule].fired; }

  // The error a service's internal failure gets when a rule names none: SNS InternalError (500),
  // SQS InternalError (500), Lambda ServiceException (500), Step Functions ServiceUnavailable
  // (503), Athena InternalServerException (500), others InternalFailure (500).
  static AwsError DefaultError(std::string_view service);

 private:
  // TaskReceiver: reports of the wrapped backend for a proxied (delayed / after-mode) call.
  void TaskStarted(uint64_t task, SimTime at, std::string worker_name) override;
  void TaskSubmitted(uint64_t task, SimTime at, asl::Json output) override;
  void TaskHeartbeat(uint64_t task, SimTime at) override;
  void TaskSucceeded(uint64_t task, SimTime at, asl::Json output) override;
  void TaskSucceededDeferred(uint64_t task, SimTime at, asl::Json core,
                             DeferredResult deferred) override;
  void TaskFailed(uint64_t task, SimTime at, asl::Error error) override;
  void TaskOnAbandon(uint64_t task, std::function<void()> cancel) override;

  bool Matches(const FaultRule& rule, const TaskRequest& request) const;
  bool Fires(size_t index, const TaskRequest& request);
  asl::Error ErrorFor(const FaultRule& rule, const TaskRequest& request);

  ServiceBackend* target_;
  asl::Random random_;
  std::function<std::string()> request_ids_;
  std::vector<FaultRule> rules_;
  struct Counters {
    int64_t matched = 0;
    int64_t fired = 0;
  };
  std::vector<Counters> counters_;
  std::vector<InjectedFault> injected_;
  // (execution id, task id) -> index in injected_, until the engine reports the failure.
  std::unordered_map<uint64_t, std::unordered_map<uint64_t, size_t>> pending_;
  // Proxied calls: our task id -> the real handle, the delay, and the after-mode error.
  struct Proxy {
    TaskHandle real;
    Duration delay{0};
    std::optional<asl::Error> fail_with;
    size_t fault = 0;
    uint64_t execution_id = 0;
  };
  std::unordered_map<uint64_t, Proxy> proxies_;
  uint64_t next_proxy_ = 1;
  // A proxied call's success: its proxy, or nullopt when there is none or the injected fault
  // fails the call here instead.
  std::optional<Proxy> SucceedingProxy(uint64_t task, SimTime at);
};

}  // namespace sim
