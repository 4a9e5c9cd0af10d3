#pragma once
// What one shard of a sweep hands to `sfnsim merge` (`sfnsim run --shard K/N --shard-result
// FILE`, docs/scaling.md): for each of its runs the plan index and the parts the unsharded run's
// outputs are made of (the summary text, the JUnit <testsuite>, the --json run object, the
// verdict), and enough about the sweep to refuse slices of another one.
//
//   {"format": "sfnsim shard result 1", "sfnsim_version": "0.1.0",
//    "sweep": {"scenarios": [{"file": "scenarios/backfill.yaml", "name": "backfill",
//                             "sha256": "…"}],
//              "seeds": [1, 2, …] (null: each scenario's own), "max_steps": 1000000000,
//              "runs": 16},
//    "shard": {"index": 1, "count": 4},
//    "runs": [{"index": 1, "key": "backfill.seed2", "verdict": "passed", "summary": "…",
//              "junit": {"tests": 6, "failures": 0, "xml": "…"}, "json": {…}}, …]}
//
// Keeping rendered parts rather than whole reports keeps the file small (a report holds every
// execution) and makes the merged outputs the unsharded bytes by construction: FormatJUnit,
// SummaryDocument and `sfnsim run`'s stdout are made of exactly these parts.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/scenario/report_format.h"
#include "simulator/scenario/scenario_batch.h"
#include "simulator/scenario/sweep_shard.h"

namespace sim {

inline constexpr const char* kShardResultFormat = "sfnsim shard result 1";

// A result holds about 6 KB per run, and a sweep at most 10,000 runs per scenario: far below
// this; the bound only refuses a file that is not a result at all.
inline constexpr uintmax_t kMaxShardResultBytes = uintmax_t{1} << 30;

// A scenario file the sweep was given. One that did not load (its errors went to the shard's
// stderr) has no runs in the plan, but is part of the sweep: the unsharded run exits 2 for it.
struct SweepScenario {
  std::string file;       // as given on the command line
  bool loaded = false;
  std::string name;       // its `name:`, when loaded
  std::string sha256;     // of the file's bytes, when loaded
  bool operator==(const SweepScenario&) const = default;
};

// What makes two shards slices of one sweep: the same scenario files with the same content, the
// same seeds and step guard, so the same plan. (The files a scenario reads, such as definitions
// and fixtures, are not hashed: shards run from one checkout or image.)
struct SweepIdentity {
  std::vector<SweepScenario> scenarios;
  std::vector<std::optional<uint64_t>> seeds = {std::nullopt};  // as BatchPlan's
  uint64_t max_steps = 0;
  size_t runs = 0;  // in the whole plan
  bool operator==(const SweepIdentity&) const = default;
};

// One run of the shard, as the unsharded outputs need it.
struct ShardRun {
  size_t index = 0;         // in the plan
  std::string key;          // BatchRun::key
  BatchVerdict verdict = BatchVerdict::kPassed;
  std::string summary;      // FormatSummary
  JUnitSuite junit;         // JUnitSuiteOf
  asl::Json json;           // RunSummaryJson
  std::string output_error; // ScenarioReport::output_error ("" : none)
};
ShardRun ShardRunOf(const BatchRun& run, const ScenarioReport& report);

struct ShardResult {
  std::string sfnsim_version;
  SweepIdentity sweep;
  ShardSpec shard;
  std::vector<ShardRun> runs;  // in plan order
};

// The result as its file holds it (JSON, one-space indent, newline at the end); the same runs
// give the same bytes.
std::string FormatShardResult(const ShardResult& result);

// A result from its text. Anything else (not JSON, truncated, a member missing or of the wrong
// type, runs that are not exactly the shard's share of the sweep's plan) is an error naming
// `file` and, past the JSON syntax, the JSON pointer of the problem.
asl::Result<ShardResult, std::string> ParseShardResult(std::string_view text,
                                                       const std::string& file);
// ReadTextFile (at most kMaxShardResultBytes) and ParseShardResult.
asl::Result<ShardResult, std::string> ReadShardResult(const std::string& path);

// The sweep as the file writes it, and the JSON pointer (under /sweep) of the first place two
// sweeps differ; nullopt when they do not.
asl::Json SweepIdentityJson(const SweepIdentity& sweep);
std::optional<std::string> FirstDifference(const SweepIdentity& a, const SweepIdentity& b);

}  // namespace sim
