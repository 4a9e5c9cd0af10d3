#pragma once
// A recorded execution read from files: `aws stepfunctions get-execution-history --output json`
// output (all pages merged, or one file per page, in any order, ascending or --reverse-order),
// optionally with `aws stepfunctions describe-execution` output, or a document of the conformance
// corpus (tests/data/conformance/aws-recorded/: definition, input and events in one file).
//
// Everything that cannot be used is an error naming the file, the JSON pointer (and its line) or
// the event id, and what was expected: a page missing in the middle, a first page missing, two
// pages holding the same event, events that are not Step Functions history events.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/diagnostic.h"
#include "asl/base/json.h"
#include "asl/base/result.h"

namespace sim {

struct RecordedExecution {
  asl::Json events = asl::Json::array();  // merged, ascending ids 1..n
  std::string input_text;                 // as StartExecution received it
  std::optional<asl::Json> definition;    // corpus documents carry their definition
  bool corpus = false;                    // a conformance corpus document (placeholders)
  // What ARNs are built from; empty: unknown (the simulation's defaults are used).
  std::string execution_name;
  std::string state_machine_name;
  std::string partition, region, account;
  std::string role_arn;
  std::optional<int64_t> start_ms;  // ExecutionStarted's timestamp
  std::string status;               // SUCCEEDED, FAILED, TIMED_OUT, ABORTED; "" while running
  // The history ends without an execution-ending event: the execution was still running, or
  // the last page is missing. Only the recorded events can be compared.
  bool complete = true;
  std::vector<std::string> notes;   // what was repaired (reversed pages, page order)
};

// Reads and merges the files. `describe_file` may be empty.
asl::Result<RecordedExecution, std::string> LoadRecordedExecution(
    const std::vector<std::string>& history_files, const std::string& describe_file);

// The same from documents already parsed (names are used in messages; tests use this).
struct HistoryDocument {
  asl::Json value;
  asl::SourceMap source;  // the file's name, and lines of JSON pointers when known
};
asl::Result<RecordedExecution, std::string> ReadRecordedExecution(
    const std::vector<HistoryDocument>& pages, const HistoryDocument* describe);

// The status an execution-ending event type stands for ("" when it is not one).
std::string StatusOfEndEvent(const std::string& event_type);

}  // namespace sim
