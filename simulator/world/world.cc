#include "simulator/world/world.h"

#include <fmt/format.h>

#include "simulator/engine/execution.h"
#include "simulator/engine/simulation.h"
#include "simulator/quotas/account_quotas.h"
#include "simulator/services/athena/athena_api.h"
#include "simulator/services/athena/athena_service.h"
#include "simulator/services/lambda/lambda_service.h"
#include "simulator/registry/registry.h"
#include "simulator/services/s3/s3_service.h"
#include "simulator/services/sns/sns_service.h"
#include "simulator/services/sqs/sqs_service.h"
#include "simulator/services/states/states_service.h"
#include "simulator/world/athena_model_api.h"
#include "simulator/world/aws_backend.h"
#include "simulator/services/scheduler.h"
#include "simulator/services/states/sfn_service.h"
#include "simulator/services/task_callbacks.h"

namespace sim {

World::World(WorldConfig config) : config_(std::move(config)) {}

World::~World() = default;

void World::SetAthena(AthenaApi* athena) { athena_ = athena; }

void World::SetChildSinkFactory(std::function<HistorySink*(const ExecutionSpec&)> factory) {
  child_sinks_ = std::move(factory);
  if (sfn_) sfn_->SetSinkFactory(child_sinks_);
}

asl::Status<std::string> World::Install(Simulation& simulation) {
  if (sim_) return asl::Fail(std::string("the world is already installed"));
  sim_ = &simulation;
  const SimulationConfig& settings = simulation.config();
  sns_ = std::make_unique<SnsModel>(settings.partition, settings.region, settings.account);
  sqs_ = std::make_unique<SqsModel>(settings.partition, settings.region, settings.account);
  lambda_ = std::make_unique<LambdaModel>(settings.partition, settings.region, settings.account);
  quotas_ = std::make_unique<AccountQuotas>(config_.Quotas(settings.region));
  scheduler_ = std::make_unique<Scheduler>(simulation);
  sfn_ = std::make_unique<SfnService>(simulation, quotas_.get());
  callbacks_ = std::make_unique<TaskCallbacks>(*scheduler_);
  sns_->set_sqs(sqs_.get());
  ConnectDeliveries();
  if (child_sinks_) sfn_->SetSinkFactory(child_sinks_);

  std::vector<std::string> problems;
  for (const SqsQueueSpec& queue : config_.queues) {
    if (auto added = sqs_->AddQueue(queue); !added.ok()) problems.push_back(added.error());
  }
  for (const SnsTopicSpec& topic : config_.topics) {
    if (auto added = sns_->AddTopic(topic); !added.ok()) {
      problems.push_back(added.error());
      continue;
    }
    for (const SnsSubscription& sub : topic.subscriptions) {
      if (!sqs_->Messages(sub.queue)) {
        problems.push_back(fmt::format("topic {}: subscribed queue \"{}\" is not declared",
                                       topic.arn.empty() ? topic.name : topic.arn, sub.queue));
      }
    }
  }
  for (const LambdaFunctionSpec& function : config_.functions) {
    if (auto added = lambda_->AddFunction(function); !added.ok()) problems.push_back(added.error());
  }
  for (const StateMachineDecl& machine : config_.state_machines) {
    if (auto added = sfn_->Register(machine.name, machine.machine, machine.express); !added.ok()) {
      problems.push_back(added.error());
    }
  }
  for (const CallbackRule& rule : config_.callbacks) callbacks_->AddRule(rule);
  if (config_.athena && !athena_) {
    AthenaConfig athena = *config_.athena;
    // The simulation's seed, not the world file's: a seed given on the command line has
    // replaced the file's there (WorldConfig::ApplyTo, then the override), and must move every
    // seeded choice.
    athena.seed = settings.seed;
    athena_model_ = std::make_unique<AthenaModel>(std::move(athena));
    for (const AthenaTableDecl& table : config_.athena_tables) {
      AthenaTableSource source = table.source;
      if (table.generator == "customers") {
        auto generator = std::make_shared<const CustomerGenerator>(table.customers);
        AthenaTableSource generated = CustomerTableSource(generator, source.database);
        generated.name = source.name;
        generated.virtual_table = source.virtual_table;
        generated.indexed_columns = source.indexed_columns;
        source = std::move(generated);
      } else if (!table.generator.empty()) {
        // A config built in code may name any generator; a loaded one was checked.
        const TableGeneratorEntry* entry = FindTableGenerator(table.generator);
        auto made = entry ? entry->make(table.generator_params, table.customers.seed)
                          : asl::Fail(fmt::format("\"{}\" is not a table generator ({})",
                                                  table.generator, TableGeneratorNames()));
        if (!made.ok()) {
          problems.push_back(fmt::format("athena table {}.{}: {}", source.database, source.name,
                                         made.error()));
          continue;
        }
        AthenaTableSource generated =
            GeneratedTableSource(std::move(made.value()), source.database, source.name);
        generated.virtual_table = source.virtual_table;
        generated.indexed_columns = source.indexed_columns;
        source = std::move(generated);
      }
      if (auto added = athena_model_->AddTable(source); !added.ok()) {
        problems.push_back(fmt::format("athena table {}.{}: {}", source.database, source.name,
                                       added.error()));
      }
    }
    athena_api_ = std::make_unique<AthenaModelApi>(*athena_model_);
    athena_ = athena_api_.get();
  }
  // The services, in registry order: those World builds from WorldConfig's own fields (their
  // models are World's public API), then those the registry builds from their sections.
  std::vector<std::string> queue_names;
  for (const SqsQueueSpec& queue : config_.queues) queue_names.push_back(queue.name);
  ServiceSetup setup;
  setup.simulation = &simulation;
  setup.sections = &config_.services;
  setup.problems = &problems;
  for (const ServiceDescriptor* descriptor : Services()) {
    std::unique_ptr<Service> service;
    if (descriptor == &SnsDescriptor()) service = std::make_unique<SnsService>(*sns_);
    else if (descriptor == &SqsDescriptor()) service = std::make_unique<SqsService>(*sqs_, queue_names);
    else if (descriptor == &LambdaDescriptor()) service = std::make_unique<LambdaService>(*lambda_);
    else if (descriptor == &StatesDescriptor()) service = std::make_unique<StatesService>(*sfn_);
    else if (descriptor == &AthenaDescriptor()) {
      if (athena_) service = std::make_unique<AthenaService>(*athena_);
    } else if (descriptor->create) {
      service = descriptor->create(setup);
    }
    if (service) services_.push_back(std::move(service));
  }
  if (!problems.empty()) return asl::Fail(fmt::format("{}", fmt::join(problems, "; ")));
  if (S3Service* s3_service = s3(); s3_service && athena_model_) {
    // Athena writes each succeeded query's result files into the world's S3 (docs/world.md).
    AthenaResultSink sink;
    sink.bucket_exists = [s3_service](const std::string& bucket) {
      return s3_service->store().Owner(bucket) == s3::BucketOwner::kOwned;
    };
    sink.write = [s3_service](const std::string& bucket, const std::string& key, std::string body,
                              SimTime at, std::string content_type) {
      s3_service->Write(bucket, key, std::move(body), at, std::move(content_type));
    };
    athena_model_->SetResultSink(std::move(sink));
  }

  std::vector<Service*> dispatch;
  for (const auto& service : services_) dispatch.push_back(service.get());
  ServiceHost host;
  host.latency = &config_.latency;
  host.quotas = quotas_.get();
  host.callbacks = callbacks_.get();
  host.scheduler = scheduler_.get();
  host.deliveries = &deliveries_;
  backend_ = std::make_unique<AwsBackend>(simulation, std::move(dispatch), host);
  if (config_.faults.empty()) {
    simulation.AddBackend(backend_.get());
  } else {
    faults_ = std::make_unique<FaultInjectingBackend>(
        backend_.get(), settings.seed, [&simulation] { return simulation.NewUuid(); });
    for (FaultRule rule : config_.faults) {
      // Windows are written relative to the start of the simulation.
      if (rule.window_start) rule.window_start = settings.start_time + Duration{rule.window_start->ms};
      if (rule.window_end) rule.window_end = settings.start_time + Duration{rule.window_end->ms};
      faults_->AddRule(std::move(rule));
    }
    simulation.AddBackend(faults_.get());
    simulation.AddObserver(faults_.get());
  }
  if (TransitionThrottle* gate = quotas_->transition_gate()) simulation.SetTransitionGate(gate);
  return {};
}

asl::Result<std::string, std::string> World::RegisterStateMachine(
    const std::string& name, std::shared_ptr<const asl::StateMachine> machine, bool express) {
  if (!sfn_) return asl::Fail(std::string("install the world first"));
  return sfn_->Register(name, std::move(machine), express);
}

void World::AddDeliveryObserver(DeliveryObserver* observer) {
  if (observer == nullptr) return;
  deliveries_.Add(observer);
  ConnectDeliveries();
}

void World::ConnectDeliveries() {
  // Before Install there are no models yet; Install connects them.
  if (deliveries_.empty() || !sns_ || !sqs_) return;
  sqs_->set_observer(&deliveries_);
  // SNS keeps its own hook (one function, which a run without observers leaves unset: a
  // backfill publishes millions of messages); it fans out to every observer.
  sns_->set_observer([this](const SnsMessage& m) {
    Delivery delivery;
    delivery.service = "sns";
    delivery.destination = m.topic_arn;
    delivery.body = m.body;
    delivery.body_json = m.body_json;
    delivery.time = m.time;
    delivery.execution_arn = m.execution_arn;
    delivery.state_name = m.state_name;
    delivery.duplicate = m.duplicate;
    deliveries_.OnDelivery(delivery);
  });
}

Service* World::service(std::string_view name) {
  for (const auto& service : services_) {
    if (service->descriptor().name == name) return service.get();
  }
  return nullptr;
}

S3Service* World::s3() { return static_cast<S3Service*>(service(S3Descriptor().name)); }

s3::Store* World::s3_store() {
  S3Service* s3_service = s3();
  return s3_service ? &s3_service->store() : nullptr;
}

bool World::SendTaskSuccess(const std::string& token, asl::Json output) {
  return callbacks_ && callbacks_->SendTaskSuccess(token, std::move(output), sim_->now());
}

bool World::SendTaskFailure(const std::string& token, std::optional<std::string> error,
                            std::optional<std::string> cause) {
  return callbacks_ &&
         callbacks_->SendTaskFailure(token, std::move(error), std::move(cause), sim_->now());
}

bool World::SendTaskHeartbeat(const std::string& token) {
  return callbacks_ && callbacks_->SendTaskHeartbeat(token, sim_->now());
}

asl::Json World::Summary() const {
  asl::Json s = asl::Json::object();
  if (!sim_) return s;
  for (const auto& service : services_) service->Summarize(s);
  asl::Json throttled = asl::Json::object();
  for (const auto& [name, count] : quotas_->throttled()) throttled[name] = count;
  s["throttled"] = std::move(throttled);
  if (const TransitionThrottle* gate = quotas_->transition_gate()) {
    s["transitions"] = {{"counted", gate->transitions()},
                        {"delayed", gate->delayed()},
                        {"total_delay_ms", gate->total_delay().ms}};
  }
  asl::Json faults = asl::Json::array();
  if (faults_) {
    for (const InjectedFault& f : faults_->injected()) {
      asl::Json j = asl::Json::object();
      j["rule"] = f.rule;
      j["execution"] = f.execution_arn;
      j["state"] = f.state_name;
      j["service"] = f.service;
      j["api"] = f.api;
      j["call"] = f.call_number;
      j["time"] = FormatIso8601Millis(f.time);
      static constexpr const char* kModes[] = {"fail", "after", "hang", "delay"};
      j["mode"] = kModes[static_cast<int>(f.mode)];
      if (!f.error.empty()) j["error"] = f.error;
      if (!f.cause.empty()) j["cause"] = f.cause;
      if (f.handled) {
        switch (f.handling) {
          case FailureHandling::kRetried: j["handled_by"] = fmt::format("retrier {}", f.index); break;
          case FailureHandling::kCaught: j["handled_by"] = fmt::format("catcher {}", f.index); break;
          case FailureHandling::kUnhandled: j["handled_by"] = "nothing"; break;
        }
      }
      faults.push_back(std::move(j));
    }
  }
  s["faults"] = std::move(faults);
  return s;
}

}  // namespace sim
