// Compact JSON text, as nlohmann's dump(-1, ' ', false, error_handler_t::replace) writes it.
//
// Why not just call dump: it runs every byte of every string through a UTF-8 decoder, and
// payloads are serialised all the time (a message body per SNS publish, every event of a kept
// or streamed history). Most strings are plain printable ASCII, which needs no escaping at all;
// those are copied as they are, and every other string, number and odd value still goes through
// nlohmann, so the text is the same byte for byte (tests/asl/json_dump_test.cc).

#include <fmt/format.h>

#include <iterator>
#include <vector>

#include "asl/base/json.h"

namespace asl {

namespace {

bool IsPlainAscii(const std::string& s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) return false;
  }
  return true;
}

void AppendString(const std::string& s, std::string& out) {
  if (IsPlainAscii(s)) {
    out += '"';
    out += s;
    out += '"';
    return;
  }
  out += Json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

namespace {

void AppendScalar(const Json& value, std::string& out) {
  switch (value.type()) {
    case Json::value_t::string: AppendString(value.get_ref<const std::string&>(), out); return;
    case Json::value_t::null: out += "null"; return;
    case Json::value_t::boolean: out += value.get<bool>() ? "true" : "false"; return;
    case Json::value_t::number_integer:
      fmt::format_to(std::back_inserter(out), "{}", value.get<int64_t>());
      return;
    case Json::value_t::number_unsigned:
      fmt::format_to(std::back_inserter(out), "{}", value.get<uint64_t>());
      return;
    default:  // floating point, binary, discarded: nlohmann's own text
      out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
      return;
  }
}

}  // namespace

// Containers are walked with an explicit stack (one frame per open container), not by
// recursion: a run-time value may be nested arbitrarily deep (a hostile input, or a loop that
// wraps its input once per iteration), and it is serialised for messages and histories.
void AppendDump(const Json& value, std::string& out) {
  if (!value.is_structured()) return AppendScalar(value, out);
  struct Frame {
    Json::const_iterator next, end;
    bool object;
    bool first;
  };
  std::vector<Frame> open;
  auto push = [&](const Json& container) {
    out += container.is_object() ? '{' : '[';
    open.push_back({container.cbegin(), container.cend(), container.is_object(), true});
  };
  push(value);
  while (!open.empty()) {
    Frame& frame = open.back();
    if (frame.next == frame.end) {
      out += frame.object ? '}' : ']';
      open.pop_back();
      continue;
    }
    if (!frame.first) out += ',';
    frame.first = false;
    if (frame.object) {
      AppendString(frame.next.key(), out);
      out += ':';
    }
    const Json& child = *frame.next;
    ++frame.next;  // before push(), which may move the frames
    if (child.is_structured()) {
      push(child);
    } else {
      AppendScalar(child, out);
    }
  }
}

std::string Dump(const Json& value) {
  std::string out;
  AppendDump(value, out);
  return out;
}

}  // namespace asl
