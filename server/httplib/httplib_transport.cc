// sfnsim serve's HTTP transport on Debian's cpp-httplib, built as the shared module
// libsfnsim_http.so (server/http_transport.h says why it is not linked into the program).

#include <httplib.h>

#include <memory>
#include <utility>

#include "server/http_transport.h"

namespace server {
namespace {

HttpRequest RequestOf(const httplib::Request& q) {
  return {q.method, q.path, q.get_header_value("X-Amz-Target"), q.body, q.remote_addr};
}

void Send(HttpReply reply, httplib::Response& r) {
  r.status = reply.status;
  r.set_content(std::move(reply.body), reply.content_type.c_str());
}

class HttplibTransport final : public HttpTransport {
 public:
  void Configure(int threads, size_t max_request_bytes, HttpRoutes routes) override {
    routes_ = std::move(routes);
    http_.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    http_.set_payload_max_length(max_request_bytes);
    // SDK clients keep connections open for many requests; the library's default closes one
    // after 5.
    http_.set_keep_alive_max_count(1'000'000);
    http_.set_keep_alive_timeout(30);
    // A response's header and body go out in separate writes: without TCP_NODELAY the second
    // waits for the client's delayed ACK (40 ms on Linux), which capped a keep-alive client at
    // ~6 round trips a second.
    http_.set_tcp_nodelay(true);
    http_.Post("/", [this](const httplib::Request& q, httplib::Response& r) {
      Send(routes_.post_root(RequestOf(q)), r);
    });
    http_.Get("/health", [this](const httplib::Request& q, httplib::Response& r) {
      Send(routes_.get_health(RequestOf(q)), r);
    });
    http_.set_error_handler([this](const httplib::Request& q, httplib::Response& r) {
      if (!r.body.empty()) return;
      Send(routes_.error(RequestOf(q), r.status), r);
    });
  }

  int Bind(const std::string& host, int port) override {
    if (port == 0) return http_.bind_to_any_port(host);
    return http_.bind_to_port(host, port) ? port : -1;
  }
  void ListenAfterBind() override { http_.listen_after_bind(); }
  bool IsRunning() const override { return http_.is_running(); }
  void Stop() override { http_.stop(); }

 private:
  httplib::Server http_;
  HttpRoutes routes_;
};

}  // namespace
}  // namespace server

extern "C" __attribute__((visibility("default"))) server::HttpTransport*
sfnsim_create_http_transport() {
  return new server::HttplibTransport();
}
