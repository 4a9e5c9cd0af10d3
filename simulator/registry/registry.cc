#include "simulator/registry/registry.h"

#include "simulator/services/athena/athena_service.h"
#include "simulator/services/dynamodb/dynamodb_service.h"
#include "simulator/services/lambda/lambda_service.h"
#include "simulator/services/s3/s3_service.h"
#include "simulator/services/sns/sns_service.h"
#include "simulator/services/sqs/sqs_service.h"
#include "simulator/services/states/states_service.h"

namespace sim {

std::span<const ServiceDescriptor* const> Services() {
  // The one list of services. The order is the world document's section order (and so the
  // order of its diagnostics and of the summary) and the order the backend asks them.
  static const ServiceDescriptor* const kServices[] = {
      &SnsDescriptor(),
      &SqsDescriptor(),
      &LambdaDescriptor(),
      &StatesDescriptor(),
      &AthenaDescriptor(),
      &DynamoDbDescriptor(),
      &S3Descriptor(),
  };
  return kServices;
}

const ServiceDescriptor* FindService(std::string_view name) {
  for (const ServiceDescriptor* service : Services()) {
    if (service->name == name || (!service->alias.empty() && service->alias == name)) {
      return service;
    }
  }
  return nullptr;
}

const ServiceNames* FindServiceNames(std::string_view name) {
  const ServiceDescriptor* service = FindService(name);
  return service ? service->names : nullptr;
}

std::string_view CanonicalServiceName(std::string_view name) {
  const ServiceDescriptor* service = FindService(name);
  return service ? service->name : name;
}

const asl::IntegrationFacts& LintIntegrationFacts() {
  static const asl::IntegrationFacts kFacts = [] {
    asl::IntegrationFacts facts;
    for (const ServiceDescriptor* service : Services()) {
      if (service->retry_suggestion.empty()) continue;
      facts.retry_suggestions.emplace(std::string(service->name),
                                      std::string(service->retry_suggestion));
    }
    return facts;
  }();
  return kFacts;
}

}  // namespace sim
