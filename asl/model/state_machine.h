#pragma once
// The compiled state machine: every field of every state parsed, checked and compiled once at
// load time (paths, templates, Choice rules, Retry/Catch), with transitions resolved to ids.
// https://states-language.net/spec.html
//
// Nested machines (Parallel branches, Map item processors) are StateMachines of their own; a
// StateId indexes the states of the machine that holds it.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "asl/base/json.h"
#include "asl/choice/choice_rule.h"
#include "asl/intrinsics/intrinsic_call.h"
#include "asl/model/jsonata_template.h"
#include "asl/model/task_resource.h"
#include "asl/path/json_path.h"
#include "asl/path/reference_path.h"
#include "asl/template/payload_template.h"

namespace asl {

using StateId = uint32_t;
inline constexpr StateId kNoState = UINT32_MAX;

// The language a state's expressions are written in, chosen when the definition is loaded (the
// top-level QueryLanguage, which a state may override); asl/runtime/data_flow.h dispatches on it.
// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
enum class QueryLanguage : uint8_t { kJsonPath, kJsonata };

enum class StateType : uint8_t { kTask, kPass, kChoice, kWait, kSucceed, kFail, kParallel, kMap };

// "Task", "Pass", … as used in the Type field and in event names ("TaskStateEntered").
const char* StateTypeName(StateType type);

// InputPath / OutputPath: absent means "$", null means "discard" ({}), else a path.
struct InputOutputPath {
  enum class Kind : uint8_t { kDefault, kNull, kPath } kind = Kind::kDefault;
  std::optional<JsonPath> path;
};

// ResultPath: absent means "$" (replace), null means "discard the result", else a reference path.
struct ResultPathField {
  enum class Kind : uint8_t { kDefault, kNull, kPath } kind = Kind::kDefault;
  std::optional<ReferencePath> path;
};

// An integer field that may instead come from the input (TimeoutSeconds/TimeoutSecondsPath, …).
// In a JSONata state the field may instead hold an expression ("{% … %}").
struct IntOrPath {
  std::optional<int64_t> value;
  std::optional<JsonPath> path;
  std::optional<JsonataTemplate> expression;
  bool present() const { return value.has_value() || path.has_value() || expression.has_value(); }
};

// A Distributed Map's ItemBatcher: limits per batch (literal or read from the state input) and
// the BatchInput payload template every batch carries.
struct ItemBatcher {
  IntOrPath max_items;  // MaxItemsPerBatch / MaxItemsPerBatchPath
  IntOrPath max_bytes;  // MaxInputBytesPerBatch / MaxInputBytesPerBatchPath
  std::optional<PayloadTemplate> batch_input;
  std::optional<JsonataTemplate> batch_input_jsonata;  // a JSONata state's BatchInput
};

// A Distributed Map's ItemReader, compiled: which S3 API reads the items, the request's
// Parameters (JSONPath) or Arguments (JSONata), and how the object's bytes become items.
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html
struct ItemReader {
  enum class Input : uint8_t { kJson, kJsonl, kCsv, kManifest, kParquet, kListing };
  enum class Manifest : uint8_t { kS3Inventory, kAthenaData };
  TaskResource resource;                    // arn:aws:states:::s3:getObject / s3:listObjectsV2
  std::optional<PayloadTemplate> parameters;
  std::optional<JsonataTemplate> arguments;
  Input input = Input::kListing;            // ReaderConfig.InputType (listObjectsV2: kListing)
  Manifest manifest = Manifest::kS3Inventory;  // ReaderConfig.ManifestType
  bool csv_headers_given = false;           // CSVHeaderLocation GIVEN
  std::vector<std::string> csv_headers;     // CSVHeaders
  char csv_delimiter = ',';                 // CSVDelimiter
  std::string items_pointer;                // ReaderConfig.ItemsPointer (JSON): a JSON pointer
  bool load_and_flatten = false;            // Transformation LOAD_AND_FLATTEN (listObjectsV2)
  IntOrPath max_items;                      // MaxItems / MaxItemsPath
};

// A Distributed Map's ResultWriter, compiled: where the children's results go (S3, through
// Parameters or Arguments with Bucket and Prefix) and how they are shaped (WriterConfig).
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
struct ResultWriter {
  enum class Transformation : uint8_t { kNone, kCompact, kFlatten };
  std::optional<TaskResource> resource;     // arn:aws:states:::s3:putObject; none: no export
  std::optional<PayloadTemplate> parameters;
  std::optional<JsonataTemplate> arguments;
  bool has_config = false;                  // WriterConfig present
  bool jsonl = false;                       // OutputType JSONL
  Transformation transformation = Transformation::kNone;
};

// Error/ErrorPath, Cause/CausePath of a Fail state: a literal, a path or an intrinsic call.
// In a JSONata state, Error and Cause may hold an expression instead.
struct StringOrPath {
  std::optional<std::string> literal;
  std::optional<JsonPath> path;
  std::optional<IntrinsicCall> intrinsic;
  std::optional<JsonataTemplate> expression;
  bool present() const { return literal || path || intrinsic || expression; }
};

// Assign: the workflow variables a state, a Choice rule or a catcher sets, in the state's query
// language: JSONPath a payload template ("name.$" members select, the others are literal),
// JSONata a template of "{% … %}" expressions. Either way it yields {name: value}.
// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
struct Assignment {
  std::optional<PayloadTemplate> json_path;
  std::optional<JsonataTemplate> jsonata;
  // The names it assigns, with the JSON pointer of each member (for the scope checks).
  std::vector<std::pair<std::string, std::string>> names;
  bool present() const { return json_path.has_value() || jsonata.has_value(); }
};

enum class JitterStrategy : uint8_t { kNone, kFull };

// https://states-language.net/spec.html#retrying-after-error
struct Retrier {
  std::vector<std::string> error_equals;
  int64_t interval_seconds = 1;
  int64_t max_attempts = 3;
  double backoff_rate = 2.0;
  std::optional<int64_t> max_delay_seconds;
  JitterStrategy jitter = JitterStrategy::kNone;
};

// https://states-language.net/spec.html#fallback-states
struct Catcher {
  std::vector<std::string> error_equals;
  std::string next_name;
  StateId next = kNoState;
  ResultPathField result_path;
  std::optional<JsonataTemplate> output;  // JSONata: Output over $states.errorOutput
  Assignment assign;
};

struct ChoiceBranch {
  ChoiceRule rule;                           // JSONPath
  std::optional<JsonataTemplate> condition;  // JSONata: Condition
  std::optional<JsonataTemplate> output;     // JSONata: the rule's Output, instead of the state's
  Assignment assign;                         // the rule's Assign, instead of the state's
  std::string next_name;
  StateId next = kNoState;
};

enum class WaitKind : uint8_t { kSeconds, kSecondsPath, kTimestamp, kTimestampPath };

enum class MapMode : uint8_t { kInline, kDistributed };

class StateMachine;

struct State {
  std::string name;
  StateType type = StateType::kPass;
  std::string pointer;  // JSON pointer of the state object ("/States/Name")
  std::string comment;

