#include "simulator/scenario/scenario_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <unordered_map>

#include "asl/analysis/state_graph.h"
#include "asl/base/timestamp.h"
#include "simulator/clock/sim_time.h"
#include "simulator/engine/execution.h"
#include "simulator/engine/simulation.h"
#include "simulator/faults/fault_injector.h"
#include "simulator/harness/environment.h"
#include "simulator/history/history_sink.h"
#include "simulator/quotas/account_quotas.h"
#include "simulator/replay/recorded_execution.h"
#include "simulator/replay/recorded_outcomes.h"
#include "simulator/scenario/expectations.h"
#include "simulator/scenario/publish_tally.h"
#include "simulator/scenario/run_trace.h"
#include "simulator/services/athena/athena_model.h"
#include "simulator/services/s3/s3_service.h"
#include "simulator/services/sns/sns_model.h"
#include "simulator/services/states/sfn_service.h"
#include "simulator/world/world.h"

namespace sim {

namespace {

// Published prices, us-east-1 (https://aws.amazon.com/step-functions/pricing/,
// https://aws.amazon.com/sns/pricing/): free tiers are left out. Express duration is billed per
// GB-second at the first tier's price, each execution rounded up to 100 ms, at the smallest
// memory step (64 MB; sfnsim does not model an execution's memory).
constexpr double kUsdPerStandardTransition = 0.025 / 1000;
constexpr double kUsdPerExpressRequest = 1.00 / 1'000'000;
constexpr double kUsdPerExpressGbSecond = 0.00001667;
constexpr double kExpressBilledGb = 64.0 / 1024.0;
constexpr double kUsdPerSnsRequest = 0.50 / 1'000'000;

RowCheck CheckRows(const RowsExpectation& check, World& world, const PublishTally& tally) {
  RowCheck rows;
  if (world.athena() == nullptr) {
    rows.error = "the scenario declares no athena tables to query";
  } else if (auto expected = world.athena()->SelectColumn(check.sql); !expected.ok()) {
    rows.error = fmt::format("the query failed: {}", expected.error());
  } else {
    rows = CompareKeys(std::move(expected.value()), tally.keys());
    if (tally.keyless() > 0) {
      rows.error = fmt::format("{} messages have no \"{}\" in their body", tally.keyless(),
                               check.key);
    }
  }
  rows.description = check.sql;
  return rows;
}

// A history file closed as soon as its execution ends, not when the run does: a backfill starts
// thousands of executions, more than a process may hold files open (often 1,024).
class ClosingFileSink final : public HistorySink {
 public:
  explicit ClosingFileSink(const std::string& path)
      : file_(std::make_unique<StreamingSink>(path)) {}
  bool ok() const { return file_ ? file_->ok() : problem_.empty(); }
  std::string problem() const { return file_ ? file_->problem() : problem_; }
  void Append(const HistoryEventView& event) override {
    if (file_) file_->Append(event);
  }
  void Finish() override {
    if (!file_) return;
    file_->Finish();
    problem_ = file_->problem();
    file_.reset();
  }

 private:
  std::unique_ptr<StreamingSink> file_;
  std::string problem_;
};

std::string SafeFileName(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
  }
  return out;
}

void WriteLog(const std::string& path, const ScenarioReport& report, World& world, SimTime start,
              std::string* error) {
  std::FILE* out = std::fopen(path.c_str(), "w");
  if (out == nullptr) {
    *error = fmt::format("cannot write {} (--log): {}", path, std::strerror(errno));
    return;
  }
  // Execution starts and ends, and every message, merged by virtual time (stable).
  struct Line {
    int64_t time;
    std::string text;
  };
  std::vector<Line> lines;
  std::unordered_map<std::string, const ExecutionRecord*> by_arn;
  for (const ExecutionRecord& e : report.executions) {
    by_arn[e.arn] = &e;
    asl::Json started = {{"time", FormatIso8601Millis(start + Duration{e.start_ms})},
                         {"event", "ExecutionStarted"}, {"execution", e.arn},
                         {"bucket", e.bucket}};
    if (!e.parent_arn.empty()) started["parent"] = e.parent_arn;
    lines.push_back({e.start_ms, started.dump()});
    if (e.stop_ms < 0) continue;
    asl::Json ended = {{"time", FormatIso8601Millis(start + Duration{e.stop_ms})},
                       {"event", "ExecutionEnded"}, {"execution", e.arn}, {"status", e.status},
                       {"bucket", e.bucket}, {"historyEvents", e.history_events}};
    if (!e.error.empty()) ended["error"] = e.error;
    lines.push_back({e.stop_ms, ended.dump()});
  }
  for (const asl::Json& run : report.map_runs) {
    if (!run.contains("stopDate")) continue;
    auto stop = asl::ParseRfc3339(run["stopDate"].get<std::string>());
    int64_t t = stop ? stop->UnixMillis() - start.ms : 0;
    asl::Json line = {{"time", run["stopDate"]}, {"event", "MapRunEnded"}, {"mapRun", run}};
    lines.push_back({t, line.dump()});
  }
  for (const SnsMessage& m : world.sns().messages()) {
    int64_t t = (m.time - start).ms;
    asl::Json line = {{"time", FormatIso8601Millis(m.time)},
                      {"event", m.duplicate ? "MessageDeduplicated" : "MessagePublished"},
                      {"correlationId", m.correlation_id}, {"topic", m.topic_arn},
                      {"messageId", m.message_id}, {"execution", m.execution_arn},
                      {"state", m.state_name}};
    if (auto it = by_arn.find(m.execution_arn); it != by_arn.end()) {
      line["bucket"] = it->second->bucket;
    }
    lines.push_back({t, line.dump()});
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const Line& a, const Line& b) { return a.time < b.time; });
  int failure = 0;  // the errno of the first write that failed
  for (const Line& line : lines) {
    if (std::fputs(line.text.c_str(), out) < 0 || std::fputc('\n', out) == EOF) {
      failure = errno;
      break;
    }
  }
  if (std::fflush(out) != 0 && failure == 0) failure = errno;
  if (std::fclose(out) != 0 && failure == 0) failure = errno;
  if (failure != 0) {
    *error = fmt::format("cannot write {} (--log): {}", path, std::strerror(failure));
  }
}

}  // namespace

