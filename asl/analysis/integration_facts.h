#pragma once
// What lint knows of the services a Task calls, given by the caller.
//
// Why data passed in rather than an asl table: which services exist and what their transient
// errors are called (<Service>.<Exception> per the SDKs' naming) are facts about the simulated
// services, which the service registry (simulator/registry/registry.h) owns; the language does
// not define them, and asl/ must not include simulator/. sfnsim fills this from the registry
// (sim::LintIntegrationFacts()); without it lint names no service's errors.

#include <map>
#include <string>

namespace asl {

struct IntegrationFacts {
  // The task errors a retrier should cover, by the integration's service name ("sns",
  // "states"); "lambda" also serves a bare Lambda function ARN.
  std::map<std::string, std::string, std::less<>> retry_suggestions;
};

}  // namespace asl
