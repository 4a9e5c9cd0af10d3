// A task result whose wrapping is deferred (DeferredResult, simulator/engine/service_backend.h):
// built only when something reads it, and every state output the same as with the whole result.

#include <gtest/gtest.h>

#include "simulator/engine/simulation.h"
#include "simulator/history/history_sink.h"
#include "tests/testutil/simulator/engine_harness.h"

namespace {

using sfnsim_test::ParseMachine;

// Answers each task with {"MessageId": "m-N"} as the core and a deferred envelope, as an
// optimized integration does, counting how often the envelope is built.
class DeferringBackend final : public sim::ServiceBackend {
 public:
  explicit DeferringBackend(int64_t max_bytes = 1000) : max_bytes_(max_bytes) {}
  bool Invoke(const sim::TaskRequest& request, const sim::TaskHandle& handle) override {
    handle.Start(request.now);
    asl::Json core = {{"MessageId", "m-" + std::to_string(++calls_)}};
    sim::DeferredResult deferred;
    deferred.max_bytes = max_bytes_;
    deferred.complete = [this](asl::Json c) {
      ++completed_;
      c["SdkHttpMetadata"] = {{"HttpStatusCode", 200}};
      return c;
    };
    handle.SucceedDeferred(request.now, std::move(core), std::move(deferred));
    return true;
  }
  int completed() const { return completed_; }

 private:
  int64_t max_bytes_;
  int calls_ = 0;
  int completed_ = 0;
};

struct DeferredRun {
  sim::ExecutionStatus status;
  std::string output;  // or the error and cause
  int completed = 0;
};

DeferredRun RunDeferring(const std::string& selector, bool keep_history,
                         int64_t max_bytes = 1000) {
  auto machine = ParseMachine(R"({"StartAt":"T","States":{"T":{"Type":"Task",
      "Resource":"arn:aws:states:::sns:publish","Parameters":{"Message":"x"},)" +
                              selector + R"("ResultPath":"$.r","End":true}}})");
  DeferringBackend backend(max_bytes);
  sim::Simulation simulation;
  simulation.AddBackend(&backend);
  sim::MemorySink sink;
  sim::ExecutionSpec spec;
  spec.machine = machine;
  spec.input_text = R"({"in":1})";
  if (keep_history) spec.sink = &sink;
  sim::Execution& execution = simulation.StartExecution(std::move(spec));
  simulation.Run();
  DeferredRun run{execution.status(), "", backend.completed()};
  run.output = execution.status() == sim::ExecutionStatus::kSucceeded
                   ? asl::Dump(execution.output())
                   : execution.error().name + ": " + execution.error().cause;
  return run;
}

TEST(DeferredResultTest, ASelectorReadingTheCoreNeverBuildsTheRest) {
  const std::string selector = R"("ResultSelector":{"id.$":"$.MessageId"},)";
  DeferredRun counted = RunDeferring(selector, /*keep_history=*/false);
  DeferredRun kept = RunDeferring(selector, /*keep_history=*/true);
  EXPECT_EQ(counted.output, R"({"in":1,"r":{"id":"m-1"}})");
  EXPECT_EQ(kept.output, counted.output);
  EXPECT_EQ(counted.completed, 0);
  EXPECT_EQ(kept.completed, 1);  // a kept history records the whole result
}

TEST(DeferredResultTest, WhateverReadsMoreGetsTheWholeResult) {
  // No ResultSelector: ResultPath places the whole result.
  DeferredRun whole = RunDeferring("", false);
  EXPECT_EQ(whole.output, R"({"in":1,"r":{"MessageId":"m-1","SdkHttpMetadata":{"HttpStatusCode":200}}})");
  EXPECT_EQ(whole.completed, 1);
  // A field of the deferred part, and the whole result through "$".
  DeferredRun metadata =
      RunDeferring(R"("ResultSelector":{"s.$":"$.SdkHttpMetadata.HttpStatusCode"},)", false);
  EXPECT_EQ(metadata.output, R"({"in":1,"r":{"s":200}})");
  DeferredRun all = RunDeferring(R"("ResultSelector":{"all.$":"$"},)", false);
  EXPECT_EQ(all.output,
            R"({"in":1,"r":{"all":{"MessageId":"m-1","SdkHttpMetadata":{"HttpStatusCode":200}}}})");
  // A bound over the payload quota: the result is built to be measured.
  DeferredRun measured = RunDeferring(R"("ResultSelector":{"id.$":"$.MessageId"},)", false,
                                      int64_t{1} << 20);
  EXPECT_EQ(measured.output, R"({"in":1,"r":{"id":"m-1"}})");
  EXPECT_EQ(measured.completed, 1);
}

TEST(DeferredResultTest, AFailingSelectorQuotesTheWholeResult) {
  const std::string selector = R"("ResultSelector":{"x.$":"$.MessageId.deeper"},)";
  DeferredRun counted = RunDeferring(selector, false);
  DeferredRun kept = RunDeferring(selector, true);
  EXPECT_EQ(counted.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(counted.output, kept.output);
  EXPECT_NE(counted.output.find("SdkHttpMetadata"), std::string::npos) << counted.output;
}

}  // namespace
