#pragma once
// A batch of scenario runs, as `sfnsim run` makes one: every scenario once per seed, each run
// with its own output names, run on one thread or several, with the reports handed back in the
// order of the runs (so the output is the same for any number of threads).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "simulator/scenario/scenario.h"
#include "simulator/scenario/scenario_run.h"

namespace sim {

// One scenario run: a scenario, and the seed that overrides its own (if any).
struct BatchRun {
  std::shared_ptr<const Scenario> scenario;
  std::optional<uint64_t> seed;
  std::string key;  // names its per-run histories and log when there are several runs
  size_t index = 0;  // in the plan
};

class BatchPlan {
 public:
  // {nullopt}: each scenario with its own seed.
  explicit BatchPlan(std::vector<std::optional<uint64_t>> seeds) : seeds_(std::move(seeds)) {}

  // Adds a run per seed. Two scenarios of one name would write the same outputs: the later ones
  // get -2, -3, … in the order given; returns the name used when it had to be changed.
  std::optional<std::string> Add(std::shared_ptr<const Scenario> scenario);
  const std::vector<BatchRun>& runs() const { return runs_; }

 private:
  std::vector<std::optional<uint64_t>> seeds_;
  std::vector<BatchRun> runs_;
  std::set<std::string> names_;
};

// Where a batch's outputs go; with more than one run (`planned` > 1) each run gets its own
// history directory (DIR/KEY) and log (FILE.KEY.ext).
struct BatchOutputs {
  std::string history_dir;
  std::string log_path;
  uint64_t max_state_entries = 1'000'000'000;
  size_t planned = 1;
  // RunOptions::trace for the first `traced_runs` runs (a report's details; a sweep's other
  // runs are summarised from their reports alone, which keeps a long sweep's memory flat).
  size_t traced_runs = 0;
};
RunOptions OptionsFor(const BatchRun& run, const BatchOutputs& outputs);

// A run's progress callback (see RunOptions::progress), made for each run.
using ProgressFactory = std::function<std::function<void(const RunProgress&)>(const BatchRun&)>;

// Runs them all, `jobs` at once (each its own simulation on its own thread); `done` gets each
// report in the order of the runs, on the calling thread. With one job the runs happen on the
// calling thread and `progress_for` (optional) gives each run's progress callback.
void RunBatch(const std::vector<BatchRun>& runs, int jobs, const BatchOutputs& outputs,
              const ProgressFactory& progress_for,
              const std::function<void(const BatchRun&, ScenarioReport)>& done);

// A batch's outcome: a run could not happen (its world or outputs failed to set up), else an
// expectation does not hold (or a run was halted), else every one passed.
enum class BatchVerdict { kPassed, kFailed, kNotRun };
BatchVerdict VerdictOf(const std::vector<ScenarioReport>& reports);
// The same rule in two steps, for a sweep whose reports are in several processes' results
// (`sfnsim merge`): each run's own verdict, then the batch's from them (not run wins over
// failed, failed over passed).
BatchVerdict RunVerdictOf(const ScenarioReport& report);
BatchVerdict VerdictOf(const std::vector<BatchVerdict>& runs);

// `name` as one file-name component: letters, digits, '-', '_' and '.' kept, anything else
// (a '/', a space, a control character) as '_'; never "", "." or "..", never starting with '.',
// at most 100 bytes. Scenario names come from the files, so they must not pick where outputs
// go (`name: ../../x` or `/etc/x`).
std::string FileNameComponent(const std::string& name);

}  // namespace sim
