// The picture-string cases of the JSONata reference suite (shared/conformance/jsonata, groups
// function-formatNumber, -formatInteger, -parseInteger, -formatBase, -fromMillis, -tomillis) run
// straight against asl/jsonata_pictures. Only cases whose expression is one call with literal
// arguments can run without the JSONata core; the rest are counted as skipped with the reason.
// The test fails when a case that runs gives another result, or when a case listed in
// kKnownFailures starts passing.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "asl/jsonata_pictures/format_base.h"
#include "asl/jsonata_pictures/format_datetime.h"
#include "asl/jsonata_pictures/format_integer.h"
#include "asl/jsonata_pictures/format_number.h"
#include "asl/jsonata_pictures/parse_datetime.h"

namespace asl::jsonata_pictures {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kGroups = fs::path(SFNSIM_SHARED_DIR) / "conformance" / "jsonata" / "groups";

// Cases whose expected result this library does not give yet, each with its reason.
const std::map<std::string, std::string> kKnownFailures = {};

// One argument: undefined (monostate), a number, a string or an object of strings.
using Argument = std::variant<std::monostate, double, std::string, DecimalFormatOptions>;

struct Call {
  std::string function;
  std::vector<Argument> arguments;
};

// A tiny reader for `$name(literal, ...)`: enough for the cases, not a JSONata parser.
class CallReader {
 public:
  CallReader(const std::string& text, const json& data) : text_(text), data_(data) {}

  std::optional<Call> Read(std::string& why) {
    Call call;
    SkipSpace();
    if (!Eat('$')) return Fail(why, "not a function call");
    while (pos_ < text_.size() && std::isalnum(static_cast<unsigned char>(text_[pos_]))) {
      call.function += text_[pos_++];
    }
    if (!Eat('(')) return Fail(why, "not a function call");
    SkipSpace();
    if (!Eat(')')) {
      do {
        std::optional<Argument> argument = ReadArgument();
        if (!argument) return Fail(why, "an argument is not a literal");
        call.arguments.push_back(*argument);
      } while (Eat(','));
      if (!Eat(')')) return Fail(why, "an argument is not a literal");
    }
    SkipSpace();
    if (pos_ != text_.size()) return Fail(why, "more than one call");
    return call;
  }

 private:
  std::optional<Call> Fail(std::string& why, const char* reason) {
    why = reason;
    return std::nullopt;
  }
  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool Eat(char c) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  std::optional<std::string> ReadString() {
    SkipSpace();
    if (pos_ >= text_.size() || (text_[pos_] != '"' && text_[pos_] != '\'')) return std::nullopt;
    char quote = text_[pos_++];
    std::string body;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      if (text_[pos_] == '\\') body += text_[pos_++];
      if (pos_ < text_.size()) body += text_[pos_++];
    }
    if (pos_ >= text_.size()) return std::nullopt;
    ++pos_;
    // JSONata's escapes are JSON's; a single-quoted string may hold a bare double quote.
    std::string escaped;
    for (size_t i = 0; i < body.size(); ++i) {
      if (body[i] == '"' && (i == 0 || body[i - 1] != '\\')) escaped += '\\';
      escaped += body[i];
    }
    json parsed = json::parse("\"" + escaped + "\"", nullptr, false);
    if (!parsed.is_string()) return std::nullopt;
    return parsed.get<std::string>();
  }
  std::optional<Argument> ReadArgument() {
    SkipSpace();
    if (pos_ >= text_.size()) return std::nullopt;
    char c = text_[pos_];
    std::optional<Argument> result;
    if (c == '"' || c == '\'') {
      std::optional<std::string> s = ReadString();
      if (s) result = *s;
    } else if (c == '{') {
      ++pos_;
      DecimalFormatOptions options;
      do {
        std::optional<std::string> key = ReadString();
        if (!key || !Eat(':')) return std::nullopt;
        std::optional<std::string> value = ReadString();
        if (!value) return std::nullopt;
        options[*key] = *value;
      } while (Eat(','));
      if (!Eat('}')) return std::nullopt;
      result = options;
    } else if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
      size_t start = pos_;
      ++pos_;
      while (pos_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[pos_])) ||
                                     std::strchr(".eE+-", text_[pos_]) != nullptr)) {
        ++pos_;
      }
      json number = json::parse(text_.substr(start, pos_ - start), nullptr, false);
      if (number.is_number()) result = number.get<double>();
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      std::string name;
      while (pos_ < text_.size() &&
             (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
        name += text_[pos_++];
      }
      // A name is a path into the input: a field of it, or undefined.
      if (data_.is_object() && data_.contains(name)) {
        const json& field = data_[name];
        if (field.is_number()) {
          result = field.get<double>();
        } else if (field.is_string()) {
          result = field.get<std::string>();
        } else {
          return std::nullopt;
        }
      } else {
        result = std::monostate{};
      }
    }
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != ')') return std::nullopt;
    return result;
  }

  const std::string& text_;
  const json& data_;
  size_t pos_ = 0;
};

// What a call gave: undefined, a string, a number, or an error code.
struct Outcome {
  std::variant<std::monostate, std::string, double> value;
  std::string error_code;
};

template <typename T>
std::optional<T> As(const std::vector<Argument>& args, size_t i) {
  if (i >= args.size() || !std::holds_alternative<T>(args[i])) return std::nullopt;
  return std::get<T>(args[i]);
}

