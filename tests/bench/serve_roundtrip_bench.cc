// sfnsim serve's throughput: StartExecution + DescribeExecution round trips of a small
// definition over loopback HTTP, with keep-alive connections as the SDKs use them. The server
// runs in this process (its own threads); the clients are benchmark threads. With
// SFNSIM_BENCH_MOTO_URL set (tools/bench_serve.sh starts moto_server and sets it) the same
// client loop runs against moto's Step Functions, for the ratio in docs/performance.md.

#include <benchmark/benchmark.h>
#include <httplib.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "asl/base/json.h"
#include "server/http_server.h"
#include "simulator/api/step_functions_api.h"

namespace {

constexpr const char* kDefinition =
    R"({"StartAt":"Shape","States":{"Shape":{"Type":"Pass","Parameters":{"id.$":"$.id","ok":true},"Next":"Done"},"Done":{"Type":"Succeed"}}})";

// One server for the whole benchmark binary, started on first use.
class InProcessServer {
 public:
  static InProcessServer& Get() {
    static InProcessServer server;
    return server;
  }
  std::string url() const { return url_; }

 private:
  InProcessServer() {
    sim::api::ApiOptions options;
    // A bench run starts hundreds of thousands of executions: keep few ended ones.
    options.retained_executions = 1000;
    api_ = std::move(sim::api::StepFunctionsApi::Create(std::move(options)).value());
    http_ = std::make_unique<server::HttpServer>(*api_, server::ServerOptions{"127.0.0.1", 0});
    const int port = http_->Bind().value();
    url_ = "http://127.0.0.1:" + std::to_string(port);
    thread_ = std::thread([this] { http_->Run(nullptr); });
  }
  ~InProcessServer() {
    http_->Stop();
    thread_.join();
  }

  std::unique_ptr<sim::api::StepFunctionsApi> api_;
  std::unique_ptr<server::HttpServer> http_;
  std::thread thread_;
  std::string url_;
};

httplib::Result Call(httplib::Client& client, const char* action, const asl::Json& body) {
  // moto's single server tells services apart by the credential scope of the signature; sfnsim
  // accepts it unchecked.
  httplib::Headers headers = {
      {"X-Amz-Target", std::string("AWSStepFunctions.") + action},
      {"Authorization",
       "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/states/aws4_request, "
       "SignedHeaders=host;x-amz-target, Signature=0"}};
  return client.Post("/", headers, asl::Dump(body), "application/x-amz-json-1.0");
}

// The machine both servers run, created once per URL.
std::string MachineArn(const std::string& url) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  httplib::Client client(url);
  auto r = Call(client, "CreateStateMachine",
                {{"name", "BenchRoundTrip"},
                 {"definition", kDefinition},
                 {"roleArn", "arn:aws:iam::123456789012:role/bench"}});
  if (!r || r->status != 200) return "";
  asl::Json body = asl::Json::parse(r->body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body["stateMachineArn"].is_string()) return "";
  return body["stateMachineArn"];
}

void RoundTrips(benchmark::State& state, const std::string& url) {
  static std::atomic<uint64_t> next_id{0};
  const std::string machine = MachineArn(url);
  if (machine.empty()) {
    state.SkipWithError("CreateStateMachine failed");
    return;
  }
  httplib::Client client(url);
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);
  uint64_t succeeded = 0;
  for (auto _ : state) {
    const uint64_t id = next_id++;
    auto started = Call(client, "StartExecution",
                        {{"stateMachineArn", machine},
                         {"input", "{\"id\":" + std::to_string(id) + "}"}});
    if (!started || started->status != 200) {
      state.SkipWithError("StartExecution failed");
      break;
    }
    asl::Json start = asl::Json::parse(started->body, nullptr, /*allow_exceptions=*/false);
    if (!start.is_object() || !start["executionArn"].is_string()) {
      state.SkipWithError("StartExecution answered no executionArn");
      break;
    }
    auto described = Call(client, "DescribeExecution",
                          {{"executionArn", start["executionArn"].get<std::string>()}});
    if (!described || described->status != 200) {
      state.SkipWithError("DescribeExecution failed");
      break;
    }
    succeeded += described->body.find("\"SUCCEEDED\"") != std::string::npos;
  }
  state.SetItemsProcessed(state.iterations());  // executions started and described
  state.counters["succeeded_share"] = benchmark::Counter(
      static_cast<double>(succeeded), benchmark::Counter::kAvgIterations);
}

void BM_ServeRoundTrip(benchmark::State& state) {
  RoundTrips(state, InProcessServer::Get().url());
}
BENCHMARK(BM_ServeRoundTrip)->Threads(1)->Threads(4)->Threads(16)->UseRealTime()->MinTime(3);

void BM_MotoRoundTrip(benchmark::State& state) {
  const char* url = std::getenv("SFNSIM_BENCH_MOTO_URL");
  if (url == nullptr) {
    state.SkipWithError("SFNSIM_BENCH_MOTO_URL is not set (tools/bench_serve.sh sets it)");
    return;
  }
  RoundTrips(state, url);
}
BENCHMARK(BM_MotoRoundTrip)->Threads(1)->Threads(4)->Threads(16)->UseRealTime()->MinTime(3);

}  // namespace
