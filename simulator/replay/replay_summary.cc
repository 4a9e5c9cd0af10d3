#include "simulator/replay/replay_summary.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "asl/base/number_text.h"

namespace sim {

namespace {

// " (Map iteration PublishPage[3])" or "".
std::string InIteration(const std::string& lane) {
  return lane.empty() ? "" : fmt::format(", Map iteration {}", lane);
}

const char* EndingVerb(const std::string& status) {
  if (status == "SUCCEEDED") return "the execution succeeds";
  if (status == "FAILED") return "the execution fails";
  if (status == "TIMED_OUT") return "the execution times out";
  if (status == "ABORTED") return "the execution is aborted";
  return "the execution does not end (nothing left to happen)";
}

std::string ErrorOfEnding(const asl::Json& description) {
  if (!description.is_object() || !description.contains("error")) return "";
  std::string text = description["error"].get<std::string>();
  if (description.contains("cause")) {
    std::string cause = description["cause"].get<std::string>();
    if (cause.size() > 160) cause = cause.substr(0, 157) + "...";
    text += ": " + cause;
  }
  return text;
}

}  // namespace

std::string DescribeEnding(const asl::Json& events) {
  if (!events.is_array() || events.empty()) return "no events";
  const asl::Json& last = events.back();
  std::string type = last.value("type", "");
  std::string status = StatusOfEndEvent(type);
  if (status.empty()) {
    return fmt::format("RUNNING (last event {}: {})", asl::GroupDigits(last.value("id", int64_t{0})),
                       type);
  }
  std::string text = fmt::format("{} at event {}", status, asl::GroupDigits(last.value("id", int64_t{0})));
  for (auto it = last.begin(); it != last.end(); ++it) {
    if (!it.key().ends_with("EventDetails") || !it->is_object()) continue;
    if (it->contains("error")) {
      std::string cause = it->contains("cause") ? (*it)["cause"].is_string()
                                                      ? (*it)["cause"].get<std::string>()
                                                      : asl::Dump((*it)["cause"])
                                                : "";
      if (cause.size() > 160) cause = cause.substr(0, 157) + "...";
      text += fmt::format(" ({}{}{})", (*it)["error"].get<std::string>(), cause.empty() ? "" : ": ",
                          cause);
    }
  }
  return text;
}

std::vector<std::string> DescribeChanges(const RecordedOutcomes& outcomes,
                                         const ReplayReport& report) {
  std::vector<std::string> lines;
  // New calls per (state, lane): the first new visit number.
  std::map<std::pair<std::string, std::string>, int64_t> first_new;
  for (const UnrecordedCall& call : report.unrecorded) {
    auto key = std::make_pair(call.state_name, call.lane);
    if (!first_new.count(key)) first_new[key] = call.visit;
  }
  for (const auto& [key, visit] : first_new) {
    const auto* list = outcomes.ForLane(key.first, key.second);
    if (!list || list->empty() || static_cast<int64_t>(list->size()) != visit) continue;
    const RecordedOutcome& last = *list->back();
    if (last.kind == RecordedOutcome::Kind::kFailed || last.kind == RecordedOutcome::Kind::kTimedOut) {
      std::string what = last.kind == RecordedOutcome::Kind::kFailed
                             ? (last.error.has_name ? last.error.name : std::string("failure"))
                             : std::string("States.Timeout");
      lines.push_back(fmt::format("the {} at event {} (state \"{}\"{}) is now retried", what,
                                  asl::GroupDigits(last.end_event), key.first,
                                  InIteration(key.second)));
    }
  }
  std::string ending = EndingVerb(report.status);
  std::string error = ErrorOfEnding(report.description);
  if (!error.empty()) ending += fmt::format(" ({})", error);
  if (lines.empty()) {
    lines.push_back(ending);
  } else {
    lines.back() += " and " + ending;
  }
  return lines;
}

std::string FormatReplaySummary(const RecordedExecution& recorded,
                                const RecordedOutcomes& outcomes, const ReplayReport& report) {
  std::string out;
  for (const std::string& note : recorded.notes) out += fmt::format("note: {}\n", note);
  if (!report.setup_error.empty()) {
    out += fmt::format("replay could not run: {}\n", report.setup_error);
    return out;
  }
  out += fmt::format("recorded: {}\n", DescribeEnding(recorded.events));
  out += fmt::format("replayed: {}\n", DescribeEnding(report.events));
  if (report.identical()) {
    if (report.modulo_interleaving) {
      // Only with ReplayOptions::allow_interleaving: say plainly what does not match.
      out += fmt::format("same events, other order (allowed by --allow-interleaving): {} events "
                         "match in type and details, but concurrent lanes interleave "
                         "differently, so ids and previousEventIds differ\n",
                         asl::GroupDigits(static_cast<int64_t>(recorded.events.size())));
    } else {
      out += fmt::format("identical: {} events match in type, order, ids, previousEventIds and "
                         "details\n",
                         asl::GroupDigits(static_cast<int64_t>(recorded.events.size())));
    }
    if (!recorded.complete) out += "(the recording is unfinished: only its events are compared)\n";
    return out;
  }
  if (report.divergence) {
    const Divergence& d = *report.divergence;
    int64_t id = d.event_id != 0 ? d.event_id : static_cast<int64_t>(d.index) + 1;
    out += fmt::format("diverged at event {}", asl::GroupDigits(id));
    if (!report.diverged_state.empty()) {
      out += fmt::format(" (state \"{}\"{})", report.diverged_state,
                         InIteration(report.diverged_lane));
    }
    out += fmt::format(", at {}\n", d.where.empty() ? "/" : d.where);
    out += fmt::format("  expected: {}\n", d.expected);
    out += fmt::format("  actual:   {}\n", d.actual);
  } else {
    out += fmt::format("diverged: the events match but the status is {}, recorded {}\n",
                       report.status, report.recorded_status);
  }
  if (report.halted) {
    out += "the replay was stopped by --max-steps with the execution still running\n";
  }
  if (!report.unrecorded.empty()) {
    std::map<std::string, int64_t> by_state;
    for (const UnrecordedCall& call : report.unrecorded) ++by_state[call.state_name];
    std::vector<std::string> parts;
    for (const auto& [state, n] : by_state) parts.push_back(fmt::format("{} x{}", state, n));
    out += fmt::format("new calls (not in the recording): {}, {}: {}\n",
                       asl::GroupDigits(static_cast<int64_t>(report.unrecorded.size())),
                       report.unrecorded.front().served ? "served by the world"
                                                        : "failed (no --world to serve them)",
                       fmt::join(parts, ", "));
  }
  for (const std::string& line : DescribeChanges(outcomes, report)) {
    out += fmt::format("now: {}\n", line);
  }
  return out;
}

asl::Json ReplaySummaryJson(const RecordedExecution& recorded, const RecordedOutcomes& outcomes,
                            const ReplayReport& report) {
  asl::Json out = asl::Json::object();
  out["identical"] = report.identical();
  out["moduloInterleaving"] = report.modulo_interleaving;
  out["notes"] = recorded.notes;
  if (!report.setup_error.empty()) out["setupError"] = report.setup_error;
  out["recorded"] = {{"status", recorded.status},
                     {"events", recorded.events.size()},
                     {"ending", DescribeEnding(recorded.events)}};
  out["replayed"] = {{"status", report.status},
                     {"events", report.events.size()},
                     {"ending", DescribeEnding(report.events)}};
  if (report.divergence) {
    const Divergence& d = *report.divergence;
    out["divergence"] = {{"eventId", d.event_id},
                         {"index", d.index},
                         {"state", report.diverged_state},
                         {"mapIteration", report.diverged_lane},
                         {"where", d.where},
                         {"expected", d.expected},
                         {"actual", d.actual}};
  }
  asl::Json calls = asl::Json::array();
  for (const UnrecordedCall& call : report.unrecorded) {
    calls.push_back({{"state", call.state_name},
                     {"mapIteration", call.lane},
                     {"visit", call.visit + 1},
                     {"servedByWorld", call.served}});
  }
  out["newCalls"] = std::move(calls);
  out["changes"] = DescribeChanges(outcomes, report);
  return out;
}

}  // namespace sim
