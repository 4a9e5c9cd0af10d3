#include "tools/sfnsim/output.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sfnsim_cli {

namespace {

// The first errno a write to stdout failed with (0: none failed).
int stdout_error = 0;

// The length of the UTF-8 sequence starting at text[i] and its code point; 0 when the bytes
// there are not well-formed UTF-8 (overlong forms, surrogates and values past U+10FFFF
// included).
size_t Utf8Sequence(std::string_view text, size_t i, char32_t* code_point) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  size_t length = lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF5 ? 4 : 0;
  if (length == 0 || i + length > text.size()) return 0;
  char32_t value = lead & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    value = (value << 6) | (byte(i + k) & 0x3F);
  }
  if ((length == 3 && (value < 0x800 || (value >= 0xD800 && value <= 0xDFFF))) ||
      (length == 4 && (value < 0x10000 || value > 0x10FFFF))) {
    return 0;
  }
  *code_point = value;
  return length;
}

void Write(std::FILE* stream, std::string_view text) {
  if (text.empty()) return;
  if (std::fwrite(text.data(), 1, text.size(), stream) != text.size() && stream == stdout &&
      stdout_error == 0) {
    stdout_error = errno != 0 ? errno : EIO;
  }
}

}  // namespace

std::string EscapeControl(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
        out += fmt::format("\\x{:02x}", c);
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    char32_t code_point = 0;
    size_t length = Utf8Sequence(text, i, &code_point);
    if (length == 0) {
      out += fmt::format("\\x{:02x}", c);
      ++i;
    } else if (code_point <= 0x9F) {
      out += fmt::format("\\u{:04x}", static_cast<uint32_t>(code_point));
      i += length;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::string EscapeJsonForTerminal(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (size_t i = 0; i < json.size(); ++i) {
    auto c = static_cast<unsigned char>(json[i]);
    auto next = i + 1 < json.size() ? static_cast<unsigned char>(json[i + 1]) : 0;
    if (c == 0x7F) {
      out += "\\u007f";
    } else if (c == 0xC2 && next >= 0x80 && next <= 0x9F) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(next));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

void WriteStdout(std::string_view text) { Write(stdout, text); }

void WriteStderr(std::string_view text) { Write(stderr, text); }

void OutJson(std::string_view json) {
  WriteStdout(EscapeJsonForTerminal(json));
  WriteStdout("\n");
}

void FlushStdout() {
  errno = 0;
  if (std::fflush(stdout) != 0) NoteStdoutFailure(errno);
}

void NoteStdoutFailure(int error) {
  if (stdout_error == 0) stdout_error = error != 0 ? error : EIO;
}

bool FinishStandardOutput() {
  FlushStdout();
  if (std::ferror(stdout) && stdout_error == 0) stdout_error = EIO;  // the reason is unknown
  if (stdout_error == 0) return true;
  PrintCannotWrite("standard output", std::strerror(stdout_error));
  return false;
}

void PrintCannotWrite(std::string_view what, std::string_view reason) {
  WriteStderr(EscapeControl(fmt::format("sfnsim: cannot write {}: {}\n", what, reason)));
}

bool WriteOutputFile(const std::string& path, std::string_view text, std::string_view what) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    PrintCannotWrite(what, std::strerror(errno));
    return false;
  }
  const char* data = text.data();
  size_t left = text.size();
  while (left > 0) {
    ssize_t n = write(fd, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int error = n < 0 ? errno : EIO;
      close(fd);
      PrintCannotWrite(what, std::strerror(error));
      return false;
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
  if (close(fd) != 0) {
    PrintCannotWrite(what, std::strerror(errno));
    return false;
  }
  return true;
}

}  // namespace sfnsim_cli
