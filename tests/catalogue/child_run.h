#pragma once
// Running one command as a child process under limits: a wall-clock timeout (a hang is killed
// and reported, never waited for), an address-space limit (unbounded growth fails allocation
// instead of taking the machine), and a file-size limit (a runaway writer is stopped).

#include <cstdint>
#include <string>
#include <vector>

namespace sfnsim_catalogue {

struct ChildLimits {
  double timeout_seconds = 10;
  int64_t memory_bytes = 0;     // RLIMIT_AS; 0: none (AddressSanitizer reserves terabytes of
                                // address space, so sanitizer builds bound RSS instead)
  int64_t rss_limit_mb = 0;     // ASan's hard_rss_limit_mb, for sanitizer builds; 0: none
  int64_t file_size_bytes = 0;  // RLIMIT_FSIZE; 0: none
};

struct ChildRun {
  std::vector<std::string> argv;  // argv[0] is the program's path
  std::string working_directory;
  std::string stdin_path = "/dev/null";
  std::string stdout_path;  // files the child's output goes to
  std::string stderr_path;
};

struct ChildOutcome {
  bool started = false;
  bool timed_out = false;
  int exit_code = -1;  // when it exited
  int signal = 0;      // when a signal ended it
  double seconds = 0;
  std::string error;   // why it could not be started
};

// Starts the child in its own process group and waits for it at most the timeout; on expiry
// the whole group is killed.
ChildOutcome RunChild(const ChildRun& run, const ChildLimits& limits);

}  // namespace sfnsim_catalogue
