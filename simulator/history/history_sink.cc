#include "simulator/history/history_sink.h"

#include <fmt/format.h>
#include <cerrno>

#include "simulator/history/history_json.h"

namespace sim {

void MemorySink::Append(const HistoryEventView& event) { events_.push_back(EventToJson(event)); }

asl::Json MemorySink::ToJson() const {
  asl::Json out = asl::Json::object();
  out["events"] = asl::Json(events_);
  return out;
}

StreamingSink::StreamingSink(const std::string& path, uint64_t max_bytes)
    : path_(path), max_bytes_(max_bytes) {
  file_ = std::fopen(path.c_str(), "wb");
  if (file_) failed_ = std::fputs("{\"events\": [", file_) < 0;
  NoteError();
}

std::string StreamingSink::problem() const {
  if (file_ == nullptr && !finished_) return fmt::format("{}: cannot open for writing", path_);
  if (failed_) return fmt::format("{}: write failed", path_);
  if (truncated_) {
    return fmt::format("{}: the history reached {} bytes, sfnsim's bound for one history file: "
                       "the file holds its first {} events, {} more were not written",
                       path_, max_bytes_, events_written_, events_dropped_);
  }
  return "";
}

StreamingSink::~StreamingSink() {
  Finish();
  if (file_) std::fclose(file_);
}

void StreamingSink::Append(const HistoryEventView& event) {
  if (!file_ || finished_) return;
  if (truncated_) {
    ++events_dropped_;
    return;
  }
  line_.assign(first_ ? "\n" : ",\n");
  AppendEventJson(event, line_);
  if (written_ + line_.size() > max_bytes_) {
    truncated_ = true;
    ++events_dropped_;
    return;
  }
  first_ = false;
  written_ += line_.size();
  ++events_written_;
  failed_ |= std::fwrite(line_.data(), 1, line_.size(), file_) != line_.size();
  NoteError();
}

void StreamingSink::Finish() {
  if (!file_ || finished_) return;
  finished_ = true;
  failed_ |= std::fputs("\n]}\n", file_) < 0;
  failed_ |= std::fflush(file_) != 0;
  NoteError();
}

void StreamingSink::NoteError() {
  // Right after the call that failed, errno says why (for "sfnsim: cannot write … : reason").
  if (error_ == 0 && (file_ == nullptr || failed_)) error_ = errno != 0 ? errno : EIO;
}

}  // namespace sim