  // Transitions.
  std::string next_name;
  StateId next = kNoState;
  bool end = false;

  // Input and output processing, in query_language (see asl/runtime/data_flow.h).
  QueryLanguage query_language = QueryLanguage::kJsonPath;
  InputOutputPath input_path;
  InputOutputPath output_path;
  ResultPathField result_path;
  std::optional<PayloadTemplate> parameters;       // Parameters (Map: also ItemSelector)
  std::optional<PayloadTemplate> result_selector;
  std::optional<Json> result;                      // Pass: Result
  // JSONata (query_language kJsonata): Arguments (Task, Parallel; a Map's ItemSelector) and
  // Output, the Map's Items; the other fields' expressions live beside their JSONPath forms.
  std::optional<JsonataTemplate> arguments;
  std::optional<JsonataTemplate> output;
  std::optional<JsonataTemplate> items;

  // Workflow variables (Pass, Task, Map, Parallel, Choice for its Default, Wait).
  Assignment assign;

  // Error handling (Task, Parallel, Map).
  std::vector<Retrier> retriers;
  std::vector<Catcher> catchers;

  // Task.
  std::optional<TaskResource> resource;
  IntOrPath timeout_seconds;
  IntOrPath heartbeat_seconds;
  std::optional<PayloadTemplate> credentials;

  // Choice.
  std::vector<ChoiceBranch> choices;
  std::string default_name;
  StateId default_next = kNoState;

  // Wait.
  WaitKind wait_kind = WaitKind::kSeconds;
  int64_t wait_seconds = 0;
  std::string wait_timestamp;         // the literal Timestamp, validated RFC 3339
  std::optional<JsonPath> wait_path;  // SecondsPath / TimestampPath
  std::optional<JsonataTemplate> wait_expression;  // JSONata Seconds / Timestamp "{% … %}"

  // Fail.
  StringOrPath error;
  StringOrPath cause;

  // Parallel.
  std::vector<std::unique_ptr<StateMachine>> branches;

  // Map.
  std::unique_ptr<StateMachine> processor;  // ItemProcessor or Iterator
  MapMode map_mode = MapMode::kInline;
  std::string processor_execution_type;     // DISTRIBUTED: "STANDARD" | "EXPRESS"
  std::optional<ReferencePath> items_path;  // absent: "$"
  bool item_selector_is_legacy_parameters = false;
  IntOrPath max_concurrency;
  std::optional<double> tolerated_failure_percentage;
  std::optional<JsonPath> tolerated_failure_percentage_path;
  std::optional<JsonataTemplate> tolerated_failure_percentage_expression;  // JSONata "{% … %}"
  IntOrPath tolerated_failure_count;
  std::optional<Json> item_reader;   // as written (lint, graph); compiled in `reader`
  std::optional<ItemBatcher> item_batcher;
  std::optional<Json> result_writer;  // as written; compiled in `writer`
  std::optional<ItemReader> reader;
  std::optional<ResultWriter> writer;
  std::string label;

  bool IsTerminal() const {
    return end || type == StateType::kSucceed || type == StateType::kFail;
  }
};

class StateMachine {
 public:
  std::string pointer;  // "" for the top level, "/States/P/Branches/0" for nested machines
  std::string comment;
  std::string start_at_name;
  StateId start_at = kNoState;
  std::optional<int64_t> timeout_seconds;  // top level only
  std::string version;
  std::vector<State> states;  // in document order
  // Whether one of its own states (not of a nested machine) has an Assign: a Map iteration or
  // Parallel branch then needs a variable scope of its own.
  bool assigns_variables = false;

  StateId Find(std::string_view name) const {
    auto it = index_.find(std::string(name));
    return it == index_.end() ? kNoState : it->second;
  }
  void Index() {
    index_.clear();
    for (StateId i = 0; i < states.size(); ++i) index_.emplace(states[i].name, i);
  }
  const State& state(StateId id) const { return states[id]; }

 private:
  std::unordered_map<std::string, StateId> index_;
};

}  // namespace asl
