#pragma once
// What sfnsim serve needs of an HTTP server, and nothing of sfnsim's: the server
// (http_server.cc) drives it, and the one implementation, on Debian's cpp-httplib
// (server/httplib/), is a shared module loaded only by `sfnsim serve` (libsfnsim_http.so next
// to the program): cpp-httplib links OpenSSL, zlib and brotli, whose loading cost every other
// command about 6 ms (docs/performance.md, "Issue 22"). Only standard types cross the boundary.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace server {

// Views into the transport's own request, valid during the route's call (a body of up to
// max_request_bytes is not copied).
struct HttpRequest {
  std::string_view method;
  std::string_view path;
  std::string target;  // the X-Amz-Target header, "" when absent
  std::string_view body;
  std::string_view remote_addr;
};

struct HttpReply {
  int status = 200;
  std::string body;
  std::string content_type;
};

struct HttpRoutes {
  std::function<HttpReply(const HttpRequest&)> post_root;   // POST /
  std::function<HttpReply(const HttpRequest&)> get_health;  // GET /health
  // Anything else, or a request refused before routing (413: larger than max_request_bytes).
  std::function<HttpReply(const HttpRequest&, int status)> error;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Before Bind: `threads` connections at once (a keep-alive connection holds one).
  virtual void Configure(int threads, size_t max_request_bytes, HttpRoutes routes) = 0;
  // The port bound (a free one for 0), or -1.
  virtual int Bind(const std::string& host, int port) = 0;
  // Serves until Stop(); returns then.
  virtual void ListenAfterBind() = 0;
  virtual bool IsRunning() const = 0;
  virtual void Stop() = 0;
};

// The module's one entry point (extern "C", so dlsym finds it by this name).
inline constexpr const char* kCreateHttpTransport = "sfnsim_create_http_transport";
using CreateHttpTransportFn = HttpTransport* (*)();
inline constexpr const char* kHttpModuleFile = "libsfnsim_http.so";

}  // namespace server
