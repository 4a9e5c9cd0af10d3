#include "simulator/services/athena/virtual_clock_vfs.h"

#include <atomic>

namespace sim::athena {

namespace {
// The Unix epoch as a Julian day number, in milliseconds (2440587.5 days).
constexpr sqlite3_int64 kUnixEpochJulianMs = 210866760000000LL;
std::atomic<uint64_t> next_vfs_id{1};
}  // namespace

VirtualClockVfs::VirtualClockVfs() {
  name_ = "sfnsim-virtual-clock-" + std::to_string(next_vfs_id.fetch_add(1));
  sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
  clock_.vfs = *base;
  clock_.vfs.pNext = nullptr;
  clock_.vfs.zName = name_.c_str();
  clock_.vfs.xCurrentTime = &CurrentTime;
  if (clock_.vfs.iVersion >= 2) clock_.vfs.xCurrentTimeInt64 = &CurrentTimeInt64;
  clock_.owner = this;
  sqlite3_vfs_register(&clock_.vfs, /*makeDflt=*/0);
}

VirtualClockVfs::~VirtualClockVfs() { sqlite3_vfs_unregister(&clock_.vfs); }

int VirtualClockVfs::CurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* julian_ms) {
  const VirtualClockVfs* self = reinterpret_cast<ClockVfs*>(vfs)->owner;
  *julian_ms = kUnixEpochJulianMs + self->now_.ms;
  return SQLITE_OK;
}

int VirtualClockVfs::CurrentTime(sqlite3_vfs* vfs, double* julian_days) {
  sqlite3_int64 ms = 0;
  CurrentTimeInt64(vfs, &ms);
  *julian_days = static_cast<double>(ms) / 86400000.0;
  return SQLITE_OK;
}

}  // namespace sim::athena
