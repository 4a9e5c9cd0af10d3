#pragma once
// A SQLite VFS that delegates everything to the default VFS except "what time is it", which it
// answers from the simulation's virtual clock. A query's current_date, current_timestamp and
// date('now') therefore give the query's submission time, never the wall clock.
// https://www.sqlite.org/c3ref/vfs.html (xCurrentTimeInt64)

#include <sqlite3.h>

#include <string>

#include "simulator/clock/sim_time.h"

namespace sim::athena {

class VirtualClockVfs {
 public:
  VirtualClockVfs();   // registers a VFS with a name unique to this object
  ~VirtualClockVfs();  // unregisters it; every connection using it must be closed first
  VirtualClockVfs(const VirtualClockVfs&) = delete;
  VirtualClockVfs& operator=(const VirtualClockVfs&) = delete;

  const char* name() const { return name_.c_str(); }
  void set_now(SimTime now) { now_ = now; }
  SimTime now() const { return now_; }

 private:
  static int CurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* julian_ms);
  static int CurrentTime(sqlite3_vfs* vfs, double* julian_days);

  // The VFS SQLite sees, and the way back to this object. pAppData stays the default VFS's
  // (the unix VFS keeps its file-locking finder there and reads it in xOpen).
  struct ClockVfs {
    sqlite3_vfs vfs;  // first member: a sqlite3_vfs* is a ClockVfs*
    VirtualClockVfs* owner;
  };

  std::string name_;
  ClockVfs clock_{};
  SimTime now_{};
};

}  // namespace sim::athena
