#pragma once
// The Step Functions API over HTTP: the AWS JSON 1.0 protocol (POST /, X-Amz-Target:
// AWSStepFunctions.<Action>, Content-Type application/x-amz-json-1.0) over an HttpTransport
// (http_transport.h: cpp-httplib, loaded when a server binds). Everything a request means is
// StepFunctionsApi's (simulator/api); this layer only maps requests and responses, serves
// GET /health, logs, drives the real or scaled clock on a thread of its own, and shuts down
// cleanly on SIGTERM or SIGINT.

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "asl/base/result.h"
#include "simulator/api/step_functions_api.h"

namespace server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8083;  // Step Functions Local's; 0 picks a free port
  bool verbose = false;  // a log line per request on stderr
  int threads = 64;      // connections served at once (a keep-alive connection holds one)
};

class HttpServer {
 public:
  HttpServer(sim::api::StepFunctionsApi& api, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Loads the HTTP transport and binds the address; the error says why not ("127.0.0.1:8083:
  // address in use?", or the transport module missing).
  asl::Result<int, std::string> Bind();
  // Serves until SIGTERM or SIGINT arrives or Stop() is called; `ready` is called once the
  // server accepts connections. Blocks the signals in every thread it starts.
  void Run(const std::function<void()>& ready);
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace server
