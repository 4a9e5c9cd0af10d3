#pragma once
// The text of a definition file, before it is JSON: reading it, refusing what is not UTF-8 text,
// and the parsed form every parser of asl/load produces (a value plus the line of each pointer).

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "asl/base/diagnostic.h"
#include "asl/base/json.h"
#include "asl/base/result.h"

namespace asl {

// A document parsed from text, with the 1-based line where each JSON pointer's value (for an
// object member: its key) is written.
struct ParsedDocument {
  Json value;
  std::unordered_map<std::string, int> lines;
};

// A problem found in a text, located inside that text (1-based; 0 = unknown). The caller turns
// it into a Diagnostic, because only it knows where the text itself lives (a file, or a string
// inside a template).
struct TextError {
  int line = 0;
  int column = 0;
  std::string pointer;  // JSON pointer of the value involved, when there is one
  std::string message;
};
using TextErrors = std::vector<TextError>;

enum class TextSyntax { kJson, kYaml };

// The largest file ReadTextFile reads unless told otherwise: 64 MiB, far above any definition
// AWS accepts (1 MiB), a template it accepts (1 MB from S3), an execution input (256 KiB) or a
// history's pages; only a guard against reading something that is not such a file at all.
inline constexpr uintmax_t kMaxTextFileBytes = uintmax_t{64} << 20;

// Reads a whole file: the one reader of every file a user names (definitions, templates, worlds,
// scenarios, inputs, CSV tables, mock configs, histories), so that each refuses the same things
// with the same words. Only a regular file is read: a FIFO, a device (/dev/zero) or a directory
// is refused before it is read ("not a regular file (a FIFO)"), and so is a file larger than
// `max_bytes` ("larger than N bytes"). Errors are kUnreadableFile diagnostics naming the file.
Result<std::string, DiagnosticList> ReadTextFile(const std::string& path,
                                                 uintmax_t max_bytes = kMaxTextFileBytes);

// The message of ReadTextFile's error, prefixed with the file: "FILE: not a regular file (a
// FIFO)". For readers that report errors as text.
std::string ReadErrorText(const DiagnosticList& errors);

// Refuses text that is not something sfnsim can parse: empty (or only whitespace), binary (NUL
// bytes), UTF-16/32, or not valid UTF-8. A UTF-8 byte-order mark is accepted (and skipped by the
// parsers).
Status<TextError> CheckText(std::string_view text);

// 1-based line and column (in code points) of a byte offset of `text`.
std::pair<int, int> LineColumn(std::string_view text, size_t offset);

// JSON for a `.json` name, YAML for `.yaml`/`.yml`; otherwise JSON when the first significant
// character opens a JSON object or array, YAML else.
TextSyntax GuessSyntax(std::string_view text, std::string_view file_name);

// CheckText, then the parser of `syntax`.
Result<ParsedDocument, TextErrors> ParseText(std::string_view text, TextSyntax syntax);

// A JSON or YAML file read and parsed, with the line of each pointer for its diagnostics.
struct DocumentFile {
  Json value;
  SourceMap source;  // file and lines
};
// ReadTextFile, GuessSyntax and ParseText; errors located in `path`.
Result<DocumentFile, DiagnosticList> ReadDocumentFile(const std::string& path);

// Turns text errors into diagnostics located in `file`.
DiagnosticList TextErrorsIn(const TextErrors& errors, const std::string& file,
                            DiagnosticCode code = DiagnosticCode::kSyntaxError);

// "'x'", "U+000A" or "end of file": how messages show the character at `offset`.
std::string DescribeCharacterAt(std::string_view text, size_t offset);

// Tells new keys of one object from repeated ones. A linear scan while the object is small, a
// hash set once it is not (an ordered_json object is a vector: its own find is linear).
class KeySet {
 public:
  // True if `key` was not seen before (and records it).
  bool Insert(const std::string& key);

 private:
  static constexpr size_t kLinearLimit = 16;
  std::vector<std::string> few_;
  std::unordered_set<std::string> many_;
};

// Appends a member whose key the caller knows to be new. OPTIMIZATION: ordered_json's own
// insertion searches the object linearly, which makes loading a 20,000-state definition
// quadratic.
inline void AppendNewMember(Json* object, std::string key, Json value) {
  auto& members = object->get_ref<Json::object_t&>();
  members.Json::object_t::Container::emplace_back(std::move(key), std::move(value));
}

// "an array", "a string", "null", ...: a value's JSON type for a sentence.
const char* TypeWithArticle(const Json& value);

// Compact JSON text of a string value ("\"a\\nb\""), as used inside messages.
std::string Quoted(std::string_view text);

}  // namespace asl
