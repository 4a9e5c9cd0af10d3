#include "simulator/scenario/scenario_batch.h"

#include <fmt/format.h>

#include <atomic>
#include <cctype>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

namespace sim {

namespace {

// A per-run path when several runs share one flag: FILE.KEY.ext.
std::string PerRun(const std::string& path, const std::string& key, size_t count) {
  if (path.empty() || count == 1) return path;
  std::filesystem::path p(path);
  return (p.parent_path() / (p.stem().string() + "." + key + p.extension().string())).string();
}

}  // namespace

std::string FileNameComponent(const std::string& name) {
  std::string out;
  for (char c : name.substr(0, 100)) {
    bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    out += keep ? c : '_';
  }
  if (out.empty() || out[0] == '.') out.insert(out.begin(), '_');
  return out;
}

std::optional<std::string> BatchPlan::Add(std::shared_ptr<const Scenario> scenario) {
  const std::string base = FileNameComponent(scenario->name);
  std::string name = base;
  for (int n = 2; !names_.insert(name).second; ++n) name = fmt::format("{}-{}", base, n);
  for (const auto& seed : seeds_) {
    std::string key = seeds_.size() > 1 ? fmt::format("{}.seed{}", name, *seed) : name;
    runs_.push_back({scenario, seed, std::move(key), runs_.size()});
  }
  if (name != base) return name;
  return std::nullopt;
}

RunOptions OptionsFor(const BatchRun& run, const BatchOutputs& outputs) {
  RunOptions options;
  options.seed = run.seed;
  options.max_state_entries = outputs.max_state_entries;
  if (!outputs.history_dir.empty()) {
    options.history_dir = outputs.planned == 1
                              ? outputs.history_dir
                              : (std::filesystem::path(outputs.history_dir) / run.key).string();
  }
  options.log_path = PerRun(outputs.log_path, run.key, outputs.planned);
  options.trace = run.index < outputs.traced_runs;
  return options;
}

BatchVerdict RunVerdictOf(const ScenarioReport& report) {
  if (!report.setup_error.empty()) return BatchVerdict::kNotRun;
  return report.passed() ? BatchVerdict::kPassed : BatchVerdict::kFailed;
}

BatchVerdict VerdictOf(const std::vector<BatchVerdict>& runs) {
  BatchVerdict verdict = BatchVerdict::kPassed;
  for (BatchVerdict v : runs) {
    if (v == BatchVerdict::kNotRun) return v;
    if (v == BatchVerdict::kFailed) verdict = v;
  }
  return verdict;
}

BatchVerdict VerdictOf(const std::vector<ScenarioReport>& reports) {
  std::vector<BatchVerdict> runs;
  runs.reserve(reports.size());
  for (const ScenarioReport& r : reports) runs.push_back(RunVerdictOf(r));
  return VerdictOf(runs);
}

void RunBatch(const std::vector<BatchRun>& runs, int jobs, const BatchOutputs& outputs,
              const ProgressFactory& progress_for,
              const std::function<void(const BatchRun&, ScenarioReport)>& done) {
  if (jobs <= 1 || runs.size() <= 1) {
    for (const BatchRun& run : runs) {
      RunOptions options = OptionsFor(run, outputs);
      if (progress_for) options.progress = progress_for(run);
      done(run, RunScenario(*run.scenario, options));
    }
    return;
  }
  // Runs are independent simulations: N threads take the next one; reports are handed on in
  // run order as they become available.
  std::vector<std::optional<ScenarioReport>> finished(runs.size());
  std::mutex mutex;
  std::condition_variable ready;
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < runs.size(); i = next++) {
      ScenarioReport report = RunScenario(*runs[i].scenario, OptionsFor(runs[i], outputs));
      std::lock_guard lock(mutex);
      finished[i] = std::move(report);
      ready.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < jobs && static_cast<size_t>(t) < runs.size(); ++t) {
    threads.emplace_back(worker);
  }
  for (size_t i = 0; i < runs.size(); ++i) {
    ScenarioReport report;
    {
      std::unique_lock lock(mutex);
      ready.wait(lock, [&] { return finished[i].has_value(); });
      report = std::move(*finished[i]);
      finished[i].reset();
    }
    done(runs[i], std::move(report));
  }
  for (std::thread& thread : threads) thread.join();
}

}  // namespace sim