// nullopt: a call this library cannot answer alone (type errors are the core's).
std::optional<Outcome> RunCall(const Call& call, std::string& why) {
  const auto& args = call.arguments;
  Outcome out;
  if (!args.empty() && std::holds_alternative<std::monostate>(args[0])) return out;  // undefined
  auto take = [&](const auto& result) {
    if (!result.ok()) out.error_code = result.error().code;
    return result.ok();
  };
  if (call.function == "formatNumber" && As<double>(args, 0) && As<std::string>(args, 1)) {
    auto result = FormatNumber(*As<double>(args, 0), *As<std::string>(args, 1),
                               As<DecimalFormatOptions>(args, 2).value_or(DecimalFormatOptions{}));
    if (take(result)) out.value = result.value();
    return out;
  }
  if (call.function == "formatInteger" && As<double>(args, 0) && As<std::string>(args, 1)) {
    auto result = FormatInteger(*As<double>(args, 0), *As<std::string>(args, 1));
    if (take(result)) out.value = result.value();
    return out;
  }
  if (call.function == "parseInteger" && As<std::string>(args, 0) && As<std::string>(args, 1)) {
    auto result = ParseInteger(*As<std::string>(args, 0), *As<std::string>(args, 1));
    if (take(result) && result.value()) out.value = *result.value();
    return out;
  }
  if (call.function == "formatBase" && As<double>(args, 0)) {
    auto result = FormatBase(*As<double>(args, 0), As<double>(args, 1));
    if (take(result)) out.value = result.value();
    return out;
  }
  if (call.function == "fromMillis" && As<double>(args, 0) && args.size() <= 3) {
    auto result = FromMillis(*As<double>(args, 0), As<std::string>(args, 1),
                             As<std::string>(args, 2));
    if (take(result)) out.value = result.value();
    return out;
  }
  if (call.function == "toMillis" && As<std::string>(args, 0) && args.size() <= 2 &&
      (args.size() < 2 || As<std::string>(args, 1))) {
    // No literal case depends on the current time; a fixed one keeps the run deterministic.
    auto result = ToMillis(*As<std::string>(args, 0), As<std::string>(args, 1), 1.7e12);
    if (take(result) && result.value()) out.value = *result.value();
    return out;
  }
  why = "the arguments are not of the function's types, for the core to reject";
  return std::nullopt;
}

std::string Describe(const Outcome& outcome) {
  if (!outcome.error_code.empty()) return "error " + outcome.error_code;
  if (auto* s = std::get_if<std::string>(&outcome.value)) return json(*s).dump();
  if (auto* d = std::get_if<double>(&outcome.value)) return json(*d).dump();
  return "undefined";
}

bool Matches(const json& expected, const Outcome& outcome) {
  if (expected.contains("code")) return outcome.error_code == expected["code"];
  if (!outcome.error_code.empty()) return false;
  if (expected.value("undefinedResult", false)) {
    return std::holds_alternative<std::monostate>(outcome.value);
  }
  const json& result = expected["result"];
  if (result.is_string()) {
    auto* s = std::get_if<std::string>(&outcome.value);
    return s != nullptr && *s == result.get<std::string>();
  }
  if (result.is_number()) {
    auto* d = std::get_if<double>(&outcome.value);
    return d != nullptr && *d == result.get<double>();
  }
  return false;
}

TEST(JsonataPicturesConformance, LiteralCallsGiveTheReferenceResults) {
  if (!fs::exists(kGroups)) GTEST_SKIP() << "no conformance suite at " << kGroups;
  const char* groups[] = {"function-formatNumber", "function-formatInteger",
                          "function-parseInteger", "function-formatBase",
                          "function-fromMillis",   "function-tomillis"};
  int passed = 0, failed = 0, skipped = 0;
  std::map<std::string, int> skip_reasons;
  std::set<std::string> seen_known;
  for (const char* group : groups) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(kGroups / group)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      std::ifstream in(file);
      json content = json::parse(in);
      json cases = content.is_array() ? content : json::array({content});
      for (size_t i = 0; i < cases.size(); ++i) {
        const json& c = cases[i];
        std::string id = std::string(group) + "/" + file.filename().string() +
                         (content.is_array() ? "#" + std::to_string(i) : "");
        std::string why;
        json data = c.contains("data") ? c["data"] : json();
        std::optional<Call> call = CallReader(c.value("expr", ""), data).Read(why);
        std::optional<Outcome> outcome = call ? RunCall(*call, why) : std::nullopt;
        if (!outcome) {
          ++skipped;
          ++skip_reasons[std::string(group) + ": " + why];
          continue;
        }
        bool ok = Matches(c, *outcome);
        auto known = kKnownFailures.find(id);
        if (known != kKnownFailures.end()) {
          seen_known.insert(id);
          EXPECT_FALSE(ok) << id << " is listed as failing (" << known->second
                           << ") but passes: take it off the list";
          ok ? ++passed : ++failed;
          continue;
        }
        EXPECT_TRUE(ok) << id << ": " << c["expr"].get<std::string>() << "\n  expected "
                        << (c.contains("code")     ? "error " + c["code"].get<std::string>()
                            : c.contains("result") ? c["result"].dump()
                                                   : std::string("undefined"))
                        << ", got " << Describe(*outcome);
        ok ? ++passed : ++failed;
      }
    }
  }
  for (const auto& [id, reason] : kKnownFailures) {
    EXPECT_TRUE(seen_known.count(id)) << "listed case " << id << " did not run";
  }
  std::cout << "picture conformance: " << passed << " passed, " << failed << " failed, "
            << skipped << " skipped\n";
  for (const auto& [reason, count] : skip_reasons) {
    std::cout << "  skipped " << count << " (" << reason << ")\n";
  }
}

}  // namespace
}  // namespace asl::jsonata_pictures
