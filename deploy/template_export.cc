#include "deploy/template_export.h"

#include <fmt/format.h>

#include <cctype>
#include <set>

#include "asl/analysis/definition_digest.h"
#include "asl/load/cloudformation.h"
#include "asl/load/definition_loader.h"
#include "asl/load/substitutions.h"

namespace deploy {

namespace {

// Replaces `value` by `${name}` in every string (keys included) of `node`; returns how often.
size_t ReplaceLiteral(asl::Json* node, const std::string& value, const std::string& placeholder) {
  size_t count = 0;
  auto replace_in = [&](std::string* text) {
    size_t at = 0;
    while ((at = text->find(value, at)) != std::string::npos) {
      text->replace(at, value.size(), placeholder);
      at += placeholder.size();
      ++count;
    }
  };
  if (node->is_string()) {
    replace_in(&node->get_ref<std::string&>());
  } else if (node->is_array()) {
    for (asl::Json& item : *node) count += ReplaceLiteral(&item, value, placeholder);
  } else if (node->is_object()) {
    asl::Json rebuilt = asl::ObjectWithCapacity(node->size());
    for (auto& [key, item] : node->items()) {
      std::string new_key = key;
      replace_in(&new_key);
      count += ReplaceLiteral(&item, value, placeholder);
      rebuilt[new_key] = std::move(item);
    }
    *node = std::move(rebuilt);
  }
  return count;
}

// CloudFormation parameter names are alphanumeric.
std::string ParameterName(const std::string& name, std::set<std::string>* taken) {
  std::string base;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) base.push_back(c);
  }
  if (base.empty()) base = "Value";
  std::string candidate = base;
  for (int i = 2; taken->contains(candidate) || candidate == "RoleArn"; ++i) {
    candidate = fmt::format("{}{}", base, i);
  }
  taken->insert(candidate);
  return candidate;
}

}  // namespace

asl::Result<TemplateExport, std::string> ExportTemplate(const asl::Json& definition,
                                                        const TemplateExportOptions& options) {
  if (!definition.is_object()) {
    return asl::Fail(std::string("the definition must be a JSON object (an ASL document)"));
  }
  if (asl::IsTemplate(definition)) {
    return asl::Fail(std::string("this is already a CloudFormation/SAM template; `sfnsim deploy` "
                                 "takes it as it is"));
  }
  TemplateExport out;
  asl::Json body = definition;
  std::set<std::string> declared;
  for (const auto& [name, value] : options.values) {
    std::string placeholder = fmt::format("${{{}}}", name);
    bool used = asl::Dump(body).find(placeholder) != std::string::npos;
    if (!used && !value.empty()) {
      size_t replaced = ReplaceLiteral(&body, value, placeholder);
      if (replaced > 0) {
        used = true;
        out.notes.push_back(fmt::format("\"{}\" written {} time{} in the definition became {}",
                                        value, replaced, replaced == 1 ? "" : "s", placeholder));
      }
    }
    if (used) declared.insert(name);
    else out.notes.push_back(fmt::format("{} = \"{}\" is not used by the definition; left out", name, value));
  }
  for (const asl::PlaceholderUse& use : asl::FindPlaceholders(asl::Dump(body))) {
    if (!declared.contains(use.name)) {
      declared.insert(use.name);
      out.notes.push_back(fmt::format("${{{}}} has no value: its parameter has no Default", use.name));
    }
  }

  asl::Json parameters = asl::Json::object();
  asl::Json substitutions = asl::Json::object();
  std::set<std::string> taken;
  for (const std::string& name : declared) {
    std::string parameter = ParameterName(name, &taken);
    asl::Json entry = asl::Json::object();
    entry["Type"] = "String";
    if (auto it = options.values.find(name); it != options.values.end()) {
      entry["Default"] = it->second;
    }
    entry["Description"] = fmt::format("Value of ${{{}}} in the definition", name);
    parameters[parameter] = std::move(entry);
    substitutions[name] = {{"Ref", parameter}};
  }
  parameters["RoleArn"] = {{"Type", "String"},
                           {"Description", "ARN of the IAM role the state machine runs as"}};

  asl::Json properties = asl::Json::object();
  if (!options.state_machine_name.empty()) {
    properties[options.sam ? "Name" : "StateMachineName"] = options.state_machine_name;
  }
  properties[options.sam ? "Type" : "StateMachineType"] = options.type;
  properties[options.sam ? "Role" : "RoleArn"] = {{"Ref", "RoleArn"}};
  if (!substitutions.empty()) properties["DefinitionSubstitutions"] = std::move(substitutions);
  properties["Definition"] = std::move(body);

  asl::Json doc = asl::Json::object();
  doc["AWSTemplateFormatVersion"] = "2010-09-09";
  if (options.sam) doc["Transform"] = "AWS::Serverless-2016-10-31";
  doc["Description"] = fmt::format("State machine exported by sfnsim export{}",
                                   options.source_name.empty() ? "" : " from " + options.source_name);
  doc["Parameters"] = std::move(parameters);
  asl::Json resource = asl::Json::object();
  resource["Type"] = options.sam ? asl::kSamStateMachineType : asl::kCfnStateMachineType;
  resource["Properties"] = std::move(properties);
  doc["Resources"] = {{options.logical_id, std::move(resource)}};
  doc["Outputs"] = {{"StateMachineArn", {{"Value", {{"Ref", options.logical_id}}}}}};
  out.text = doc.dump(2, ' ', false, asl::Json::error_handler_t::replace) + "\n";
  return out;
}

bool LoadsBackAs(const std::string& template_text, const std::string& logical_id,
                 const asl::Json& definition) {
  asl::LoadOptions back;
  back.logical_id = logical_id;
  auto reloaded = asl::LoadDefinitionText(template_text, "exported template", back);
  return reloaded.ok() &&
         asl::ContentHash(reloaded->definition) == asl::ContentHash(definition);
}

}  // namespace deploy
