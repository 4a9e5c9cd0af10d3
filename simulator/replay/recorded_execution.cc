#include "simulator/replay/recorded_execution.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "asl/base/json_limits.h"
#include "asl/load/source_text.h"
#include "simulator/history/history_event.h"
#include "simulator/replay/python_style_json.h"
#include "simulator/replay/recorded_outcomes.h"

namespace sim {

namespace {

// "FILE:LINE: /pointer" (the line when the parser kept it).
std::string RecordedWhere(const asl::SourceMap& source, const std::string& pointer) {
  int line = source.LineOf(pointer);
  std::string where = line > 0 ? fmt::format("{}:{}", source.file, line) : source.file;
  return pointer.empty() ? where : fmt::format("{}: {}", where, pointer);
}

// One file's events, checked and in ascending order.
struct HistoryPage {
  const HistoryDocument* doc = nullptr;
  std::string pointer;  // of the events array ("/events" or "")
  std::vector<const asl::Json*> events;
  bool reversed = false;
  bool has_next_token = false;
  int64_t first() const { return (*events.front())["id"].get<int64_t>(); }
  int64_t last() const { return (*events.back())["id"].get<int64_t>(); }
};

asl::Result<HistoryPage, std::string> ReadHistoryPage(const HistoryDocument& doc) {
  HistoryPage page;
  page.doc = &doc;
  const asl::Json& v = doc.value;
  const asl::Json* events = nullptr;
  if (v.is_object() && v.contains("events")) {
    events = &v["events"];
    page.pointer = "/events";
    if (v.contains("NextToken") && !v["NextToken"].is_null()) page.has_next_token = true;
  } else if (v.is_array()) {
    events = &v;
  } else if (v.is_object() && v.contains("executionArn") && v.contains("status")) {
    return asl::Fail(fmt::format(
        "{}: this is `describe-execution` output, not a history: pass it with --execution",
        doc.source.file));
  }
  if (!events || !events->is_array()) {
    return asl::Fail(fmt::format(
        "{}: expected the output of `aws stepfunctions get-execution-history --output json`: an "
        "object with an \"events\" array (got {})",
        RecordedWhere(doc.source, page.pointer), v.is_object() ? "an object without \"events\""
                                                                : std::string(v.type_name())));
  }
  if (events->empty()) {
    return asl::Fail(fmt::format("{}: the history has no events", RecordedWhere(doc.source, page.pointer)));
  }
  for (size_t i = 0; i < events->size(); ++i) {
    const asl::Json& e = (*events)[i];
    std::string at = fmt::format("{}/{}", page.pointer, i);
    if (!e.is_object()) {
      return asl::Fail(fmt::format("{}: expected a history event (an object), got {}",
                                   RecordedWhere(doc.source, at), e.type_name()));
    }
    if (!e.contains("id") || !e["id"].is_number_integer() || e["id"].get<int64_t>() < 1) {
      return asl::Fail(fmt::format("{}: the event has no \"id\" (a positive integer)",
                                   RecordedWhere(doc.source, at)));
    }
    if (!e.contains("type") || !e["type"].is_string()) {
      return asl::Fail(fmt::format("{}: event {} has no \"type\" (a string)",
                                   RecordedWhere(doc.source, at), e["id"].get<int64_t>()));
    }
    if (!ParseEventType(e["type"].get<std::string>())) {
      return asl::Fail(fmt::format("{}: event {} has type \"{}\", which is not a Step Functions "
                                   "history event type",
                                   RecordedWhere(doc.source, at + "/type"),
                                   e["id"].get<int64_t>(), e["type"].get<std::string>()));
    }
    if (e.contains("previousEventId") && !e["previousEventId"].is_number_integer()) {
      return asl::Fail(fmt::format("{}: event {}: \"previousEventId\" must be an integer",
                                   RecordedWhere(doc.source, at + "/previousEventId"),
                                   e["id"].get<int64_t>()));
    }
    // Payloads are JSON text inside the history; one nested deeper than a run accepts would
    // overflow the stack when replayed (copied, compared), so it is refused here, located.
    for (auto member = e.begin(); member != e.end(); ++member) {
      if (!member.key().ends_with("EventDetails") || !member->is_object()) continue;
      for (auto field = member->begin(); field != member->end(); ++field) {
        if (!field->is_string()) continue;
        if (asl::JsonTextDepth(field->get_ref<const std::string&>()) <= asl::kMaxJsonDepth) {
          continue;
        }
        return asl::Fail(fmt::format(
            "{}: event {}: the recorded \"{}\" nests deeper than {} levels (sfnsim's limit for "
            "JSON in a run)",
            RecordedWhere(doc.source, at + "/" + member.key() + "/" + field.key()),
            e["id"].get<int64_t>(), field.key(), asl::kMaxJsonDepth));
      }
    }
    page.events.push_back(&e);
  }
  auto id_at = [&](size_t i) { return (*page.events[i])["id"].get<int64_t>(); };
  bool ascending = true, descending = true;
  for (size_t i = 1; i < page.events.size(); ++i) {
    ascending = ascending && id_at(i) > id_at(i - 1);
    descending = descending && id_at(i) < id_at(i - 1);
  }
  if (!ascending && descending) {
    std::reverse(page.events.begin(), page.events.end());
    page.reversed = true;
  } else if (!ascending) {
    for (size_t i = 1; i < page.events.size(); ++i) {
      if (id_at(i) > id_at(i - 1)) continue;
      return asl::Fail(fmt::format(
          "{}: event id {} follows {}: a page's events must be in ascending (or, with "
          "--reverse-order, descending) id order",
          RecordedWhere(doc.source, fmt::format("{}/{}", page.pointer, i)), id_at(i), id_at(i - 1)));
    }
  }
  for (size_t i = 1; i < page.events.size(); ++i) {
    if (id_at(i) == id_at(i - 1) + 1) continue;
    return asl::Fail(fmt::format("{}: event {} follows event {}: event{} {} missing (a truncated "
                                 "or edited file?)",
                                 doc.source.file, id_at(i), id_at(i - 1),
                                 id_at(i) - id_at(i - 1) > 2 ? "s" : "",
                                 id_at(i) - id_at(i - 1) > 2
                                     ? fmt::format("{}-{} are", id_at(i - 1) + 1, id_at(i) - 1)
                                     : fmt::format("{} is", id_at(i - 1) + 1)));
  }
  return page;
}

// "arn:PARTITION:states:REGION:ACCOUNT:execution:MACHINE:NAME" into `out`.
bool ReadExecutionArn(const std::string& arn, RecordedExecution& out) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (int i = 0; i < 7; ++i) {
    size_t colon = arn.find(':', start);
    if (colon == std::string::npos) return false;
    parts.push_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  parts.push_back(arn.substr(start));
  if (parts[0] != "arn" || parts[2] != "states" || parts[5] != "execution") return false;
  out.partition = parts[1];
  out.region = parts[3];
  out.account = parts[4];
  out.state_machine_name = parts[6];
  out.execution_name = parts[7];
  return true;
}

asl::Status<std::string> ApplyDescribe(const HistoryDocument& doc, RecordedExecution& out) {
  const asl::Json& v = doc.value;
  if (!v.is_object() || !v.contains("executionArn") || !v["executionArn"].is_string()) {
    return asl::Fail(fmt::format(
        "{}: expected `aws stepfunctions describe-execution` output: an object with "
        "\"executionArn\", \"input\", \"status\", \"startDate\"",
        doc.source.file));
  }
  if (!ReadExecutionArn(v["executionArn"].get<std::string>(), out)) {
    return asl::Fail(fmt::format("{}: \"executionArn\" \"{}\" is not an execution ARN "
                                 "(arn:PARTITION:states:REGION:ACCOUNT:execution:MACHINE:NAME)",
                                 RecordedWhere(doc.source, "/executionArn"),
                                 v["executionArn"].get<std::string>()));
  }
  if (v.contains("input")) {
    if (!v["input"].is_string()) {
      return asl::Fail(fmt::format("{}: \"input\" must be the input's JSON text",
                                   RecordedWhere(doc.source, "/input")));
    }
    std::string input = v["input"].get<std::string>();
    if (asl::JsonTextDepth(input) > asl::kMaxJsonDepth) {
      return asl::Fail(fmt::format("{}: the input nests deeper than {} levels (sfnsim's limit "
                                   "for JSON in a run)",
                                   RecordedWhere(doc.source, "/input"), asl::kMaxJsonDepth));
    }
    const asl::Json& started = out.events[0]["executionStartedEventDetails"];
    if (started.contains("input") && started["input"].is_string() &&
        !(started.contains("inputDetails") && started["inputDetails"].value("truncated", false)) &&
        started["input"].get<std::string>() != input) {
      return asl::Fail(fmt::format(
          "{}: this describes another execution: its input differs from the history's "
          "ExecutionStarted input (event 1)",
          RecordedWhere(doc.source, "/input")));
    }
    out.input_text = std::move(input);
  } else if (v.contains("inputDetails") && !v["inputDetails"].value("included", true)) {
    return asl::Fail(fmt::format("{}: the input is not included (inputDetails.included false)",
                                 doc.source.file));
  }
  if (v.contains("status") && v["status"].is_string() && out.complete &&
      v["status"].get<std::string>() != "RUNNING" && v["status"].get<std::string>() != out.status &&
      !(v["status"] == "PENDING_REDRIVE")) {
    return asl::Fail(fmt::format("{}: status {} but the history ends in {}: this describes "
                                 "another execution",
                                 RecordedWhere(doc.source, "/status"),
                                 v["status"].get<std::string>(), out.status));
  }
  return {};
}

// The corpus recorder replaced the activity ARN with "activity_arn"; run with a real one (the
// history matcher treats "activity_arn" as a placeholder).
void ReplaceCorpusActivityArn(asl::Json& v) {
  if (v.is_object()) {
    for (auto& [k, item] : v.items()) {
      if (k == "Resource" && item == "activity_arn") {
        item = "arn:aws:states:us-east-1:111111111111:activity:recorded-activity";
      } else {
        ReplaceCorpusActivityArn(item);
      }
    }
  } else if (v.is_array()) {
    for (asl::Json& item : v) ReplaceCorpusActivityArn(item);
  }
}

}  // namespace

std::string StatusOfEndEvent(const std::string& t) {
  if (t == "ExecutionSucceeded") return "SUCCEEDED";
  if (t == "ExecutionFailed") return "FAILED";
  if (t == "ExecutionTimedOut") return "TIMED_OUT";
  if (t == "ExecutionAborted") return "ABORTED";
  return "";
}

asl::Result<RecordedExecution, std::string> ReadRecordedExecution(
    const std::vector<HistoryDocument>& docs, const HistoryDocument* describe) {
  RecordedExecution out;
  if (docs.empty()) return asl::Fail(std::string("no history file given"));
  const HistoryDocument& first_doc = docs.front();
  bool corpus = first_doc.value.is_object() && first_doc.value.contains("definition") &&
                first_doc.value.contains("events");
  if (corpus && docs.size() > 1) {
    return asl::Fail(fmt::format("{}: a conformance corpus document holds a whole execution; "
                                 "give it alone", first_doc.source.file));
  }
  std::vector<HistoryPage> pages;
  for (const HistoryDocument& doc : docs) {
    auto page = ReadHistoryPage(doc);
    if (!page.ok()) return asl::Fail(page.error());
    if (page->reversed) {
      out.notes.push_back(fmt::format("{}: events in descending order (--reverse-order), read "
                                      "in reverse", doc.source.file));
    }
    pages.push_back(std::move(page.value()));
  }
  std::vector<HistoryPage> given = pages;
  std::stable_sort(pages.begin(), pages.end(),
                   [](const HistoryPage& a, const HistoryPage& b) { return a.first() < b.first(); });
  for (size_t i = 0; i < pages.size(); ++i) {
    if (pages[i].doc != given[i].doc) {
      out.notes.push_back("history pages given out of order: merged by event id");
      break;
    }
  }
  if (pages.front().first() != 1) {
    return asl::Fail(fmt::format("{}: the history starts at event {}: the first page (events "
                                 "1-{}) is missing",
                                 pages.front().doc->source.file, pages.front().first(),
                                 pages.front().first() - 1));
  }
  for (size_t i = 1; i < pages.size(); ++i) {
    const HistoryPage& a = pages[i - 1];
    const HistoryPage& b = pages[i];
    if (b.first() <= a.last()) {
      return asl::Fail(fmt::format("{} (events {}-{}) and {} (events {}-{}) both hold event {}: "
                                   "give each page once",
                                   a.doc->source.file, a.first(), a.last(), b.doc->source.file,
                                   b.first(), b.last(), b.first()));
    }
    if (b.first() > a.last() + 1) {
      return asl::Fail(fmt::format("events {}-{} are missing between {} (events {}-{}) and {} "
                                   "(events {}-{}): a page was not given",
                                   a.last() + 1, b.first() - 1, a.doc->source.file, a.first(),
                                   a.last(), b.doc->source.file, b.first(), b.last()));
    }
  }
  for (const HistoryPage& page : pages) {
    for (const asl::Json* e : page.events) out.events.push_back(*e);
  }
  const asl::Json& first = out.events.front();
  if (first["type"] != "ExecutionStarted" || !first.contains("executionStartedEventDetails")) {
    return asl::Fail(fmt::format("{}: event 1 is {}, expected ExecutionStarted with "
                                 "executionStartedEventDetails",
                                 pages.front().doc->source.file, first["type"].get<std::string>()));
  }
  const HistoryPage& last_page = pages.back();
  out.status = StatusOfEndEvent(out.events.back()["type"].get<std::string>());
  if (out.status.empty()) {
    if (last_page.has_next_token) {
      return asl::Fail(fmt::format("{}: the page ends at event {} with a NextToken: the history "
                                   "continues on pages not given (fetch them all: the AWS CLI "
                                   "does when --max-items is not set)",
                                   last_page.doc->source.file, last_page.last()));
    }
    out.complete = false;
    out.notes.push_back(fmt::format("the history ends at event {} ({}) without an "
                                    "execution-ending event: the execution was still running, or "
                                    "the last page is missing; only these events are compared",
                                    last_page.last(), out.events.back()["type"].get<std::string>()));
  }

  const asl::Json& details = first["executionStartedEventDetails"];
  out.role_arn = details.value("roleArn", "");
  EventTimes times = ReadEventTimes(out.events);
  if (!times.empty()) out.start_ms = times.begin()->second;
  if (corpus) {
    out.corpus = true;
    asl::Json definition = first_doc.value["definition"];
    ReplaceCorpusActivityArn(definition);
    out.definition = std::move(definition);
    out.input_text = PythonDumps(first_doc.value.value("input", asl::Json::object()));
    out.partition = "<partition>";
    out.region = "<region>";
    out.account = "111111111111";
    out.state_machine_name = "<ArnPart_0idx>";
    out.execution_name = "<ExecArnPart_0idx>";
    if (first_doc.value.contains("status") && first_doc.value["status"].is_string()) {
      out.status = first_doc.value["status"].get<std::string>();
    }
  } else if (details.contains("input")) {
    bool truncated = details.contains("inputDetails") &&
                     details["inputDetails"].value("truncated", false);
    if (!truncated) {
      out.input_text = details["input"].is_string() ? details["input"].get<std::string>()
                                                    : asl::Dump(details["input"]);
    } else if (!describe) {
      return asl::Fail(fmt::format("{}: event 1's input is truncated (inputDetails.truncated): "
                                   "pass `describe-execution` output with --execution for the "
                                   "whole input", pages.front().doc->source.file));
    }
    // An IAM role ARN names the partition and account the execution ran in.
    const std::string& role = out.role_arn;
    if (role.starts_with("arn:")) {
      size_t p_end = role.find(':', 4);
      size_t account_start = role.find(':', role.find(':', p_end + 1) + 1) + 1;
      size_t account_end = role.find(':', account_start);
      if (p_end != std::string::npos && account_end != std::string::npos) {
        out.partition = role.substr(4, p_end - 4);
        out.account = role.substr(account_start, account_end - account_start);
      }
    }
  }
  if (describe) {
    auto applied = ApplyDescribe(*describe, out);
    if (!applied.ok()) return asl::Fail(applied.error());
  }
  return out;
}

asl::Result<RecordedExecution, std::string> LoadRecordedExecution(
    const std::vector<std::string>& history_files, const std::string& describe_file) {
  auto read = [](const std::string& path) -> asl::Result<HistoryDocument, std::string> {
    auto file = asl::ReadDocumentFile(path);
    if (!file.ok()) {
      std::string message;
      asl::SourceMap source;
      source.file = path;
      for (const asl::Diagnostic& d : file.error().items()) {
        if (!message.empty()) message += "\n";
        message += asl::FormatDiagnostic(d, source);
      }
      return asl::Fail(std::move(message));
    }
    return HistoryDocument{std::move(file->value), std::move(file->source)};
  };
  std::vector<HistoryDocument> docs;
  for (const std::string& path : history_files) {
    auto doc = read(path);
    if (!doc.ok()) return asl::Fail(doc.error());
    docs.push_back(std::move(doc.value()));
  }
  std::optional<HistoryDocument> describe;
  if (!describe_file.empty()) {
    auto doc = read(describe_file);
    if (!doc.ok()) return asl::Fail(doc.error());
    describe = std::move(doc.value());
  }
  return ReadRecordedExecution(docs, describe ? &*describe : nullptr);
}

}  // namespace sim