ScenarioReport RunScenario(const Scenario& scenario, const RunOptions& options) {
  ScenarioReport report;
  report.scenario = scenario.name;
  report.file = scenario.file;

  // The world, with the command line's seed winning over the file's (Environment::Create).
  EnvironmentOptions env_options;
  env_options.world = scenario.world;
  env_options.seed = options.seed;
  env_options.max_state_entries = options.max_state_entries;
  // start.replay: the recorded task outcomes go to the starting execution before the world's
  // services, and the run starts when the recorded one did (docs/replay.md).
  if (!scenario.start.replay_history.empty()) {
    auto recorded = LoadRecordedExecution({scenario.start.replay_history}, "");
    if (!recorded.ok()) {
      report.setup_error = "start.replay: " + recorded.error();
      return report;
    }
    auto outcomes = RecordedOutcomes::FromEvents(recorded->events);
    if (!outcomes.ok()) {
      report.setup_error = fmt::format("start.replay: {}: {}", scenario.start.replay_history,
                                       outcomes.error());
      return report;
    }
    if (recorded->start_ms) env_options.start_time = SimTime{*recorded->start_ms};
    auto kept = std::make_shared<const RecordedOutcomes>(std::move(outcomes.value()));
    auto backend = std::make_unique<RecordedBackend>(*kept);
    backend->set_fall_through(true);
    env_options.front_backends.push_back(std::move(backend));
    env_options.retained.push_back(std::move(kept));
  }
  const SimulationConfig settings = Environment::SettingsFor(env_options);
  report.seed = settings.seed;
  report.start_time = FormatIso8601Millis(settings.start_time);

  // Histories streamed to files, one per execution, when asked; the sinks outlive the
  // environment that writes to them.
  std::vector<std::unique_ptr<ClosingFileSink>> sinks;
  auto make_sink = [&](const ExecutionSpec& spec) -> HistorySink* {
    if (options.history_dir.empty()) return nullptr;
    std::string file = (std::filesystem::path(options.history_dir) /
                        (SafeFileName(spec.state_machine_name + "." + spec.name) + ".json"))
                           .string();
    auto sink = std::make_unique<ClosingFileSink>(file);
    if (!sink->ok()) {
      if (report.setup_error.empty()) {
        report.setup_error = fmt::format("--history-dir: cannot write {}", file);
      }
      return nullptr;
    }
    sinks.push_back(std::move(sink));
    return sinks.back().get();
  };
  if (!options.history_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.history_dir, ec);
    if (ec) {
      report.setup_error = fmt::format("--history-dir {}: {}", options.history_dir, ec.message());
      report.output_error = fmt::format("cannot write {} (--history-dir): {}", options.history_dir,
                                        ec.message());
      return report;
    }
  }
  // With a trace, every execution's events also go through the trace's recorder (made once the
  // simulation exists; children start only after it).
  std::shared_ptr<RunTrace> trace = options.trace ? std::make_shared<RunTrace>() : nullptr;
  std::unique_ptr<TraceRecorder> recorder;
  auto sink_for = [&](const ExecutionSpec& spec) -> HistorySink* {
    HistorySink* inner = make_sink(spec);
    return recorder ? recorder->SinkFor(spec, inner) : inner;
  };
  env_options.child_sinks = sink_for;

  auto created = Environment::Create(std::move(env_options));
  if (!created.ok()) {
    report.setup_error = created.error();
    return report;
  }
  Environment& env = **created;
  Simulation& simulation = env.simulation();
  World& world = *env.world();
  const StateMachineDecl* start_machine = nullptr;
  for (const StateMachineDecl& decl : scenario.world.state_machines) {
    if (decl.name == scenario.start.state_machine) start_machine = &decl;
  }
  if (start_machine == nullptr) {
    report.setup_error = fmt::format("no state machine \"{}\"", scenario.start.state_machine);
    return report;
  }

  // LoadScenario refuses these with the field's location; a scenario built in code meets the
  // same StartExecution rules here.
  if (auto refused = CheckStartExecution(scenario.start.execution_name,
                                         scenario.start.input_text)) {
    report.setup_error = fmt::format("start: StartExecution refuses it: {}: {}", refused->code,
                                     refused->message);
    return report;
  }
  ExecutionSpec spec;
  spec.machine = start_machine->machine;
  spec.state_machine_name = start_machine->name;
  spec.name = scenario.start.execution_name;
  spec.input_text = scenario.start.input_text;
  spec.express = start_machine->express;
  if (spec.name.empty()) spec.name = simulation.NewUuid();
  const SimTime start = simulation.now();
  if (trace) {
    recorder = std::make_unique<TraceRecorder>(trace.get(), simulation, start.ms,
                                               RunTrace::Key(spec.state_machine_name, spec.name));
    simulation.AddObserver(recorder.get());
    if (scenario.expect.min_history_margin) {
      trace->history_margin = *scenario.expect.min_history_margin;
    }
    const BucketQuota& quota = world.quotas().config().state_transitions;
    if (quota.enabled) {
      trace->transition_quota_per_second = quota.refill_per_second;
      trace->transition_quota_burst = quota.capacity;
    }
    for (const StateMachineDecl& decl : scenario.world.state_machines) {
      if (decl.machine) {
        trace->graphs_json[decl.name] = asl::StateGraph::Build(*decl.machine).ToJsonText();
      }
    }
  }
  spec.sink = sink_for(spec);
  // The report's delivery figures are tallied as each service accepts a record (the
  // DeliveryObserver); the log of whole SNS messages is kept only for --log.
  PublishTally tally(start, scenario.expect.rows ? &*scenario.expect.rows : nullptr);
  env.AddDeliveryObserver(&tally);
  world.sns().set_keep_log(!options.log_path.empty());
  env.Start(std::move(spec));

  // Run in slices of virtual time so progress can be shown; the order of events is the same
  // as one Run().
  auto progress = [&] {
    if (!options.progress) return;
    RunProgress p;
    p.virtual_ms = (simulation.now() - start).ms;
    p.published = static_cast<int64_t>(world.sns().accepted());
    for (const auto& e : simulation.executions()) {
      ++p.started;
      if (!e->ended()) ++p.running;
    }
    options.progress(p);
  };
  const int64_t step = std::max<int64_t>(options.progress_every_ms, 1);
  while (!simulation.idle() && !simulation.halted()) {
    if (options.progress) {
      simulation.RunUntil(simulation.now() + Duration{step});
      progress();
    } else {
      simulation.Run();
    }
  }
  report.halted = simulation.halted();
  report.halt_reason = simulation.halt_reason();
  progress();
  if (recorder) {
    recorder->Finish();
    report.trace = trace;
  }

  // Executions, with the bucket each works for.
  std::unordered_map<uint64_t, size_t> index_by_id;
  std::unordered_map<std::string, uint32_t> bucket_index;
  std::unordered_map<std::string, uint32_t> bucket_by_arn;
  const uint64_t root_id = simulation.executions().front()->id();
  for (const auto& e : simulation.executions()) {
    ExecutionRecord r;
    r.state_machine = e->spec().state_machine_name;
    r.name = e->name();
    r.arn = e->arn();
    r.status = StatusName(e->status());
    if (e->ended() && e->status() != ExecutionStatus::kSucceeded) {
      r.error = e->error().name;
      r.cause = e->error().cause;
    }
    r.history_events = e->history().count();
    r.express = e->spec().express;
    r.state_transitions = e->state_transitions();
    r.start_ms = (e->start_time() - start).ms;
    r.stop_ms = e->ended() ? (e->stop_time() - start).ms : -1;
    const uint64_t parent = e->spec().parent_execution;
    if (auto it = index_by_id.find(parent); it != index_by_id.end()) {
      const ExecutionRecord& p = report.executions[it->second];
      r.parent_arn = p.arn;
      if (parent == root_id) {
        // A Distributed Map's children are one bucket, the Map Run, unless the scenario picks
        // a label out of their inputs.
        r.bucket = e->spec().map_run_arn.empty() ? r.name : r.state_machine;
        if (!scenario.report.bucket_pointer.empty()) {
          try {
            asl::Json::json_pointer pointer(scenario.report.bucket_pointer);
            if (e->input().contains(pointer)) {
              const asl::Json& v = e->input().at(pointer);
              r.bucket = v.is_string() ? v.get<std::string>() : v.dump();
            }
          } catch (const asl::Json::exception&) {
          }
        }
      } else {
        r.bucket = p.bucket;
      }
    }
    if (!bucket_index.contains(r.bucket)) {
      bucket_index[r.bucket] = static_cast<uint32_t>(report.buckets.size());
      report.buckets.push_back(r.bucket);
    }
    bucket_by_arn[r.arn] = bucket_index[r.bucket];
    index_by_id[e->id()] = report.executions.size();
    for (asl::Json& run : e->DescribeMapRuns()) report.map_runs.push_back(std::move(run));
    if (e->spec().express) {
      ++report.cost.express_requests;
      if (e->ended()) {
        int64_t billed_ms = ((e->stop_time() - e->start_time()).ms + 99) / 100 * 100;
        report.cost.express_gb_seconds += static_cast<double>(billed_ms) / 1000 * kExpressBilledGb;
      }
    } else {
      report.cost.standard_transitions += r.state_transitions;
    }
    report.executions.push_back(std::move(r));
  }
  int64_t last_stop = 0;
  for (const ExecutionRecord& r : report.executions) last_stop = std::max(last_stop, r.stop_ms);
  report.duration_ms = last_stop;

  // Messages.
  for (const auto& [destination, count] : tally.per_destination()) {
    report.messages_per_topic[destination] = count;
  }
  std::vector<uint32_t> bucket_of_publisher;
  bucket_of_publisher.reserve(tally.executions().size());
  for (const std::string& arn : tally.executions()) {
    auto it = bucket_by_arn.find(arn);
    bucket_of_publisher.push_back(it == bucket_by_arn.end() ? 0 : it->second);
  }
  report.published.reserve(tally.published().size());
  for (const PublishTally::Publish& p : tally.published()) {
    report.published.push_back({p.time_ms, bucket_of_publisher[p.execution]});
  }
  report.cost.sns_requests += tally.DeliveredBy("sns");
  const std::unordered_map<std::string, int64_t> published_by_execution = tally.PerExecution();
  for (ExecutionRecord& r : report.executions) {
    if (auto it = published_by_execution.find(r.arn); it != published_by_execution.end()) {
      r.published = it->second;
    }
  }
  if (scenario.expect.rows) {
    report.rows = CheckRows(*scenario.expect.rows, world, tally);
  }

  // Faults and cost.
  if (const FaultInjectingBackend* faults = world.faults()) {
    for (const InjectedFault& f : faults->injected()) {
      ++report.faults_injected;
      if (!f.handled || f.handling == FailureHandling::kUnhandled) ++report.faults_unhandled;
      else if (f.handling == FailureHandling::kRetried) ++report.faults_retried;
      else ++report.faults_caught;
    }
  }
  report.world_summary = world.Summary();
  if (AthenaModel* athena = world.athena()) {
    AthenaBilling billing = athena->TotalBilling(simulation.now());
    report.cost.athena_billed_bytes = billing.billed_bytes;
    report.cost.athena_usd = billing.cost_usd;
  }
  if (const S3Service* s3 = world.s3()) {
    S3Usage usage = s3->usage();
    report.cost.has_s3 = true;
    report.cost.s3_requests = usage.write_requests + usage.read_requests;
    report.cost.s3_usd = usage.requests_usd() + usage.storage_usd();
  }
  report.cost.step_functions_usd =
      static_cast<double>(report.cost.standard_transitions) * kUsdPerStandardTransition +
      static_cast<double>(report.cost.express_requests) * kUsdPerExpressRequest +
      report.cost.express_gb_seconds * kUsdPerExpressGbSecond;
  report.cost.sns_usd = static_cast<double>(report.cost.sns_requests) * kUsdPerSnsRequest;

  if (!options.log_path.empty()) {
    std::string error;
    WriteLog(options.log_path, report, world, start, &error);
    if (!error.empty()) report.output_error = error;
  }
  for (auto& sink : sinks) {
    if (!sink->ok() && report.setup_error.empty()) {
      report.setup_error = "--history-dir: " + sink->problem();
    }
  }
  report.expectations = EvaluateExpectations(scenario, report);
  return report;
}

}  // namespace sim
