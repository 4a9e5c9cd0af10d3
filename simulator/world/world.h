#pragma once
// A World: the simulated AWS account executions run against. It owns the services declared by a
// WorldConfig (SNS, SQS, Lambda, Step Functions, Athena and the registry's other services), the
// latency model, the account quotas, the task-token callbacks and the fault injector, and
// installs them into a Simulation (backends, quota gate, fault observer).
//
// Outside tests only sim::Environment (simulator/harness/environment.h) builds a World and the
// Simulation it is installed in, in the order their lifetimes need: the World must outlive every
// run of the Simulation (which holds its backends, its transition gate and timers aimed at its
// services). Through an environment: env.world()->sns().messages() is what was published.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/engine/execution_spec.h"
#include "simulator/services/delivery_observer.h"
#include "simulator/world/world_config.h"

namespace sim {

class AccountQuotas;
class AthenaApi;
class AthenaModel;
class AwsBackend;
class FaultInjectingBackend;
class HistorySink;
class Scheduler;
class S3Service;
class Service;
class SfnService;
namespace s3 {
class Store;
}  // namespace s3
class Simulation;
class TaskCallbacks;

class World {
 public:
  explicit World(WorldConfig config);
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // Builds the services in `simulation`'s partition, region and account, adds the backend (behind
  // the fault injector when faults are declared), sets the state-transition gate and registers
  // the fault observer. Once, before any execution starts.
  asl::Status<std::string> Install(Simulation& simulation);

  // A state machine executions may start (states:startExecution), in addition to those of the
  // config. The machine a run starts with must be registered for it to start itself.
  asl::Result<std::string, std::string> RegisterStateMachine(
      const std::string& name, std::shared_ptr<const asl::StateMachine> machine,
      bool express = false);
  // Told of every record a service accepts that a scenario may count: SNS messages, SQS
  // messages a Task sends, DynamoDB items a PutItem or UpdateItem writes
  // (simulator/services/delivery_observer.h, docs/world.md "Deliveries"). Not owned; must
  // outlive the runs.
  void AddDeliveryObserver(DeliveryObserver* observer);
  // Where child executions' histories go (default: counted only).
  void SetChildSinkFactory(std::function<HistorySink*(const ExecutionSpec&)> factory);
  // The Athena the integration calls, instead of the one built from the config (before
  // Install). Not owned.
  void SetAthena(AthenaApi* athena);
  // The Athena built from the config (null when there is none or one was attached).
  AthenaModel* athena() { return athena_model_.get(); }

  // SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat at the simulation's current time.
  bool SendTaskSuccess(const std::string& token, asl::Json output);
  bool SendTaskFailure(const std::string& token, std::optional<std::string> error,
                       std::optional<std::string> cause);
  bool SendTaskHeartbeat(const std::string& token);

  const WorldConfig& config() const { return config_; }
  SnsModel& sns() { return *sns_; }
  SqsModel& sqs() { return *sqs_; }
  LambdaModel& lambda() { return *lambda_; }
  SfnService& sfn() { return *sfn_; }
  TaskCallbacks& callbacks() { return *callbacks_; }
  AccountQuotas& quotas() { return *quotas_; }
  AwsBackend& backend() { return *backend_; }
  // Null when the config declares no faults.
  FaultInjectingBackend* faults() { return faults_.get(); }
  // A service by name (simulator/registry/registry.h), once installed; null when the world has
  // none (Athena without tables, a registry service whose section is absent).
  Service* service(std::string_view name);
  // S3 (simulator/services/s3/s3_service.h), once installed; null when the world has no `s3`
  // section. s3_store()->Get("bucket", "key")->text() is an object a run wrote.
  S3Service* s3();
  s3::Store* s3_store();

  // A summary for reports: messages per topic and queue, throttled calls per quota, delayed
  // transitions, injected faults with how each was handled.
  asl::Json Summary() const;

 private:
  WorldConfig config_;
  Simulation* sim_ = nullptr;
  std::unique_ptr<SnsModel> sns_;
  std::unique_ptr<SqsModel> sqs_;
  std::unique_ptr<LambdaModel> lambda_;
  std::unique_ptr<AccountQuotas> quotas_;
  std::unique_ptr<Scheduler> scheduler_;
  std::unique_ptr<SfnService> sfn_;
  std::unique_ptr<TaskCallbacks> callbacks_;
  // In registry order: the backend asks them in this order and the summary lists them so.
  std::vector<std::unique_ptr<Service>> services_;
  std::unique_ptr<AwsBackend> backend_;
  std::unique_ptr<FaultInjectingBackend> faults_;
  AthenaApi* athena_ = nullptr;
  std::unique_ptr<AthenaModel> athena_model_;  // built from the config when none is attached
  std::unique_ptr<AthenaApi> athena_api_;
  std::function<HistorySink*(const ExecutionSpec&)> child_sinks_;
  DeliveryFanOut deliveries_;

  // Points SNS and SQS at deliveries_ once there is an observer and the models exist.
  void ConnectDeliveries();
};

}  // namespace sim
