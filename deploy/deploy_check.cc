#include "deploy/deploy_check.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "asl/analysis/definition_digest.h"
#include "asl/base/json_limits.h"
#include "asl/load/cfn_intrinsics.h"
#include "asl/load/cloudformation.h"
#include "asl/load/definition_loader.h"
#include "asl/load/source_text.h"
#include "asl/load/substitutions.h"

namespace deploy {

namespace {

constexpr std::string_view kBoundMarkerOpen = "@@sfnsim-bound:";
constexpr std::string_view kBoundMarkerClose = "@@";
constexpr size_t kMaxReadBackDifferences = 20;

std::string BoundMarker(const std::string& name) {
  return fmt::format("{}{}{}", kBoundMarkerOpen, name, kBoundMarkerClose);
}

std::string FormatLoadErrors(const asl::DiagnosticList& diagnostics, const std::string& file) {
  std::vector<std::string> lines;
  asl::SourceMap source;
  source.file = file;
  for (const asl::Diagnostic& d : diagnostics.items()) {
    if (d.severity == asl::Severity::kError) lines.push_back(asl::FormatDiagnostic(d, source));
  }
  return fmt::format("{}", fmt::join(lines, "; "));
}

// The definition resolved with the deploy's values and `bound_values` for the stack's entries.
asl::Result<asl::LoadedDefinition, std::string> ResolveForDeploy(
    const std::string& template_path, const DeployStateMachine& machine,
    const TemplateValues& values, const std::map<std::string, std::string>& bound_values) {
  asl::LoadOptions options;
  options.logical_id = machine.logical_id;
  options.substitutions = values;
  for (const auto& [name, value] : machine.static_values) options.substitutions[name] = value;
  for (const auto& [name, value] : bound_values) options.substitutions[name] = value;
  auto loaded = asl::LoadDefinitionFile(template_path, options);
  if (!loaded.ok()) return asl::Fail(FormatLoadErrors(loaded.error(), template_path));
  return std::move(loaded).value();
}

// The stand-ins a record entry gives the bound entries; nullopt when it lacks one.
std::optional<std::map<std::string, std::string>> StandIns(const DeployStateMachine& machine,
                                                           const VerifiedDefinition& entry) {
  std::map<std::string, std::string> out;
  for (const auto& [name, why] : machine.bound) {
    auto it = entry.substitutions.find(name);
    if (it == entry.substitutions.end()) return std::nullopt;
    out[name] = it->second;
  }
  return out;
}

// Why `machine` matches no entry, compared with the closest one.
std::string ExplainUnverified(const std::string& template_path, const std::string& template_rel,
                              const DeployStateMachine& machine, const TemplateValues& values,
                              const VerificationRecord& record, const std::string& record_path) {
  const VerifiedDefinition* closest = nullptr;
  for (int pass = 0; pass < 2 && closest == nullptr; ++pass) {
    for (const VerifiedDefinition& entry : record.definitions) {
      if (entry.logical_id != machine.logical_id) continue;
      if (pass == 0 && entry.source != template_rel) continue;
      closest = &entry;
      if (StandIns(machine, entry)) break;
    }
  }
  if (closest == nullptr) {
    return fmt::format(
        "{}: no verification record of this state machine in {} (template {}); run the scenarios "
        "that verify it with `sfnsim run --lock {} SCENARIO...`",
        machine.logical_id, record_path, template_rel, record_path);
  }
  std::vector<std::string> differences;
  for (const auto& [name, value] : machine.static_values) {
    auto it = closest->substitutions.find(name);
    if (it == closest->substitutions.end()) {
      differences.push_back(
          fmt::format("substitution {} is \"{}\" for this deploy; the verified runs had none",
                      name, value));
    } else if (it->second != value) {
      differences.push_back(fmt::format(
          "substitution {} is \"{}\" for this deploy; the verified runs used \"{}\"", name, value,
          it->second));
    }
  }
  for (const auto& [name, why] : machine.bound) {
    if (!closest->substitutions.contains(name)) {
      differences.push_back(fmt::format(
          "substitution {} (bound to the stack: {}) had no value in the verified runs", name, why));
    }
  }
  if (auto stand_ins = StandIns(machine, *closest)) {
    auto loaded = ResolveForDeploy(template_path, machine, values, *stand_ins);
    if (!loaded.ok()) {
      differences.push_back(loaded.error());
    } else {
      asl::DefinitionDigest digest = asl::DigestDefinition(loaded->definition);
      auto changes = asl::DiffDigests(closest->parts, digest.parts);
      if (!changes.empty()) {
        differences.push_back("the definition differs: " + asl::DescribeChanges(changes));
      } else if (differences.empty()) {
        differences.push_back(fmt::format("its content hash is {}, the verified one {}",
                                          digest.sha256, closest->sha256));
      }
    }
  }
  std::set<std::string> scenarios;
  for (const VerifiedRun& run : closest->verified_by) scenarios.insert(run.scenario);
  return fmt::format("{}: not verified: {}; compared with {} as verified by {}; once the change "
                     "is intended, run its scenarios again: sfnsim run --lock {} {}",
                     machine.logical_id, fmt::join(differences, "; "), closest->Describe(),
                     closest->DescribeRuns(), record_path, fmt::join(scenarios, " "));
}

void CheckStateMachineForDeploy(const std::string& template_path, const std::string& template_rel,
              const asl::ParsedDocument& parsed, const TemplateValues& values,
              const VerificationRecord& record, const std::string& record_path,
              DeployStateMachine* machine) {
  asl::LoadOptions options;
  options.logical_id = machine->logical_id;
  options.substitutions = values;
  asl::DiagnosticList diagnostics;
  auto table = asl::TemplateSubstitutions(parsed, template_path, options, &diagnostics);
  if (!table) {
    machine->problem = fmt::format("{}: {}", machine->logical_id,
                                   FormatLoadErrors(diagnostics, template_path));
    return;
  }
  // The entries as written (a const Json's operator[] must not meet a missing key).
  const asl::Json* declared = &parsed.value.at("Resources").at(machine->logical_id);
  for (const char* key : {"Properties", "DefinitionSubstitutions"}) {
    if (!declared->is_object()) {
      declared = nullptr;
      break;
    }
    auto it = declared->find(key);
    declared = it != declared->end() ? &*it : nullptr;
    if (declared == nullptr) break;
  }
  for (const auto& [name, substitution] : *table) {
    if (substitution.value) {
      machine->static_values[name] = *substitution.value;
      continue;
    }
    machine->bound[name] = substitution.why_missing;
    const asl::Json* raw = nullptr;
    if (declared != nullptr && declared->is_object()) {
      auto it = declared->find(name);
      if (it != declared->end()) raw = &*it;
    }
    if (raw != nullptr && raw->is_object() && raw->size() == 1 && raw->contains("Ref") &&
        (*raw)["Ref"].is_string()) {
      machine->bound_refs[name] = (*raw)["Ref"].get<std::string>();
    }
  }
  // One namespace holds both parameters and DefinitionSubstitutions for the loader.
  for (const auto& [name, value] : values) {
    auto it = table->find(name);
    if (it == table->end()) continue;
    if (!it->second.value || *it->second.value != value) {
      machine->problem = fmt::format(
          "{}: the parameter {} and the DefinitionSubstitutions entry {} have different values; "
          "sfnsim deploy cannot tell them apart (rename one)",
          machine->logical_id, name, name);
      return;
    }
  }
  std::map<std::map<std::string, std::string>, std::string> hashes;  // by stand-ins
  for (const VerifiedDefinition& entry : record.definitions) {
    auto stand_ins = StandIns(*machine, entry);
    if (!stand_ins) continue;
    auto cached = hashes.find(*stand_ins);
    if (cached == hashes.end()) {
      auto loaded = ResolveForDeploy(template_path, *machine, values, *stand_ins);
      if (!loaded.ok()) {
        machine->problem = fmt::format("{}: {}", machine->logical_id, loaded.error());
        return;
      }
      cached = hashes.emplace(*stand_ins, asl::ContentHash(loaded->definition)).first;
    }
    if (cached->second == entry.sha256) {
      machine->verified = &entry;
      return;
    }
  }
  machine->problem =
      ExplainUnverified(template_path, template_rel, *machine, values, record, record_path);
}

// Matches `actual` against `expected`, whose markers stand for any text; captures them.
bool MatchMarked(const std::string& expected, const std::string& actual,
                 std::map<std::string, std::string>* captured, std::string* conflict) {
  struct Segment {
    bool marker;
    std::string text;  // literal text, or the marker's name
  };
  std::vector<Segment> segments;
  size_t at = 0;
  while (at < expected.size()) {
    size_t open = expected.find(kBoundMarkerOpen, at);
    size_t close = open == std::string::npos
                       ? std::string::npos
                       : expected.find(kBoundMarkerClose, open + kBoundMarkerOpen.size());
    if (close == std::string::npos) {
      segments.push_back({false, expected.substr(at)});
      break;
    }
    if (open > at) segments.push_back({false, expected.substr(at, open - at)});
    size_t name_start = open + kBoundMarkerOpen.size();
    segments.push_back({true, expected.substr(name_start, close - name_start)});
    at = close + kBoundMarkerClose.size();
  }
  size_t pos = 0;
  for (size_t i = 0; i < segments.size(); ++i) {
    const Segment& segment = segments[i];
    if (!segment.marker) {
      if (actual.compare(pos, segment.text.size(), segment.text) != 0) return false;
      pos += segment.text.size();
      continue;
    }
    std::string value;
    if (i + 1 == segments.size()) {
      value = actual.substr(pos);
    } else {
      const std::string& next = segments[i + 1].text;  // literal: markers never touch
      size_t found = i + 2 == segments.size()
                         ? (actual.size() >= pos + next.size() &&
                                    actual.compare(actual.size() - next.size(), next.size(),
                                                   next) == 0
                                ? actual.size() - next.size()
                                : std::string::npos)
                         : actual.find(next, pos);
      if (found == std::string::npos) return false;
      value = actual.substr(pos, found - pos);
    }
    pos += value.size();
    auto [it, inserted] = captured->emplace(segment.text, value);
    if (!inserted && it->second != value) {
      *conflict = fmt::format("${{{}}} is \"{}\" here and \"{}\" elsewhere", segment.text, value,
                              it->second);
      return false;
    }
  }
  return pos == actual.size();
}

std::string ShownInReadBack(const asl::Json& value) {
  std::string text = asl::Dump(value);
  return text.size() > 80 ? text.substr(0, 77) + "..." : text;
}

void CompareNode(const asl::Json& expected, const asl::Json& actual, const std::string& pointer,
                 ReadBackCheck* check) {
  auto differ = [&](std::string what) {
    if (check->differences.size() < kMaxReadBackDifferences) {
      check->differences.push_back(fmt::format("{}: {}", pointer.empty() ? "/" : pointer, what));
    }
  };
  if (expected.is_string() && actual.is_string() &&
      expected.get_ref<const std::string&>().find(kBoundMarkerOpen) != std::string::npos) {
    std::string conflict;
    if (!MatchMarked(expected.get<std::string>(), actual.get<std::string>(),
                     &check->bound_values, &conflict)) {
      std::string shown = expected.get<std::string>();
      differ(conflict.empty() ? fmt::format("expected {}, found {}", ShownInReadBack(expected), ShownInReadBack(actual))
                              : conflict);
    }
    return;
  }
  if (expected.is_object() && actual.is_object()) {
    for (const auto& [key, value] : expected.items()) {
      auto it = actual.find(key);
      if (it == actual.end()) differ(fmt::format("member \"{}\" is missing", key));
      else CompareNode(value, *it, asl::PointerJoin(pointer, key), check);
    }
    for (const auto& [key, value] : actual.items()) {
      if (!expected.contains(key)) differ(fmt::format("unexpected member \"{}\"", key));
    }
    return;
  }
  if (expected.is_array() && actual.is_array()) {
    if (expected.size() != actual.size()) {
      differ(fmt::format("expected {} items, found {}", expected.size(), actual.size()));
    }
    for (size_t i = 0; i < std::min(expected.size(), actual.size()); ++i) {
      CompareNode(expected[i], actual[i], asl::PointerJoin(pointer, i), check);
    }
    return;
  }
  if (asl::CanonicalJson(expected) != asl::CanonicalJson(actual)) {
    differ(fmt::format("expected {}, found {}", ShownInReadBack(expected), ShownInReadBack(actual)));
  }
}

bool HoldsIntrinsic(const asl::Json& value) {
  if (asl::IntrinsicResolver::IsIntrinsic(value)) return true;
  if (value.is_object() || value.is_array()) {
    for (const asl::Json& item : value) {
      if (HoldsIntrinsic(item)) return true;
    }
  }
  return false;
}

}  // namespace

bool DeployPlan::AllVerified() const {
  return errors.empty() && std::all_of(machines.begin(), machines.end(),
                                       [](const DeployStateMachine& m) { return m.verified; });
}

DeployPlan CheckTemplate(const std::string& template_path, const TemplateValues& values,
                         const VerificationRecord& record, const std::string& record_path) {
  DeployPlan plan;
  auto text = asl::ReadTextFile(template_path);
  if (!text.ok()) {
    plan.errors.push_back(FormatLoadErrors(text.error(), template_path));
    return plan;
  }
  auto parsed = asl::ParseText(text.value(), asl::GuessSyntax(text.value(), template_path));
  if (!parsed.ok()) {
    plan.errors.push_back(FormatLoadErrors(asl::TextErrorsIn(parsed.error(), template_path),
                                           template_path));
    return plan;
  }
  if (!asl::IsTemplate(parsed->value)) {
    plan.errors.push_back(fmt::format(
        "{}: not a CloudFormation or SAM template (it has no Resources; `sfnsim export` wraps a "
        "definition into one)",
        template_path));
    return plan;
  }
  std::vector<std::string> ids = asl::ListStateMachines(parsed->value);
  if (ids.empty()) {
    plan.errors.push_back(fmt::format("{}: /Resources: the template declares no {} or {} resource",
                                      template_path, asl::kCfnStateMachineType,
                                      asl::kSamStateMachineType));
    return plan;
  }
  std::string record_dir = std::filesystem::path(record_path).parent_path().string();
  std::string template_rel = RelativeTo(template_path, record_dir);
  for (const std::string& id : ids) {
    DeployStateMachine machine;
    machine.logical_id = id;
    machine.type = parsed->value["Resources"][id]["Type"].get<std::string>();
    CheckStateMachineForDeploy(template_path, template_rel, parsed.value(), values, record, record_path, &machine);
    plan.machines.push_back(std::move(machine));
  }
  return plan;
}

asl::Result<asl::Json, std::string> ExpectedDeployedDefinition(const std::string& template_path,
                                                               const DeployStateMachine& machine,
                                                               const TemplateValues& values) {
  std::map<std::string, std::string> markers;
  for (const auto& [name, why] : machine.bound) markers[name] = BoundMarker(name);
  auto loaded = ResolveForDeploy(template_path, machine, values, markers);
  if (!loaded.ok()) return asl::Fail(loaded.error());
  return std::move(loaded->definition);
}

asl::Result<std::string, std::string> PackageTemplate(const std::string& template_path,
                                                      std::vector<std::string>* packaged) {
  auto document = asl::ReadDocumentFile(template_path);
  if (!document.ok()) return asl::Fail(FormatLoadErrors(document.error(), template_path));
  asl::Json doc = std::move(document->value);
  for (const std::string& id : asl::ListStateMachines(doc)) {
    asl::Json& resource = doc["Resources"][id];
    if (resource["Type"] != asl::kCfnStateMachineType) continue;
    auto properties = resource.find("Properties");
    if (properties == resource.end() || !properties->is_object()) continue;
    auto definition = properties->find("Definition");
    if (definition == properties->end() || !definition->is_object() ||
        HoldsIntrinsic(*definition)) {
      continue;
    }
    std::string text = asl::Dump(*definition);
    properties->erase("Definition");
    (*properties)["DefinitionString"] = std::move(text);
    packaged->push_back(id);
  }
  return doc.dump(1, ' ', false, asl::Json::error_handler_t::replace) + "\n";
}

ReadBackCheck CompareReadBack(const asl::Json& expected, const std::string& read_back,
                              const DeployStateMachine& machine,
                              const std::map<std::string, std::string>& stack_values) {
  ReadBackCheck check;
  std::string text = read_back;
  std::set<std::string> unapplied;
  for (const asl::PlaceholderUse& use : asl::FindPlaceholders(text)) {
    if (machine.static_values.contains(use.name) || machine.bound.contains(use.name)) {
      unapplied.insert(use.name);
    }
  }
  if (!unapplied.empty()) {
    check.applied_here.assign(unapplied.begin(), unapplied.end());
    asl::SubstitutionValues substitutions = machine.static_values;
    for (const auto& [name, value] : stack_values) {
      if (machine.bound.contains(name)) substitutions[name] = value;
    }
    auto replaced = asl::ReplacePlaceholders(text, substitutions);
    if (!replaced.ok()) {
      check.differences.push_back(replaced.error());
      return check;
    }
    text = std::move(replaced).value();
  }
  asl::JsonTextProblem problem = asl::JsonTextProblem::kMalformed;
  std::optional<asl::Json> parsed_back = asl::ParseJsonWithinLimits(text, asl::kMaxJsonDepth,
                                                                  &problem);
  if (!parsed_back) {
    check.differences.push_back(
        text.empty() ? "the endpoint returned an empty definition"
        : problem == asl::JsonTextProblem::kTooDeep
            ? fmt::format("the definition read back nests deeper than {} levels",
                          asl::kMaxJsonDepth)
            : std::string("the definition read back is not JSON"));
    return check;
  }
  asl::Json actual = std::move(*parsed_back);
  CompareNode(expected, actual, "", &check);
  for (const auto& [name, value] : check.bound_values) {
    auto known = stack_values.find(name);
    if (known != stack_values.end() && known->second != value) {
      check.differences.push_back(fmt::format(
          "${{{}}} is \"{}\" in the definition; the stack's value is \"{}\"", name, value,
          known->second));
    }
  }
  check.matches = check.differences.empty();
  return check;
}

}  // namespace deploy
