// RunCommand from several threads at once (sfnsim run --jobs): no SIGPIPE death, no deadlock on
// inherited pipe ends, and the wall-clock and output limits.

#include "simulator/services/lambda/command_runner.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "asl/base/random.h"
#include "simulator/services/lambda/lambda_model.h"

namespace {

using sim::CommandLimits;
using sim::CommandResult;
using sim::RunCommand;

constexpr int kThreads = 4;
constexpr int kRunsPerThread = 25;

// Runs `body(thread, run)` on kThreads threads, kRunsPerThread times each.
template <typename F>
void OnThreads(F body) {
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRunsPerThread; ++i) body(t, i);
    });
  }
  for (std::thread& thread : threads) thread.join();
}

TEST(CommandRunnerTest, ConcurrentCatsEachGetTheirOwnInputAndEnd) {
  // Before pipe2(O_CLOEXEC), a cat started by one thread inherited another's stdin pipe and both
  // waited for an end of file that never came.
  std::atomic<int> wrong{0};
  CommandLimits limits;
  limits.timeout_ms = 20'000;
  OnThreads([&](int t, int i) {
    std::string input = "{\"thread\":" + std::to_string(t) + ",\"run\":" + std::to_string(i) +
                        ",\"pad\":\"" + std::string(100'000, 'x') + "\"}";
    CommandResult r = RunCommand("cat", input, "", limits);
    if (!r.started || r.timed_out || r.signaled || r.exit_status != 0 || r.out != input) ++wrong;
  });
  EXPECT_EQ(wrong.load(), 0);
}

TEST(CommandRunnerTest, ConcurrentCommandsThatIgnoreTheirInputDoNotKillTheProcess) {
  // A large input to a command that exits at once: writing to its closed pipe raises SIGPIPE,
  // which used to be handled by swapping the process-wide handler and racing between threads.
  struct sigaction before {};
  sigaction(SIGPIPE, nullptr, &before);
  std::atomic<int> wrong{0};
  std::string input(1 << 20, 'x');
  CommandLimits limits;
  limits.timeout_ms = 20'000;
  OnThreads([&](int, int) {
    CommandResult r = RunCommand("echo '{}'", input, "", limits);
    if (!r.started || r.exit_status != 0 || r.out != "{}\n") ++wrong;
  });
  EXPECT_EQ(wrong.load(), 0);
  struct sigaction after {};
  sigaction(SIGPIPE, nullptr, &after);
  EXPECT_EQ(after.sa_handler, before.sa_handler);  // the process's disposition is untouched
  sigset_t mask;
  pthread_sigmask(SIG_SETMASK, nullptr, &mask);
  EXPECT_EQ(sigismember(&mask, SIGPIPE), 0);  // nor is this thread's mask
  sigset_t pending;
  sigpending(&pending);
  EXPECT_EQ(sigismember(&pending, SIGPIPE), 0);  // and no SIGPIPE is left pending
}

TEST(CommandRunnerTest, TheCommandSeesDefaultSigpipe) {
  // `yes | head -1` ends only because yes dies of SIGPIPE: the command must not inherit a
  // blocked or ignored SIGPIPE from the runner.
  CommandLimits limits;
  limits.timeout_ms = 20'000;
  CommandResult r = RunCommand("yes | head -1", "", "", limits);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.out, "y\n");
}

TEST(CommandRunnerTest, TimeoutKillsTheProcessGroup) {
  CommandLimits limits;
  limits.timeout_ms = 300;
  auto start = std::chrono::steady_clock::now();
  // The background sleep holds stdout open: only killing the group ends the run.
  CommandResult r = RunCommand("sleep 30 & sleep 30", "", "", limits);
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(r.timed_out);
  EXPECT_TRUE(r.signaled);
  EXPECT_LT(took, std::chrono::seconds(10));
}

TEST(CommandRunnerTest, ACommandThatClosesItsOutputStillTimesOut) {
  CommandLimits limits;
  limits.timeout_ms = 300;
  auto start = std::chrono::steady_clock::now();
  CommandResult r = RunCommand("exec >&- 2>&-; sleep 30", "", "", limits);
  EXPECT_TRUE(r.timed_out);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(CommandRunnerTest, OutputBeyondTheLimitEndsTheCommand) {
  CommandLimits limits;
  limits.timeout_ms = 20'000;
  limits.max_output_bytes = 1000;
  CommandResult r = RunCommand("yes", "", "", limits);
  EXPECT_TRUE(r.output_too_large);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.out.size(), 1000u);
}

TEST(CommandRunnerTest, LambdaReportsATimedOutFunctionAsAwsDoes) {
  sim::LambdaModel lambda("aws", "us-east-1", "123456789012");
  sim::LambdaFunctionSpec spec;
  spec.name = "slow";
  spec.handler = sim::LambdaHandler::kCommand;
  spec.command = "sleep 30";
  spec.timeout = sim::Duration{1000};
  ASSERT_TRUE(lambda.AddFunction(spec).ok());
  spec.name = "huge";
  spec.command = "yes";
  spec.timeout = sim::Duration{20'000};
  ASSERT_TRUE(lambda.AddFunction(spec).ok());
  asl::Random random(1);
  auto slow = lambda.Invoke("slow", "{}", "", "rid-1", random);
  ASSERT_TRUE(slow.ok());
  EXPECT_TRUE(slow->function_error);
  // No errorType: Step Functions names it Lambda.Unknown.
  EXPECT_EQ(slow->payload,
            R"({"errorMessage":"RequestId: rid-1 Error: Task timed out after 1.00 seconds"})");
  EXPECT_EQ(slow->duration.ms, 1000);
  auto huge = lambda.Invoke("huge", "{}", "", "rid-2", random);
  ASSERT_TRUE(huge.ok());
  EXPECT_TRUE(huge->function_error);
  EXPECT_EQ(huge->payload,
            R"({"errorMessage":"Response payload size exceeded maximum allowed payload size )"
            R"((6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"})");
}

}  // namespace
