#include "platform/shared_library/shared_library.h"

#include <dlfcn.h>

#include <filesystem>
#include <system_error>

namespace platform {

std::unique_ptr<SharedLibrary> SharedLibrary::Open(const std::string& path, std::string* error) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    if (error != nullptr) *error = why != nullptr ? why : "cannot be loaded";
    return nullptr;
  }
  return std::unique_ptr<SharedLibrary>(new SharedLibrary(handle));
}

// Kept loaded: threads the library started may still be unwinding when the owner goes, and
// the process ends soon after anyway.
SharedLibrary::~SharedLibrary() = default;

void* SharedLibrary::Find(const char* name) const { return dlsym(handle_, name); }

std::string ProgramDirectory() {
  std::error_code error;
  std::filesystem::path program = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::string() : program.parent_path().string();
}

}  // namespace platform
