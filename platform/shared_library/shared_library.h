#pragma once
// A shared library opened at run time (dlopen): for a part of sfnsim whose dependencies cost
// every command their loading time but serve only one command (sfnsim serve's HTTP transport
// pulls in OpenSSL, zlib and brotli: about 6 ms at every start of the process).

#include <memory>
#include <string>

namespace platform {

class SharedLibrary {
 public:
  // Opens `path`; nullptr with `error` set (the dynamic loader's reason) when it cannot.
  static std::unique_ptr<SharedLibrary> Open(const std::string& path, std::string* error);
  ~SharedLibrary();
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;

  // The address of the symbol `name`, or nullptr.
  void* Find(const char* name) const;

 private:
  explicit SharedLibrary(void* handle) : handle_(handle) {}
  void* handle_;
};

// The directory of the running program (/proc/self/exe), "" when it cannot be read.
std::string ProgramDirectory();

}  // namespace platform
