#pragma once
// The bad-input catalogue's cases (tests/catalogue/cases/*.yaml): what each case writes into its
// scratch directory, the sfnsim command line it runs there, and what must come out.
//
// A case file is a YAML list of cases:
//
//   - name: validate_truncated_json      # unique; letters, digits and '_'
//     about: a definition cut off mid-object (issue 16 #10)
//     files:
//       sm.json: '{"StartAt": "A", "States": {'     # text
//       utf16.json: {hex: "fffe7b00"}               # bytes
//       deep.json: {parts: [{text: "[", times: 100000}, {text: "]", times: 100000}]}
//       chain.json: {parts: [{text: '"S{n}": {"Type": "Pass", "Next": "S{next}"},', times: 9}]}
//       pipe: {fifo: true}
//       sub: {directory: true}
//       loop: {symlink: loop}                       # a link to its own name
//       executor.json: {copy: fixtures/definitions/executor.asl.json}   # from the source tree
//     args: [validate, sm.json]          # run in the scratch directory
//     stdin: text for standard input     # default /dev/null
//     stdout_to: /dev/full               # default: a file the case can match
//     exit: 2
//     message: 'sm\.json:1:\d+: '        # ECMAScript regex searched in standard error, then
//                                        # in standard output (validate and lint print there)
//     stdout: '...'                      # optional, searched in standard output only
//     unwanted: 'not a template'         # optional: no message may match this
//     absent: ['escaped*']               # no path under the scratch directory may match these
//                                        # (fnmatch patterns): output written where it must not be
//     timeout: 10                        # seconds before the case counts as a hang
//     memory_mb: 1024                    # address-space limit
//
// In `parts`, "{n}" is the repetition's index (0-based) and "{next}" the index plus one.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sfnsim_catalogue {

// `unit` written `times` times; "{n}" and "{next}" in it are numbered when it is written.
struct FilePart {
  std::string unit;
  int64_t times = 1;
};

struct CaseFile {
  enum class Kind { kBytes, kFifo, kDirectory, kSymlink, kCopy };
  Kind kind = Kind::kBytes;
  // kBytes: the parts in order, expanded only when the file is written (a case's megabytes are
  // not built when the catalogue is listed).
  std::vector<FilePart> parts;
  std::string target;  // kSymlink: where it points; kCopy: source-tree path
};

struct CatalogueCase {
  std::string name;
  std::string about;
  std::string source;  // "cases/validate.yaml:12", for messages
  std::map<std::string, CaseFile> files;
  std::vector<std::string> args;
  std::optional<std::string> stdin_text;
  std::string stdout_to;
  int exit_code = 0;
  std::string message_regex;
  std::string stdout_regex;
  std::string unwanted_regex;
  std::vector<std::string> absent;
  double timeout_seconds = 10;
  int64_t memory_mb = 1024;
};

// Every case of every cases/*.yaml under `directory`, in file then document order. A file that
// cannot be read or a malformed case is a fatal error for the whole catalogue: the message says
// which file, line and key.
struct Catalogue {
  std::vector<CatalogueCase> cases;
  std::string error;  // empty when every file loaded
};
Catalogue LoadCatalogue(const std::string& directory);

// Names listed in known_failing.txt (one per line; '#' starts a comment), each with its reason:
// its own comment, or the comment line heading its group (groups end at a blank line).
std::map<std::string, std::string> LoadKnownFailing(const std::string& path, std::string* error);

// Writes the case's files into `directory` (which exists and is empty); "" or why not.
std::string MaterializeFiles(const CatalogueCase& c, const std::string& directory,
                             const std::string& source_dir);

}  // namespace sfnsim_catalogue
