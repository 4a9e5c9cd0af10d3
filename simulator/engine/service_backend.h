#pragma once
// The seam between the engine and everything a Task calls: scripted responses, simulated AWS
// services, Lambda commands, child executions. The engine knows backends only through this
// header; backends never include the engine.
//
// A backend serves a task by reporting what happens, at virtual times no earlier than the
// request's `now`: the task started, (for .sync and .waitForTaskToken) the start call returned,
// heartbeats, and finally success or failure. It may report everything at once (a scripted
// response after a latency) or later (a child execution that finishes, a callback). Reports
// made after the task ended (timed out, aborted) are ignored by the engine.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "asl/base/error.h"
#include "asl/base/json.h"
#include "asl/model/task_resource.h"
#include "simulator/clock/sim_time.h"

namespace sim {

// What the engine tells a backend about one task attempt.
struct TaskRequest {
  const asl::TaskResource* resource = nullptr;
  const asl::Json* parameters = nullptr;  // evaluated Parameters (or the effective input)
  std::string_view state_name;
  std::string_view execution_arn;
  std::string_view execution_name;
  std::string_view state_machine_arn;
  std::string_view task_token;  // .waitForTaskToken and activities
  int64_t attempt = 0;          // retries already made in this visit of the state
  int64_t invocation = 0;       // how many times this state was invoked before, in this run
  // The Map iterations it runs in: "Outer[2]/Inner[5]", "" at the top. Built when called (only
  // replay asks; a backfill would build a string per SNS publish), during Invoke only.
  std::function<std::string()> lane;
  SimTime now;
  uint64_t execution_id = 0;    // the simulation's id of the calling execution
};

// The part of a service's answer that is the same kind of wrapping for every call: an optimized
// integration's SdkHttpMetadata and SdkResponseMetadata around the API's response (≈ 25 JSON
// nodes for an SNS Publish whose ResultSelector reads only MessageId). A backend that reports
// success with one hands over the response alone (the core) and this; the engine builds the
// whole result only when something reads more than the core: a history that keeps payloads, a
// state without ResultSelector, a ResultSelector reading fields the core lacks, or a failing
// one (whose error quotes the whole result).
//
// A backend that knows a bound of its (whole) result's size says so with `complete` empty: a
// page of Athena rows measured once for its Content-Length need not be measured again.
struct DeferredResult {
  // Builds the whole result from the core; empty when the result handed over is whole.
  std::function<asl::Json(asl::Json core)> complete;
  // At least the whole result's serialized size, or -1 when unknown: when it is under the
  // payload quota, the quota's check cannot fail and the result need not be measured (nor
  // built, to be measured).
  int64_t max_bytes = -1;
};

// The engine's side of an in-flight task; a backend reports through a TaskHandle.
class TaskReceiver {
 public:
  virtual void TaskStarted(uint64_t task, SimTime at, std::string worker_name) = 0;
  virtual void TaskSubmitted(uint64_t task, SimTime at, asl::Json output) = 0;
  virtual void TaskHeartbeat(uint64_t task, SimTime at) = 0;
  virtual void TaskSucceeded(uint64_t task, SimTime at, asl::Json output) = 0;
  // Success with a deferred part (see DeferredResult). A receiver that wants the whole result
  // at once keeps this default.
  virtual void TaskSucceededDeferred(uint64_t task, SimTime at, asl::Json core,
                                     DeferredResult deferred) {
    TaskSucceeded(task, at, deferred.complete ? deferred.complete(std::move(core)) : std::move(core));
  }
  virtual void TaskFailed(uint64_t task, SimTime at, asl::Error error) = 0;
  // `cancel` runs if the engine gives the task up before the backend reports its end (the task
  // timed out, its branch or iteration was aborted, the execution ended): what AWS does to the
  // work a .sync task started (a nested execution is stopped).
  virtual void TaskOnAbandon(uint64_t task, std::function<void()> cancel) = 0;

 protected:
  ~TaskReceiver() = default;
};

// Finds the receiver of an execution's tasks by the execution's id (the Simulation): null once
// the execution is forgotten (Simulation::Forget), so a handle a backend keeps after the task
// ended (a scripted callback due later, a token no one answered) can never reach freed memory.
class TaskReceivers {
 public:
  virtual TaskReceiver* ReceiverFor(uint64_t execution_id) const = 0;

 protected:
  ~TaskReceivers() = default;
};

// A small copyable reference to one task attempt. Reports to an execution that is gone are
// dropped, as reports after the task ended are; a cancellation asked of it runs at once.
class TaskHandle {
 public:
  TaskHandle() = default;
  // Straight to `receiver`, which must outlive the handle.
  TaskHandle(TaskReceiver* receiver, uint64_t task) : receiver_(receiver), task_(task) {}
  // To the receiver `receivers` finds for `execution_id` when the report is made.
  TaskHandle(const TaskReceivers* receivers, uint64_t execution_id, uint64_t task)
      : receivers_(receivers), execution_(execution_id), task_(task) {}

  void Start(SimTime at, std::string worker_name = "") const {
    if (TaskReceiver* r = receiver()) r->TaskStarted(task_, at, std::move(worker_name));
  }
  void Submit(SimTime at, asl::Json output) const {
    if (TaskReceiver* r = receiver()) r->TaskSubmitted(task_, at, std::move(output));
  }
  void Heartbeat(SimTime at) const {
    if (TaskReceiver* r = receiver()) r->TaskHeartbeat(task_, at);
  }
  void Succeed(SimTime at, asl::Json output) const {
    if (TaskReceiver* r = receiver()) r->TaskSucceeded(task_, at, std::move(output));
  }
  void SucceedDeferred(SimTime at, asl::Json core, DeferredResult deferred) const {
    if (TaskReceiver* r = receiver()) {
      r->TaskSucceededDeferred(task_, at, std::move(core), std::move(deferred));
    }
  }
  void Fail(SimTime at, asl::Error error) const {
    if (TaskReceiver* r = receiver()) r->TaskFailed(task_, at, std::move(error));
  }
  void OnAbandon(std::function<void()> cancel) const {
    if (TaskReceiver* r = receiver()) return r->TaskOnAbandon(task_, std::move(cancel));
    cancel();  // the execution is gone: the task was given up with it
  }
  bool valid() const { return receiver_ != nullptr || receivers_ != nullptr; }
  uint64_t id() const { return task_; }

 private:
  TaskReceiver* receiver() const {
    return receivers_ ? receivers_->ReceiverFor(execution_) : receiver_;
  }

  TaskReceiver* receiver_ = nullptr;
  const TaskReceivers* receivers_ = nullptr;
  uint64_t execution_ = 0;
  uint64_t task_ = 0;
};

class ServiceBackend {
 public:
  virtual ~ServiceBackend() = default;
  // Serves the task, or returns false when this backend does not handle the request (the
  // engine then asks the next backend).
  virtual bool Invoke(const TaskRequest& request, const TaskHandle& handle) = 0;
};

}  // namespace sim
