#pragma once
// `sfnsim export`: a definition (JSON or YAML, e.g. a Workflow Studio export) wrapped into a
// CloudFormation or SAM template whose DefinitionSubstitutions carry the values a scenario
// substituted (docs/deploy.md).

#include <map>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"

namespace deploy {

struct TemplateExportOptions {
  bool sam = false;                        // AWS::Serverless::StateMachine, else AWS::StepFunctions
  std::string logical_id = "StateMachine";
  std::string state_machine_name;          // "" : CloudFormation names it
  std::string type = "STANDARD";
  std::string source_name;                 // for the Description
  // Substitution values: a `${Name}` of the definition gets a DefinitionSubstitutions entry and a
  // parameter defaulting to its value; a value written literally in the definition's strings is
  // replaced by `${Name}` first.
  std::map<std::string, std::string> values;
};

struct TemplateExport {
  std::string text;                 // the template, JSON
  std::vector<std::string> notes;   // what was replaced, what was not used, what has no value
};

// Fails when `definition` is not an object or already a template.
asl::Result<TemplateExport, std::string> ExportTemplate(const asl::Json& definition,
                                                        const TemplateExportOptions& options);

// Whether `template_text` loads back (state machine `logical_id`) as `definition`, by content
// hash: a value that contains another one could have been replaced where it was not meant to be.
bool LoadsBackAs(const std::string& template_text, const std::string& logical_id,
                 const asl::Json& definition);

}  // namespace deploy
