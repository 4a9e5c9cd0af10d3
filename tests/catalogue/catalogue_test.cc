// The bad-input catalogue: every case of tests/catalogue/cases/*.yaml runs the built sfnsim in a
// scratch directory of its own, under a timeout (a hang fails), an address-space limit (unbounded
// growth fails) and a file-size limit, and must exit with its code, print no sanitizer report,
// and say in standard error which file and where (a line or a JSON pointer).
//
// known_failing.txt lists the cases today's sfnsim fails (each with the issue-16 defect that
// fixes it): they are reported as skipped, and a listed case that passes fails the test, so the
// list shrinks as the fixes land and never hides a regression.

#include <fnmatch.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "tests/catalogue/catalogue_case.h"
#include "tests/catalogue/child_run.h"

#if defined(__SANITIZE_ADDRESS__)
#define SFNSIM_CATALOGUE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SFNSIM_CATALOGUE_ASAN 1
#endif
#endif

namespace sfnsim_catalogue {
namespace {

namespace fs = std::filesystem;

const std::string kCatalogueDir = std::string(SFNSIM_SOURCE_DIR) + "/tests/catalogue";

const Catalogue& TheCatalogue() {
  static const Catalogue catalogue = LoadCatalogue(kCatalogueDir + "/cases");
  return catalogue;
}

const std::map<std::string, std::string>& KnownFailing(std::string* error = nullptr) {
  static std::string load_error;
  static const std::map<std::string, std::string> names =
      LoadKnownFailing(kCatalogueDir + "/known_failing.txt", &load_error);
  if (error != nullptr) *error = load_error;
  return names;
}

// Sanitizer builds run several times slower, and a Debug build a little; a case's timeout is
// written for a Release build. SFNSIM_CATALOGUE_TIMEOUT_SCALE overrides (a coverage build).
double TimeoutScale() {
  if (const char* scale = std::getenv("SFNSIM_CATALOGUE_TIMEOUT_SCALE")) return std::atof(scale);
  double scale = 1;
#ifndef NDEBUG
  scale *= 2;
#endif
#ifdef SFNSIM_CATALOGUE_ASAN
  scale *= 3;
#endif
  return scale;
}

// A case known to fail gets its timeout unscaled: it is expected to fail anyway, and a hang
// would otherwise cost a sanitizer build several times its timeout on every run.
ChildLimits LimitsFor(const CatalogueCase& c, bool known_failing) {
  ChildLimits limits;
  limits.timeout_seconds = c.timeout_seconds * (known_failing ? 1 : TimeoutScale());
  limits.file_size_bytes = int64_t{256} << 20;
#ifdef SFNSIM_CATALOGUE_ASAN
  limits.rss_limit_mb = c.memory_mb * 2;  // shadow memory and quarantine on top
#else
  limits.memory_bytes = c.memory_mb << 20;
#endif
  return limits;
}

std::string ReadAtMost(const std::string& path, size_t limit) {
  std::ifstream in(path, std::ios::binary);
  std::string text(limit, '\0');
  in.read(text.data(), static_cast<std::streamsize>(limit));
  text.resize(static_cast<size_t>(in.gcount()));
  return text;
}

std::string Expand(std::string arg, const std::string& work) {
  for (auto [from, to] : {std::pair<std::string, std::string>{"{dir}", work},
                          {"{source}", SFNSIM_SOURCE_DIR}}) {
    for (size_t at = arg.find(from); at != std::string::npos; at = arg.find(from, at)) {
      arg.replace(at, from.size(), to);
      at += to.size();
    }
  }
  return arg;
}

bool Matches(const std::string& text, const std::string& pattern) {
  // std::regex backtracks recursively: search only the start of a long output.
  std::string head = text.substr(0, 64 * 1024);
  return std::regex_search(head, std::regex(pattern, std::regex::ECMAScript |
                                                         std::regex::multiline));
}

std::string Excerpt(const std::string& text) {
  constexpr size_t kMax = 2000;
  return text.size() <= kMax ? text : text.substr(0, kMax) + "\n[... " +
                                          std::to_string(text.size() - kMax) + " more bytes]";
}

// Paths under `root` (relative to it) that match one of `patterns`.
std::vector<std::string> FilesMatching(const fs::path& root,
                                       const std::vector<std::string>& patterns) {
  std::vector<std::string> found;
  if (patterns.empty()) return found;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    std::string relative = fs::relative(it->path(), root, ec).string();
    for (const std::string& pattern : patterns) {
      if (fnmatch(pattern.c_str(), relative.c_str(), 0) == 0) found.push_back(relative);
    }
  }
  return found;
}

// Messages are for a terminal: UTF-8 without control characters other than newline and tab (a
// raw escape sequence from a cause, or bytes of an uninitialized string, fail this).
// Only the first 64 KiB are checked; a sequence cut at that boundary is not an error.
bool IsPrintableText(const std::string& whole) {
  constexpr size_t kChecked = 64 * 1024;
  const std::string text = whole.substr(0, kChecked);
  const bool cut = whole.size() > kChecked;
  size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if ((byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7F) return false;
      ++i;
      continue;
    }
    size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0;
    if (length == 0 || byte > 0xF4) return false;
    if (i + length > text.size()) return cut;
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

// Runs the case and returns what is wrong with the outcome (empty: it passed).
std::vector<std::string> RunCase(const CatalogueCase& c, bool known_failing,
                                 std::string* transcript) {
  fs::path root = fs::temp_directory_path() /
                  ("sfnsim_catalogue_" + std::to_string(getpid()) + "_" + c.name);
  fs::remove_all(root);
  fs::path work = root / "work";
  fs::create_directories(work);
  fs::create_directories(root / "out");
  std::vector<std::string> problems;
  std::string setup = MaterializeFiles(c, work.string(), SFNSIM_SOURCE_DIR);
  if (!setup.empty()) return {"cannot set the case up: " + setup};

  ChildRun run;
  run.argv.push_back(SFNSIM_BINARY);
  for (const std::string& arg : c.args) run.argv.push_back(Expand(arg, work.string()));
  run.working_directory = work.string();
  if (c.stdin_text) {
    run.stdin_path = (root / "out" / "stdin").string();
    std::ofstream(run.stdin_path, std::ios::binary) << *c.stdin_text;
  }
  run.stdout_path = c.stdout_to.empty() ? (root / "out" / "stdout").string() : c.stdout_to;
  run.stderr_path = (root / "out" / "stderr").string();
  ChildLimits limits = LimitsFor(c, known_failing);
  ChildOutcome outcome = RunChild(run, limits);

  std::string out = c.stdout_to.empty() ? ReadAtMost(run.stdout_path, 4 << 20) : "";
  std::string err = ReadAtMost(run.stderr_path, 4 << 20);
  std::vector<std::string> unexpected_files = FilesMatching(work, c.absent);
  fs::remove_all(root);

  std::ostringstream command;
  command << "sfnsim";
  for (const std::string& arg : c.args) command << " " << arg;
  if (!c.stdout_to.empty()) command << " >" << c.stdout_to;
  *transcript = "case " + c.name + " (" + c.source + "): " + c.about + "\n$ " + command.str() +
                "\nexit " + std::to_string(outcome.exit_code) + ", signal " +
                std::to_string(outcome.signal) + ", " + std::to_string(outcome.seconds) +
                " s\n--- stderr\n" + Excerpt(err) + "--- stdout\n" + Excerpt(out);

  if (!outcome.error.empty()) problems.push_back(outcome.error);
  if (outcome.timed_out) {
    problems.push_back("hang: killed after " + std::to_string(limits.timeout_seconds) + " s");
  } else if (outcome.signal != 0) {
    problems.push_back("killed by signal " + std::to_string(outcome.signal) + " (" +
                       strsignal(outcome.signal) + ")");
  } else if (outcome.exit_code != c.exit_code) {
    problems.push_back("exit code " + std::to_string(outcome.exit_code) + ", expected " +
                       std::to_string(c.exit_code));
  }
  for (const char* report : {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                             "terminate called", "std::bad_alloc"}) {
    if (err.find(report) != std::string::npos) {
      problems.push_back(std::string("standard error reports a crash: ") + report);
    }
  }
  if (!c.message_regex.empty() && !Matches(err, c.message_regex) &&
      !Matches(out, c.message_regex)) {
    problems.push_back("no message matches /" + c.message_regex + "/");
  }
  for (const auto& [stream, text] : {std::pair<const char*, const std::string*>{"error", &err},
                                     {"output", &out}}) {
    if (!IsPrintableText(*text)) {
      problems.push_back(std::string("standard ") + stream + " is not printable UTF-8 text (raw "
                         "control characters or bytes: issue 16 #11)");
    }
  }
  if (!c.unwanted_regex.empty() &&
      (Matches(err, c.unwanted_regex) || Matches(out, c.unwanted_regex))) {
    problems.push_back("a message matches /" + c.unwanted_regex + "/, which it must not");
  }
  for (const std::string& path : unexpected_files) {
    problems.push_back("wrote " + path + ", which must not exist");
  }
  if (!c.stdout_regex.empty() && !Matches(out, c.stdout_regex)) {
    problems.push_back("standard output does not match /" + c.stdout_regex + "/");
  }
  return problems;
}

class CatalogueTest : public testing::TestWithParam<CatalogueCase> {};

}  // namespace

// GoogleTest names a failing case by this instead of dumping its bytes.
void PrintTo(const CatalogueCase& c, std::ostream* os) { *os << c.name << " (" << c.source << ")"; }

namespace {

TEST_P(CatalogueTest, Case) {
  const CatalogueCase& c = GetParam();
  auto known = KnownFailing().find(c.name);
  std::string transcript;
  std::vector<std::string> problems = RunCase(c, known != KnownFailing().end(), &transcript);
  std::string summary;
  for (const std::string& p : problems) summary += "\n  - " + p;
  if (known != KnownFailing().end()) {
    if (problems.empty()) {
      FAIL() << "listed in tests/catalogue/known_failing.txt but passes: remove it from the "
                "list\n" << transcript;
    }
    GTEST_SKIP() << "known failing (" << known->second << "):" << summary;
  }
  EXPECT_TRUE(problems.empty()) << summary << "\n" << transcript;
}

INSTANTIATE_TEST_SUITE_P(Catalogue, CatalogueTest, testing::ValuesIn(TheCatalogue().cases),
                         [](const testing::TestParamInfo<CatalogueCase>& param) {
                           return param.param.name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CatalogueTest);

TEST(CatalogueFiles, LoadCleanly) { EXPECT_EQ(TheCatalogue().error, ""); }

TEST(CatalogueFiles, KnownFailingListsOnlyCases) {
  std::string error;
  const auto& known = KnownFailing(&error);
  EXPECT_EQ(error, "");
  std::set<std::string> names;
  for (const CatalogueCase& c : TheCatalogue().cases) names.insert(c.name);
  for (const auto& [name, why] : known) {
    EXPECT_TRUE(names.count(name)) << "known_failing.txt lists " << name << ", not a case";
  }
}

// Issue 16: at least 150 cases, across every command.
TEST(CatalogueFiles, CoversEveryCommand) {
  const auto& cases = TheCatalogue().cases;
  EXPECT_GE(cases.size(), 150u);
  for (const char* command : {"validate", "graph", "execute", "run", "budget", "lint", "deploy",
                              "export", "balance", "replay", "calibrate"}) {
    bool found = std::any_of(cases.begin(), cases.end(), [&](const CatalogueCase& c) {
      return !c.args.empty() && c.args[0] == command;
    });
    EXPECT_TRUE(found) << "no case runs sfnsim " << command;
  }
}

}  // namespace
}  // namespace sfnsim_catalogue
