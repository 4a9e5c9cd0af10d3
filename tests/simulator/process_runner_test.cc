// platform::RunProcess, the project's one process runner (the Lambda command handler's and the
// deploy's): argument vectors passed as they are, errors that say why a program did not run,
// the deadline's SIGTERM grace, exit codes, streaming, and nothing left running afterwards.
// The concurrency properties are tested through the Lambda handler in command_runner_test.cc.

#include "platform/process/run_process.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>

namespace platform {
namespace {

TEST(ProcessRunnerTest, PassesEveryArgumentAsItIsWithoutAShell) {
  // "--", a value starting with "-", spaces, quotes and `$` reach the program unchanged.
  ProcessSpec spec;
  spec.argv = {"printf", "%s|", "--", "-x", "a b", "'q\"", "$HOME", ""};
  ProcessResult r = RunProcess(spec);
  ASSERT_TRUE(r.started) << r.error;
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.out, "--|-x|a b|'q\"|$HOME||");
}

TEST(ProcessRunnerTest, FeedsStdinAndSeparatesTheOutputs) {
  ProcessSpec spec;
  spec.program = "/bin/sh";
  spec.argv = {"sh", "-c", "cat; echo oops >&2; exit 3"};
  spec.input = "the event";
  ProcessResult r = RunProcess(spec);
  ASSERT_TRUE(r.started) << r.error;
  EXPECT_EQ(r.out, "the event");
  EXPECT_EQ(r.err, "oops\n");
  EXPECT_FALSE(r.signaled);
  EXPECT_EQ(r.exit_status, 3);
  EXPECT_EQ(r.ExitCode(), 3);
  EXPECT_FALSE(r.ok());
}

TEST(ProcessRunnerTest, SaysWhyAProgramDidNotRun) {
  ProcessSpec missing;
  missing.argv = {"sfnsim-no-such-program"};
  ProcessResult r = RunProcess(missing);
  EXPECT_FALSE(r.started);
  EXPECT_EQ(r.error, "sfnsim-no-such-program is not on PATH");

  // The exec itself fails (a directory): its errno comes back through the exec pipe.
  ProcessSpec not_a_program;
  not_a_program.program = "/";
  not_a_program.argv = {"root"};
  r = RunProcess(not_a_program);
  EXPECT_FALSE(r.started);
  EXPECT_EQ(r.error, "cannot run /: Permission denied");

  ProcessSpec none;
  EXPECT_EQ(RunProcess(none).error, "no command");
}

TEST(ProcessRunnerTest, TheDeadlineSendsSigtermFirstWhenAGraceIsGiven) {
  ProcessSpec spec;
  spec.program = "/bin/sh";
  spec.argv = {"sh", "-c", "trap 'exit 7' TERM; echo ready; while :; do sleep 0.05; done"};
  spec.timeout_ms = 300;
  spec.term_grace_ms = 5000;
  auto started = std::chrono::steady_clock::now();
  ProcessResult r = RunProcess(spec);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4));
  EXPECT_TRUE(r.timed_out);
  EXPECT_FALSE(r.signaled);
  EXPECT_EQ(r.exit_status, 7);  // its TERM handler ran
  EXPECT_EQ(r.out, "ready\n");

  spec.term_grace_ms = 0;  // the Lambda handler's limit: SIGKILL at once
  r = RunProcess(spec);
  EXPECT_TRUE(r.timed_out);
  EXPECT_TRUE(r.signaled);
  EXPECT_EQ(r.signal, SIGKILL);
  EXPECT_EQ(r.ExitCode(), 128 + SIGKILL);
}

TEST(ProcessRunnerTest, KillsWhatTheProgramLeftRunningInItsGroup) {
  ProcessSpec spec;
  spec.program = "/bin/sh";
  spec.argv = {"sh", "-c", "sleep 60 >/dev/null 2>&1 & echo $!"};
  spec.timeout_ms = 10'000;
  ProcessResult r = RunProcess(spec);
  ASSERT_TRUE(r.ok()) << r.error;
  pid_t left = static_cast<pid_t>(std::stol(r.out));
  // Gone: no such process, or a zombie waiting for init to reap it (killed all the same).
  auto is_gone = [left] {
    if (kill(left, 0) != 0 && errno == ESRCH) return true;
    std::ifstream stat("/proc/" + std::to_string(left) + "/stat");
    std::string pid, name, state;
    return stat >> pid >> name >> state && state == "Z";
  };
  bool gone = false;
  for (int i = 0; i < 200 && !gone; ++i) {
    gone = is_gone();
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(gone) << "sleep " << left << " outlived the program that started it";
}

TEST(ProcessRunnerTest, StreamsToOurOutputAndCapturesOnlyWhenAsked) {
  ProcessSpec spec;
  spec.argv = {"printf", "streamed"};
  spec.stream = true;
  spec.capture = false;
  testing::internal::CaptureStdout();
  ProcessResult r = RunProcess(spec);
  std::string ours = testing::internal::GetCapturedStdout();
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(ours, "streamed");
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.stream_error, 0);
}

TEST(ProcessRunnerTest, CommandLineQuotesWhatIsNotPlain) {
  EXPECT_EQ(CommandLine({"aws", "--stack-name=my stack", "x$y", ""}),
            "aws '--stack-name=my stack' 'x$y' ''");
}

}  // namespace
}  // namespace platform
