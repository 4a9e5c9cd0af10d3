#pragma once
// The one table of simulated services (registry.cc). The backend dispatches to them, and the
// world loader, scenario loader, fault injector, latency model and lint read their facts from
// here instead of keeping lists. Adding a service: docs/architecture.md, "Adding a service".

#include <span>
#include <string_view>

#include "asl/analysis/integration_facts.h"
#include "simulator/services/service_descriptor.h"

namespace sim {

// Every service, in the order the backend asks them and the world reads their sections.
std::span<const ServiceDescriptor* const> Services();
// By name or alias ("states" or "sfn"); null when no service has it.
const ServiceDescriptor* FindService(std::string_view name);
// The names a service goes by, by name or alias; null when unknown.
const ServiceNames* FindServiceNames(std::string_view name);
// The canonical name for a name or alias ("sfn" -> "states"); unknown names are returned as is.
std::string_view CanonicalServiceName(std::string_view name);
// What lint needs to know of the services (asl/analysis/integration_facts.h).
const asl::IntegrationFacts& LintIntegrationFacts();

}  // namespace sim
