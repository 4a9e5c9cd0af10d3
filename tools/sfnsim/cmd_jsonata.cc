// sfnsim jsonata EXPRESSION: evaluate a JSONata expression with Step Functions' function set
// (the local JSONata playground).

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <iostream>
#include <memory>

#include "asl/base/timestamp.h"
#include "asl/playground/jsonata_query.h"
#include "tools/sfnsim/commands.h"
#include "tools/sfnsim/number_flags.h"
#include "tools/sfnsim/output.h"

namespace sfnsim_cli {

namespace {

struct JsonataArgs {
  asl::JsonataQuery query;
  std::string format = "text";
  std::string now;   // RFC 3339 or milliseconds since the epoch; empty: the wall clock
  std::string seed = "0";
};

// --now as milliseconds since the epoch: an RFC 3339 timestamp or a (possibly negative) integer.
std::optional<int64_t> ParseNow(const std::string& text) {
  if (auto instant = asl::ParseRfc3339(text)) return instant->UnixMillis();
  int64_t millis = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), millis);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return millis;
}

int RunJsonata(JsonataArgs& args) {
  std::string seed_error;
  std::optional<uint64_t> seed = ParseSeed(args.seed, &seed_error);
  if (!seed) {
    Err("sfnsim jsonata: --seed {}\n", seed_error);
    return kExitUsage;
  }
  args.query.seed = *seed;
  if (args.now.empty()) {
    args.query.now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  } else if (auto now = ParseNow(args.now)) {
    args.query.now_ms = *now;
  } else {
    Err("sfnsim jsonata: --now '{}' is neither an RFC 3339 timestamp "
        "(2026-01-31T12:00:00Z) nor milliseconds since 1970\n", args.now);
    return kExitUsage;
  }
  if (args.query.input_path == "-" && args.query.bindings_path == "-") {
    Err("sfnsim jsonata: --input and --bindings cannot both read stdin\n");
    return kExitUsage;
  }

  asl::JsonataOutcome outcome = asl::RunJsonataQuery(args.query, std::cin);
  using Kind = asl::JsonataOutcome::Kind;
  if (outcome.kind == Kind::kUnreadable) {
    Err("sfnsim jsonata: {}\n", outcome.unreadable);
    return kExitUsage;
  }
  if (args.format == "json") {
    WriteStdout(EscapeJsonForTerminal(asl::JsonataOutcomeJson(outcome)));
  } else if (outcome.kind == Kind::kError) {
    Err("{}", asl::JsonataOutcomeText(outcome, args.query.expression));
  } else if (outcome.kind == Kind::kUndefined) {
    Err("sfnsim jsonata: the result is undefined\n");
  } else {
    WriteStdout(EscapeJsonForTerminal(asl::JsonataOutcomeText(outcome, args.query.expression)));
  }
  return outcome.kind == Kind::kError ? kExitFailed : kExitOk;
}

}  // namespace

void RegisterJsonata(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<JsonataArgs>();
  CLI::App* cmd = app.add_subcommand(
      "jsonata",
      "Evaluate a JSONata expression with Step Functions' functions (a local JSONata\n"
      "playground). Text output: the result as JSON on stdout; an error with a caret under its\n"
      "position on stderr. --format json prints one of {\"result\": V}, {\"undefined\": true},\n"
      "{\"error\": {\"code\", \"message\", \"position\", \"token\"}}.\n"
      "Exit 0: a result or undefined; 1: a parse or evaluation error; 2: bad usage or an input\n"
      "or bindings file that cannot be read.");
  cmd->add_option("EXPRESSION", args->query.expression,
                  "The expression (put -- before one that starts with '-')")
      ->required();
  cmd->add_option("--input", args->query.input_path,
                  "The input document ($): a JSON file, or - for stdin (default: undefined)");
  cmd->add_option("--bindings", args->query.bindings_path,
                  "A JSON object file: {\"name\": value} binds $name (- for stdin)");
  cmd->add_option("--format", args->format, "Output format (text, json)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--now", args->now,
                  "The time $now and $millis return: RFC 3339 or milliseconds since 1970 "
                  "(default: the wall clock)");
  cmd->add_option("--seed", args->seed, "Seed of $random, $shuffle and $uuid (default 0)");
  cmd->add_option("--timeout-ms", args->query.time_limit_ms,
                  "Stop an evaluation that runs longer (U1001; default 10000)")
      ->check(CLI::Range(int64_t{1}, int64_t{3'600'000}));
  cmd->callback([args, &exit_code] { exit_code = RunJsonata(*args); });
}

}  // namespace sfnsim_cli
