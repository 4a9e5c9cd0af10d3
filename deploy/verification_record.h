#pragma once
// The verification record (docs/deploy.md): which definitions passing scenario runs verified,
// kept in a committable JSON file (by convention sfnsim.lock.json) that `sfnsim run --lock`
// writes and `sfnsim deploy` reads.
//
//   {"format": "sfnsim verification record 1",
//    "definitions": [{"source": "fixtures/templates/production.yaml",
//                     "logical_id": "ExecutorStateMachine",
//                     "sha256": "…",                       // asl::ContentHash of the definition as run
//                     "substitutions": {"HistoryMargin": "1000", "TopicArn": "arn:…"},
//                     "verified_by": [{"scenario": "scenarios/stack.yaml", "seed": 1,
//                                      "sfnsim": "0.1.0"}],
//                     "parts": {"/StartAt": "…", "/States/InitCounters": "…", …}}]}
//
// Paths are relative to the record file's directory, with '/' separators. Entries are sorted by
// source, logical id and hash; runs by scenario and seed; the file is written only from passing
// runs, and the same runs give the same bytes.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"

namespace deploy {

inline constexpr const char* kVerificationRecordFormat = "sfnsim verification record 1";

struct VerifiedRun {
  std::string scenario;  // relative to the record's directory
  uint64_t seed = 0;
  std::string sfnsim_version;
};

struct VerifiedDefinition {
  // The definition file relative to the record's directory (an inline definition: the scenario
  // file and the pointer to it, "scenarios/x.yaml#/state_machines/0/definition").
  std::string source;
  std::string logical_id;  // a template's state machine; "" otherwise
  std::string sha256;      // asl::ContentHash of the definition as run
  std::map<std::string, std::string> substitutions;  // the `${Name}` values it was run with
  std::vector<VerifiedRun> verified_by;
  std::map<std::string, std::string> parts;  // asl::DefinitionDigest::parts

  // "fixtures/templates/production.yaml (ExecutorStateMachine)"
  std::string Describe() const;
  // "scenarios/stack.yaml (seed 1), scenarios/other.yaml (seed 7)"
  std::string DescribeRuns() const;
};

struct VerificationRecord {
  std::vector<VerifiedDefinition> definitions;
};

// Reads a record. A missing file is an empty record; anything else that is not a record is an
// error naming the file and the JSON pointer of the problem.
asl::Result<VerificationRecord, std::string> ReadVerificationRecord(const std::string& path);

// The record as the file holds it: JSON, two-space indent, a newline at the end.
std::string FormatVerificationRecord(const VerificationRecord& record);

// Writes through a temporary file renamed over `path`; false on failure, with `error` naming
// the file and the reason ("sfnsim.lock.json.tmp: No space left on device").
bool WriteVerificationRecord(const std::string& path, const VerificationRecord& record,
                             std::string* error);

// A state machine a passing scenario run executed at least once, as the run saw it. Plain data:
// the deploy module knows nothing of the simulator (the CLI turns a scenario report into this).
struct RunDefinition {
  std::string definition_file;     // the file the definition came from
  std::string definition_pointer;  // an inline definition's JSON pointer in it; "" otherwise
  std::string logical_id;          // a template's state machine; "" otherwise
  asl::Json definition;            // the definition as run (substitutions applied)
  std::map<std::string, std::string> substitutions;
};

struct PassingRun {
  std::string scenario_file;
  uint64_t seed = 0;
  std::vector<RunDefinition> definitions;
};

// The definitions a passing run verified. Paths are made relative to `record_dir`.
std::vector<VerifiedDefinition> VerifiedDefinitionsOf(const PassingRun& run,
                                                      const std::string& record_dir,
                                                      const std::string& sfnsim_version);

// Adds what a passing run verified. A run of a scenario replaces that scenario's earlier runs on
// other versions of the same definition (source and logical id): a record states what each
// scenario last verified; an entry no run verifies any more is dropped.
void MergeVerified(VerificationRecord* record, std::vector<VerifiedDefinition> verified);

// `path` relative to `dir` (both made absolute first), with '/' separators.
std::string RelativeTo(const std::string& path, const std::string& dir);

}  // namespace deploy
