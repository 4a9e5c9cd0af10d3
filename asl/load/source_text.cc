#include "asl/load/source_text.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "asl/base/utf8.h"
#include "asl/load/json_text.h"
#include "asl/load/yaml_to_json.h"

namespace asl {

namespace {

bool EndsWith(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = text[text.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

uint32_t DecodeUtf8(std::string_view text, size_t i, size_t length) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  if (length == 1) return byte(i);
  uint32_t code = byte(i) & (0xFF >> (length + 1));
  for (size_t k = 1; k < length; ++k) code = (code << 6) | (byte(i + k) & 0x3F);
  return code;
}

}  // namespace

namespace {

// What a file that is not a regular file is, for the message.
const char* FileKind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a file";
}

}  // namespace

Result<std::string, DiagnosticList> ReadTextFile(const std::string& path, uintmax_t max_bytes) {
  auto fail = [&](std::string message) {
    DiagnosticList list;
    list.Add(
        {DiagnosticCode::kUnreadableFile, Severity::kError, "", std::move(message), path, 0, 0});
    return Fail(std::move(list));
  };
  auto not_regular = [&](mode_t mode) {
    if (S_ISDIR(mode)) return fail("cannot read: it is a directory");
    return fail(fmt::format("not a regular file ({})", FileKind(mode)));
  };
  auto too_large = [&] { return fail(fmt::format("larger than {} bytes", max_bytes)); };
  // stat first, so that a device is never opened (opening one can have effects); then open
  // without blocking (a FIFO swapped in meanwhile cannot block the open) and check again what
  // was opened.
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return fail(fmt::format("cannot read: {}", std::strerror(errno)));
  }
  if (!S_ISREG(info.st_mode)) return not_regular(info.st_mode);
  if (static_cast<uintmax_t>(info.st_size) > max_bytes) return too_large();
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return fail(fmt::format("cannot read: {}", std::strerror(errno)));
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return not_regular(info.st_mode);
  }
  std::string text;
  text.reserve(static_cast<size_t>(info.st_size));
  char buffer[1 << 16];
  int read_errno = 0;
  bool over = false;
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      read_errno = errno;
      break;
    }
    if (n == 0) break;
    text.append(buffer, static_cast<size_t>(n));
    if (text.size() > max_bytes) {  // it grew since stat
      over = true;
      break;
    }
  }
  ::close(fd);
  if (over) return too_large();
  if (read_errno != 0) return fail(fmt::format("cannot read: {}", std::strerror(read_errno)));
  return text;
}

std::string ReadErrorText(const DiagnosticList& errors) {
  if (errors.empty()) return "cannot read";
  return FormatDiagnostic(errors.items().front(), SourceMap{});
}

Status<TextError> CheckText(std::string_view text) {
  auto starts = [&](std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; };
  if (starts("\xFF\xFE") || starts("\xFE\xFF")) {
    return Fail(TextError{1, 1, "",
                          fmt::format("UTF-16 text (byte-order mark {}); definitions must be "
                                      "UTF-8",
                                      starts("\xFF\xFE") ? "FF FE" : "FE FF")});
  }
  bool blank = true;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0) {
      auto [line, column] = LineColumn(text, i);
      return Fail(TextError{line, column, "", "binary data (a NUL byte), not JSON or YAML text"});
    }
    size_t length = Utf8SequenceLength(text, i);
    if (length == 0) {
      auto [line, column] = LineColumn(text, i);
      return Fail(TextError{line, column, "",
                            fmt::format("invalid UTF-8 (byte 0x{:02X}); definitions must be "
                                        "UTF-8 text",
                                        c)});
    }
    if (blank && !(c == ' ' || c == '\t' || c == '\n' || c == '\r') &&
        !(i == 0 && starts("\xEF\xBB\xBF"))) {
      blank = false;
    }
    i += length;
  }
  if (blank) return Fail(TextError{0, 0, "", "the document is empty"});
  return {};
}

std::pair<int, int> LineColumn(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  int column = 1;
  for (size_t i = line_start; i < offset; ++i) {
    // Count code points: continuation bytes do not start a column.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return {line, column};
}

TextSyntax GuessSyntax(std::string_view text, std::string_view file_name) {
  if (EndsWith(file_name, ".json")) return TextSyntax::kJson;
  if (EndsWith(file_name, ".yaml") || EndsWith(file_name, ".yml")) return TextSyntax::kYaml;
  size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (i < text.size() &&
         (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
    ++i;
  }
  if (i < text.size() && (text[i] == '{' || text[i] == '[')) return TextSyntax::kJson;
  return TextSyntax::kYaml;
}

Result<ParsedDocument, TextErrors> ParseText(std::string_view text, TextSyntax syntax) {
  if (auto checked = CheckText(text); !checked.ok()) return Fail(TextErrors{checked.error()});
  return syntax == TextSyntax::kJson ? ParseJson(text) : ParseYaml(text);
}

DiagnosticList TextErrorsIn(const TextErrors& errors, const std::string& file,
                            DiagnosticCode code) {
  DiagnosticList list;
  for (const TextError& error : errors) {
    list.Add(
        {code, Severity::kError, error.pointer, error.message, file, error.line, error.column});
  }
  return list;
}

std::string DescribeCharacterAt(std::string_view text, size_t offset) {
  if (offset >= text.size()) return "end of file";
  unsigned char c = static_cast<unsigned char>(text[offset]);
  if (c > 0x20 && c < 0x7F) return fmt::format("'{}'", static_cast<char>(c));
  if (c == ' ') return "a space";
  size_t length = Utf8SequenceLength(text, offset);
  uint32_t code = length == 0 ? c : DecodeUtf8(text, offset, length);
  return fmt::format("U+{:04X}", code);
}

bool KeySet::Insert(const std::string& key) {
  if (many_.empty()) {
    if (std::find(few_.begin(), few_.end(), key) != few_.end()) return false;
    if (few_.size() < kLinearLimit) {
      few_.push_back(key);
      return true;
    }
    many_.insert(std::make_move_iterator(few_.begin()), std::make_move_iterator(few_.end()));
    few_.clear();
  }
  return many_.insert(key).second;
}

const char* TypeWithArticle(const Json& value) {
  switch (value.type()) {
    case Json::value_t::array:
      return "an array";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::null:
      return "null";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    default:
      return "a number";
  }
}

std::string Quoted(std::string_view text) { return Dump(Json(std::string(text))); }

Result<DocumentFile, DiagnosticList> ReadDocumentFile(const std::string& path) {
  auto text = ReadTextFile(path);
  if (!text.ok()) return Fail(std::move(text.error()));
  auto parsed = ParseText(*text, GuessSyntax(*text, path));
  if (!parsed.ok()) return Fail(TextErrorsIn(parsed.error(), path));
  DocumentFile out;
  out.value = std::move(parsed->value);
  out.source.file = path;
  out.source.lines = std::move(parsed->lines);
  return out;
}

}  // namespace asl
