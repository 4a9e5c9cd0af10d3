#pragma once
// The world a simulation runs in, as data: the SNS topics, SQS queues, Lambda functions, state
// machines (for states:startExecution), Athena tables, latencies, quotas, callbacks and faults.
// Read from a JSON or YAML "world" document (docs/world.md) with every problem located by file,
// line and JSON pointer.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/diagnostic.h"
#include "asl/base/json.h"
#include "asl/base/result.h"
#include "asl/model/state_machine.h"
#include "simulator/faults/fault_injector.h"
#include "simulator/quotas/quota_config.h"
#include "simulator/data/customer_generator.h"
#include "simulator/services/athena/athena_model.h"
#include "simulator/services/lambda/lambda_model.h"
#include "simulator/services/latency_model.h"
#include "simulator/services/service_sections.h"
#include "simulator/services/sns/sns_model.h"
#include "simulator/services/sqs/sqs_model.h"
#include "simulator/world/load_policy.h"
#include "simulator/services/task_callbacks.h"

namespace sim {

struct SimulationConfig;

// An Athena table: from a CSV file, or generated (the reference pipeline's customers).
struct AthenaTableDecl {
  AthenaTableSource source;
  std::string generator;  // "" (CSV) or "customers"
  CustomerGeneratorConfig customers;
};

struct StateMachineDecl {
  std::string name;
  std::shared_ptr<const asl::StateMachine> machine;
  bool express = false;
  // Where the definition came from, for the verification record (docs/deploy.md): the file it
  // was loaded from (for an inline definition: the world file, with `definition_pointer` to
  // it), the template's logical id, the definition as run (substitutions applied) and the
  // `${Name}` values it was run with.
  std::string definition_file;
  std::string definition_pointer;
  std::string logical_id;
  asl::Json definition;
  std::map<std::string, std::string> substitutions;
};

// Overrides of one quota; what is not given keeps AWS's default for the region.
struct QuotaOverride {
  std::optional<bool> enabled;
  std::optional<int64_t> capacity;
  std::optional<double> refill_per_second;
  std::optional<AwsError> error;
};

struct WorldConfig {
  std::string file;  // where it was read from ("" when built in code)

  // Simulation settings (applied with ApplyTo before the Simulation is built).
  std::optional<uint64_t> seed;
  std::optional<std::string> partition;
  std::optional<std::string> region;
  std::optional<std::string> account;

  LatencyModel latency;
  std::vector<SnsTopicSpec> topics;
  std::vector<SqsQueueSpec> queues;
  std::vector<LambdaFunctionSpec> functions;
  std::vector<StateMachineDecl> state_machines;
  std::optional<AthenaConfig> athena;
  std::vector<AthenaTableDecl> athena_tables;
  std::vector<CallbackRule> callbacks;
  // The sections of the services the registry builds (DynamoDB's tables, …), each read by its
  // service's descriptor (simulator/services/registry.h).
  ServiceSections services;

  // Quota overrides by name: start_execution, state_transitions, sns_publish,
  // athena_start_query, athena_get_query.
  std::map<std::string, QuotaOverride> quotas;
  std::optional<bool> lambda_concurrency_enabled;
  std::optional<int64_t> lambda_concurrency;
  std::optional<AwsError> lambda_concurrency_error;
  std::optional<int64_t> max_open_executions;

  // Fault rules; outage windows are relative to the simulation's start time.
  std::vector<FaultRule> faults;

  // Copies seed, partition, region and account into a simulation's settings.
  void ApplyTo(SimulationConfig& config) const;
  // A seed given from outside (sfnsim run --seed/--seeds) replaces the world's own and every
  // generated table's, so that it moves every seeded choice: faults, latencies, ids and data.
  void OverrideSeed(uint64_t new_seed);
  // AWS's quotas for `region` with this world's overrides applied.
  QuotaConfig Quotas(std::string_view region) const;
};

// The top-level keys of a world document: the world's own and every service's section, in the
// order they are read (the scenario loader accepts them too).
const std::vector<std::string>& WorldKeys();

// Reads a world file (JSON, or YAML for .yaml/.yml or text that is not a JSON object).
// `policy` says which files it may read and whether it may run commands (load_policy.h; the
// command line confines both, docs/security.md).
asl::Result<WorldConfig, asl::DiagnosticList> LoadWorld(
    const std::string& path, const LoadPolicy& policy = LoadPolicy::Trusted());

// Parses a world document already read; `source` locates diagnostics (file, YAML lines).
// Relative paths in it (definition files, CSV tables, commands' working directories) are
// resolved against `base_directory`.
asl::Result<WorldConfig, asl::DiagnosticList> ParseWorld(
    const asl::Json& document, const asl::SourceMap& source, const std::string& base_directory,
    const LoadPolicy& policy = LoadPolicy::Trusted());

}  // namespace sim
