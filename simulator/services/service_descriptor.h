#pragma once
// What one simulated service is, as data: the names it goes by, the world section it reads, its
// default latencies, the internal error a fault injects, the errors lint suggests retrying, and
// how to build it. Each service folder defines one; registry.cc lists them all.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/json.h"
#include "simulator/services/integration/aws_response.h"
#include "simulator/services/service_sections.h"

namespace sim {

class Service;
class Simulation;

namespace world_internal {
class Reader;
}  // namespace world_internal

// A default latency: `api` ("" for every API of the service without its own) takes
// [min_ms, max_ms] uniformly (docs/world.md's latency section overrides it).
struct LatencyDefault {
  std::string_view api;
  int64_t min_ms = 0;
  int64_t max_ms = 0;
};

// The error an injected fault gives when its rule names none: the service's documented internal
// error (sfnsim's message; AWS's internal-error texts vary).
struct InternalErrorShape {
  std::string_view code;
  std::string_view message;
  int status = 500;
};

// What a service the registry builds is built from.
struct ServiceSetup {
  Simulation* simulation = nullptr;
  const ServiceSections* sections = nullptr;  // the world's sections (its own among them)
  std::vector<std::string>* problems = nullptr;  // what the world cannot install, for World::Install
};

// Reads the service's world section (`value` at `pointer`) into `out`.
using SectionReader = void (*)(world_internal::Reader& reader, const asl::Json& value,
                               const std::string& pointer, ServiceSections& out);

struct ServiceDescriptor {
  // The service's name in resources (arn:aws:states:::sns:publish), fault rules' `service`,
  // latency keys ("sns:publish") and the summary.
  std::string_view name = {};
  // Another name its resources use: "sfn" in aws-sdk:sfn:startExecution for "states".
  std::string_view alias = {};
  const ServiceNames* names = nullptr;
  std::span<const LatencyDefault> latency = {};
  InternalErrorShape internal_error = {};
  // Parameters naming the call's target, which a fault rule's `resource` may name
  // ("TopicArn", "QueueUrl").
  std::span<const std::string_view> target_fields = {};
  // Task error names a retrier should cover (lint SFN1200's suggestion), for the optimized
  // integration.
  std::string_view retry_suggestion = {};
  // Its top-level key in a world or scenario document ("" for none).
  std::string_view section = {};
  // Reads that section into the world's ServiceSections. Null for the services that predate the
  // registry: the world loader reads their sections into WorldConfig's own fields, which the
  // harness and tests use by name (world_config_sections.cc).
  SectionReader read_section = nullptr;
  // Builds the service for a world. Null for the services World builds itself (the same ones:
  // World's accessors sns(), sqs(), lambda(), sfn(), athena() hand out their models).
  std::unique_ptr<Service> (*create)(const ServiceSetup& setup) = nullptr;
};

}  // namespace sim
