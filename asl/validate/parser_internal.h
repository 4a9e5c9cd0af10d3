#pragma once
// Internals of the definition parser, shared by its files (one per group of states).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "asl/validate/definition_parser.h"
#include "asl/validate/field_reader.h"

namespace asl::parser {

// The bound of AWS's integer settings (MaxConcurrency, ToleratedFailureCount, …): a Java int.
inline constexpr int64_t kMaxInt32 = 2147483647;

class MachineParser {
 public:
  MachineParser(DiagnosticList& diagnostics, const ParseOptions& options);

  // Parses StartAt/States (and, for Map processors, ProcessorConfig is left to the caller).
  // `extra_fields` are accepted without being read (e.g. "ProcessorConfig").
  std::unique_ptr<StateMachine> ParseMachine(const Json& object, const std::string& pointer,
                                             bool top_level,
                                             std::initializer_list<std::string_view> extra = {});

  // definition_parser.cc
  void ParseState(const std::string& name, const Json& object, const std::string& pointer,
                  State& state);
  void ParseInputOutput(FieldReader& reader, State& state, bool parameters, bool result_path,
                        bool result_selector);
  ResultPathField ParseResultPath(FieldReader& reader);
  std::optional<JsonPath> ParsePath(FieldReader& reader, std::string_view key,
                                    bool reference_path, bool allow_context);
  std::optional<JsonPath> ParsePathValue(const Json& value, const std::string& pointer,
                                         bool reference_path, bool allow_context);
  // A reference path (https://states-language.net/spec.html#ref-paths); `expected` names what
  // a value of the wrong JSON type should have been.
  std::optional<ReferencePath> ParseReferencePath(const Json& value, const std::string& pointer,
                                                  bool allow_context, std::string_view expected);
  // What a payload template field may hold. AWS accepts any JSON value for Parameters,
  // ResultSelector, ItemSelector and BatchInput (see asl/template/payload_template.h); an
  // ItemReader's or ResultWriter's Parameters and Credentials are objects.
  enum class TemplateShape { kAny, kObject };
  std::optional<PayloadTemplate> ParseTemplate(FieldReader& reader, std::string_view key,
                                               TemplateShape shape);
  void ParseTransition(FieldReader& reader, State& state);
  IntOrPath ParseIntOrPath(FieldReader& reader, std::string_view key, int64_t min, int64_t max);

  // jsonata_parser.cc: the JSONata fields of a JSONata state (Arguments, Output, Items,
  // ItemSelector) and the JSONPath-only fields such a state may not have.
  void ParseJsonataFields(FieldReader& reader, State& state);
  void ReportJsonPathOnlyFields(FieldReader& reader);
  // The field `key` as a JSONata template (nullopt when absent or malformed, reported).
  std::optional<JsonataTemplate> ParseJsonata(FieldReader& reader, std::string_view key);
  std::optional<JsonataTemplate> CompileJsonata(const Json& value, const std::string& pointer,
                                                std::string field_name);
  // One rule of a Choice state's Choices (simple_states_parser.cc reads the array).
  ChoiceBranch ParseJsonataChoiceRule(const Json& rule, const std::string& pointer,
                                      size_t index);
  bool jsonata() const { return language_ == QueryLanguage::kJsonata; }

  // assign_parser.cc: Assign (a state's, a Choice rule's, a catcher's) and the scope rule.
  Assignment ParseAssign(FieldReader& reader);
  // Map iterations and Parallel branches may read outer variables but not assign them.
  // Also sets StateMachine::assigns_variables throughout.
  void CheckVariableScopes(StateMachine& machine);

  // task_parser.cc
  void ParseTask(FieldReader& reader, State& state);
  void ParseCredentials(FieldReader& reader, State& state);
  // simple_states_parser.cc
  void ParsePass(FieldReader& reader, State& state);
  void ParseWait(FieldReader& reader, State& state);
  void ParseChoice(FieldReader& reader, State& state);
  ChoiceBranch ParseJsonPathChoiceRule(const Json& rule, const std::string& pointer);
  void ParseSucceed(FieldReader& reader, State& state);
  void ParseFail(FieldReader& reader, State& state);
  void ParseStringOrPath(FieldReader& reader, std::string_view key, std::string_view path_key,
                         StringOrPath& out);
  // error_handling_parser.cc
  void ParseRetry(FieldReader& reader, State& state);
  void ParseCatch(FieldReader& reader, State& state);
  std::vector<std::string> ParseErrorEquals(const std::string& pointer, FieldReader& reader);
  // map_parallel_parser.cc
  void ParseParallel(FieldReader& reader, State& state);
  void ParseMap(FieldReader& reader, State& state);
  // map_dataset_parser.cc: the Distributed Map's ItemReader, ItemBatcher and ResultWriter.
  void ParseItemReader(FieldReader& reader, State& state);
  void ParseItemBatcher(FieldReader& reader, State& state);
  void ParseResultWriter(FieldReader& reader, State& state);

  // Every state name declared anywhere in the document, and the errors its Fail states throw,
  // before parsing starts.
  void CollectNames(const Json& machine);

  // Cross-state checks, after every state of a machine is parsed.
  void ResolveTransitions(StateMachine& machine);
  void CheckReachability(StateMachine& machine);

  DiagnosticList& diagnostics() { return diagnostics_; }
  bool express() const { return express_; }

 private:
  DiagnosticList& diagnostics_;
  bool express_;
  // Every state name seen so far, at any depth, with its pointer: names are unique across the
  // whole definition.
  std::unordered_map<std::string, std::string> all_names_;
  // Names declared anywhere, to explain transitions that try to leave a branch.
  std::unordered_set<std::string> declared_names_;
  // Error names the definition's Fail states throw (literal Error fields), and whether one of
  // them computes its error at run time (ErrorPath): then any name may be thrown.
  std::unordered_set<std::string> thrown_errors_;
  bool any_error_thrown_ = false;
  // The top-level QueryLanguage, and the language of the state being parsed.
  QueryLanguage default_language_ = QueryLanguage::kJsonPath;
  QueryLanguage language_ = QueryLanguage::kJsonPath;
  // Pointers of the states whose Type is missing or unknown, or which are not objects.
  std::unordered_set<std::string> unparsed_;
};

}  // namespace asl::parser
