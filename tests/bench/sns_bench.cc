// Benchmarks of the simulated SNS: PublishBatch of 10 entries (the most SNS accepts in one call)
// and single Publish, with the message log growing as it does in a backfill. Each benchmark
// iteration publishes 10,000 messages to a fresh model, so the log's growth is part of the cost
// and memory stays bounded; the figure that matters is `messages_per_second`.
//   ./build/sfnsim_bench --benchmark_filter=Sns

#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <string>
#include <vector>

#include "simulator/services/sns/sns_model.h"

namespace sim {
namespace {

constexpr const char* kSnsBenchTopic = "arn:aws:sns:us-east-1:123456789012:customer-backfill";
constexpr int kSnsBenchMessages = 10000;

class SnsBenchIds : public IdSource {
 public:
  std::string NewUuid() override { return fmt::format("00000000-0000-4000-8000-{:012d}", ++n_); }

 private:
  int64_t n_ = 0;
};

// A customer row as the production executor publishes it: a small JSON object body.
std::string SnsBenchBody(int i) {
  return fmt::format(
      R"({{"customerId":"c-{:08d}","email":"user{}@example.com","registration_year":{},)"
      R"("correlation_id":"corr-{}"}})",
      i, i, 2004 + i % 21, i);
}

CallContext SnsBenchContext(SnsBenchIds& ids) {
  CallContext ctx;
  ctx.at = SimTime{1000};
  ctx.execution_arn = "arn:aws:states:us-east-1:123456789012:execution:executor:bucket-1";
  ctx.state_name = "PublishBatch";
  ctx.ids = &ids;
  return ctx;
}

using SnsBenchCall = asl::Result<asl::Json, AwsError> (SnsModel::*)(const asl::Json&,
                                                                      const CallContext&);

// Sends every request with `call` to a fresh model per iteration; a failed call or a failed
// batch entry stops the benchmark.
void RunSnsBench(benchmark::State& state, const std::vector<asl::Json>& requests,
                 SnsBenchCall call) {
  int64_t messages = 0;
  for (auto _ : state) {
    SnsModel sns("aws", "us-east-1", "123456789012");
    if (!sns.AddTopic({"customer-backfill", "", false, {}}).ok()) {
      state.SkipWithError("cannot declare the topic");
      return;
    }
    SnsBenchIds ids;
    CallContext ctx = SnsBenchContext(ids);
    for (const asl::Json& request : requests) {
      auto response = (sns.*call)(request, ctx);
      if (!response.ok() || (response->contains("Failed") && !(*response)["Failed"].empty())) {
        state.SkipWithError("a publish failed");
        return;
      }
      benchmark::DoNotOptimize(response);
    }
    messages += static_cast<int64_t>(sns.messages().size());
  }
  state.counters["messages_per_second"] =
      benchmark::Counter(static_cast<double>(messages), benchmark::Counter::kIsRate);
}

void BM_SnsPublishBatch10(benchmark::State& state) {
  // The requests are built once; the model copies what it keeps.
  std::vector<asl::Json> requests;
  for (int b = 0; b < kSnsBenchMessages / 10; ++b) {
    asl::Json entries = asl::Json::array();
    for (int e = 0; e < 10; ++e) {
      entries.push_back({{"Id", fmt::format("row{}", e)}, {"Message", SnsBenchBody(b * 10 + e)}});
    }
    requests.push_back({{"TopicArn", kSnsBenchTopic}, {"PublishBatchRequestEntries", entries}});
  }
  RunSnsBench(state, requests, &SnsModel::PublishBatch);
}
BENCHMARK(BM_SnsPublishBatch10)->Unit(benchmark::kMillisecond);

// The same messages one Publish call each, for comparison.
void BM_SnsPublish(benchmark::State& state) {
  std::vector<asl::Json> requests;
  for (int i = 0; i < kSnsBenchMessages; ++i) {
    requests.push_back({{"TopicArn", kSnsBenchTopic}, {"Message", SnsBenchBody(i)}});
  }
  RunSnsBench(state, requests, &SnsModel::Publish);
}
BENCHMARK(BM_SnsPublish)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sim
