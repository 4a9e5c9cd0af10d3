// Compact JSON text, as nlohmann's dump(-1, ' ', false, error_handler_t::replace) writes it.
//
// Why not just call dump: it runs every byte of every string through a UTF-8 decoder, and
// payloads are serialised all the time (a message body per SNS publish, every event of a kept
// or streamed history). Most strings are plain printable ASCII, which needs no escaping at all;
// those are copied as they are, and every other string, number and odd value still goes through
// nlohmann, so the text is the same byte for byte (tests/asl/json_dump_test.cc).

#include <fmt/format.h>

#include <iterator>

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

void AppendDump(const Json& value, std::string& out) {
  switch (value.type()) {
    case Json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out += ',';
        first = false;
        AppendString(it.key(), out);
        out += ':';
        AppendDump(it.value(), out);
      }
      out += '}';
      return;
    }
    case Json::value_t::array: {
      out += '[';
      bool first = true;
      for (const Json& item : value) {
        if (!first) out += ',';
        first = false;
        AppendDump(item, out);
      }
      out += ']';
      return;
    }
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

std::string Dump(const Json& value) {
  std::string out;
  AppendDump(value, out);
  return out;
}

}  // namespace asl
