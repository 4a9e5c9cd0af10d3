#include "server/http_server.h"

#include <fmt/format.h>
#include <signal.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include "platform/shared_library/shared_library.h"
#include "server/http_transport.h"
#include "simulator/api/api_error.h"

namespace server {

namespace {

constexpr std::string_view kTargetPrefix = "AWSStepFunctions.";
constexpr const char* kContentType = "application/x-amz-json-1.0";
// The largest request: a 1 MiB definition or a 256 KiB input, escaped, with room to spare.
constexpr size_t kMaxRequestBytes = size_t{4} << 20;

std::string NowText() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl(sim::api::StepFunctionsApi& api, ServerOptions options)
      : api_(api), options_(std::move(options)) {}

  sim::api::StepFunctionsApi& api_;
  ServerOptions options_;
  std::unique_ptr<platform::SharedLibrary> module_;
  std::unique_ptr<HttpTransport> http_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> listen_done_{false};
  // The real and scaled clocks' thread sleeps on this until the next event or a wake-up.
  std::mutex clock_mutex_;
  std::condition_variable clock_wake_;
  bool clock_poked_ = false;

  asl::Result<bool, std::string> LoadTransport();
  void Configure();
  HttpReply HandleApi(const HttpRequest& request);
  void RunClock();
  void WaitForSignal();
  void StopListening();
};

asl::Result<bool, std::string> HttpServer::Impl::LoadTransport() {
  if (http_) return true;
  std::string directory = platform::ProgramDirectory();
  std::string path = (directory.empty() ? std::string(".") : directory) + "/" + kHttpModuleFile;
  std::string error;
  module_ = platform::SharedLibrary::Open(path, &error);
  if (!module_) {
    return asl::Fail(fmt::format("cannot load the HTTP transport {}: {} (it is built next to the "
                                 "sfnsim program; rebuild, or copy it beside the program)",
                                 path, error));
  }
  auto create = reinterpret_cast<CreateHttpTransportFn>(module_->Find(kCreateHttpTransport));
  if (create == nullptr) {
    return asl::Fail(fmt::format("{} has no {}: not sfnsim's HTTP transport", path,
                                 kCreateHttpTransport));
  }
  http_.reset(create());
  Configure();
  return true;
}

void HttpServer::Impl::Configure() {
  HttpRoutes routes;
  routes.post_root = [this](const HttpRequest& q) { return HandleApi(q); };
  routes.get_health = [this](const HttpRequest&) {
    return HttpReply{200, asl::Dump(api_.Health()), "application/json"};
  };
  routes.error = [](const HttpRequest& q, int status) {
    // Anything but POST / and GET /health (or a request refused before routing: too large).
    sim::api::ApiError error{
        status == 413 ? "ValidationException" : "UnknownOperationException",
        status == 413 ? fmt::format("The request is larger than {} bytes", kMaxRequestBytes)
                      : fmt::format("{} {}: the Step Functions API is POST / with an "
                                    "X-Amz-Target header; GET /health for the server's state",
                                    q.method, q.path),
        status};
    return HttpReply{status, sim::api::ErrorBody(error), kContentType};
  };
  http_->Configure(options_.threads, kMaxRequestBytes, std::move(routes));
}

HttpReply HttpServer::Impl::HandleApi(const HttpRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  const std::string& target = request.target;
  std::string_view action;
  if (std::string_view(target).starts_with(kTargetPrefix)) {
    action = std::string_view(target).substr(kTargetPrefix.size());
  }
  sim::api::ApiResponse answer;
  if (action.empty()) {
    answer = {400, sim::api::ErrorBody(
                       {"UnknownOperationException",
                        target.empty()
                            ? "The request has no X-Amz-Target header (expected "
                              "AWSStepFunctions.<Action>)"
                            : fmt::format("X-Amz-Target \"{}\" is not AWSStepFunctions.<Action>",
                                          target)})};
  } else {
    answer = api_.Handle(action, request.body);
  }
  if (options_.verbose) {
    const double ms = std::chrono::duration<double, std::milli>(
                          std::chrono::steady_clock::now() - start)
                          .count();
    std::fputs(fmt::format("{} {} {} {} {:.3f} ms\n", NowText(), request.remote_addr,
                           action.empty() ? std::string_view("-") : action, answer.status, ms)
                   .c_str(),
               stderr);
  }
  return HttpReply{answer.status, std::move(answer.body), kContentType};
}

void HttpServer::Impl::RunClock() {
  while (!stopping_) {
    std::optional<std::chrono::steady_clock::time_point> next = api_.AdvanceToWallClock();
    std::unique_lock lock(clock_mutex_);
    // Sleep until the next event is due, a request schedules an earlier one, or at most a
    // second (so a stop is noticed).
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    if (next && *next < until) until = *next;
    clock_wake_.wait_until(lock, until, [this] { return clock_poked_ || stopping_.load(); });
    clock_poked_ = false;
  }
}

void HttpServer::Impl::WaitForSignal() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  const timespec poll{0, 200'000'000};
  while (!stopping_) {
    if (sigtimedwait(&signals, nullptr, &poll) > 0) break;
  }
  stopping_ = true;
  StopListening();
  clock_wake_.notify_all();
}

void HttpServer::Impl::StopListening() {
  if (!http_) return;
  // The library only stops a server that is already listening: wait for it to be.
  while (!listen_done_ && !http_->IsRunning()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  http_->Stop();
}

HttpServer::HttpServer(sim::api::StepFunctionsApi& api, ServerOptions options)
    : impl_(std::make_unique<Impl>(api, std::move(options))) {}

HttpServer::~HttpServer() = default;

asl::Result<int, std::string> HttpServer::Bind() {
  Impl& s = *impl_;
  if (auto loaded = s.LoadTransport(); !loaded.ok()) return asl::Fail(loaded.error());
  int port = s.http_->Bind(s.options_.host, s.options_.port);
  if (port < 0) {
    return asl::Fail(fmt::format("cannot listen on {}:{} (address in use, or not an address of "
                                 "this machine?)",
                                 s.options_.host, s.options_.port));
  }
  s.port_ = port;
  return port;
}

void HttpServer::Run(const std::function<void()>& ready) {
  Impl& s = *impl_;
  // Block the stop signals in this thread before any other starts, so every thread inherits the
  // mask and only WaitForSignal receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGPIPE);  // a client that hangs up must not end the server
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  s.api_.SetWakeUp([&s] {
    {
      std::lock_guard lock(s.clock_mutex_);
      s.clock_poked_ = true;
    }
    s.clock_wake_.notify_all();
  });
  std::thread clock;
  if (!s.api_.virtual_clock()) clock = std::thread([&s] { s.RunClock(); });
  std::thread waiter([&s] { s.WaitForSignal(); });
  // The socket listens since Bind: connections made from now on are queued until served.
  if (ready) ready();
  if (s.http_) s.http_->ListenAfterBind();
  s.listen_done_ = true;
  Stop();
  waiter.join();
  if (clock.joinable()) clock.join();
  s.api_.SetWakeUp(nullptr);
}

void HttpServer::Stop() {
  impl_->stopping_ = true;
  impl_->StopListening();
  impl_->clock_wake_.notify_all();
}

}  // namespace server
