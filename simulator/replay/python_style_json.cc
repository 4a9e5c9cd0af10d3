#include "simulator/replay/python_style_json.h"

#include <fmt/format.h>

namespace sim {

namespace {
void DumpString(const std::string& s, std::string& out) {
  out += '"';
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      default: break;
    }
    if (c < 0x20) {
      out += fmt::format("\\u{:04x}", c);
    } else if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      // Decode UTF-8 and escape as Python does (surrogate pairs above the BMP).
      uint32_t cp = 0;
      int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
      cp = c & (0x3F >> extra);
      for (int k = 0; k < extra && i + 1 < s.size(); ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(s[++i]) & 0x3F);
      }
      if (cp >= 0x10000) {
        cp -= 0x10000;
        out += fmt::format("\\u{:04x}\\u{:04x}", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
      } else {
        out += fmt::format("\\u{:04x}", cp);
      }
    }
  }
  out += '"';
}

void Dump(const asl::Json& v, std::string& out) {
  switch (v.type()) {
    case asl::Json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) out += ", ";
        first = false;
        DumpString(it.key(), out);
        out += ": ";
        Dump(*it, out);
      }
      out += '}';
      return;
    }
    case asl::Json::value_t::array: {
      out += '[';
      for (size_t i = 0; i < v.size(); ++i) {
        if (i) out += ", ";
        Dump(v[i], out);
      }
      out += ']';
      return;
    }
    case asl::Json::value_t::string: DumpString(v.get<std::string>(), out); return;
    default: out += v.dump(); return;
  }
}
}  // namespace

std::string PythonDumps(const asl::Json& value) {
  std::string out;
  Dump(value, out);
  return out;
}

}  // namespace sim
