#pragma once
// Simulated time: an integer count of milliseconds since the Unix epoch. Nothing in the
// simulator reads the wall clock; every timestamp comes from here.

#include <cstdint>
#include <string>

namespace sim {

struct SimTime {
  int64_t ms = 0;  // milliseconds since 1970-01-01T00:00:00Z

  friend constexpr bool operator==(SimTime a, SimTime b) { return a.ms == b.ms; }
  friend constexpr auto operator<=>(SimTime a, SimTime b) { return a.ms <=> b.ms; }
};

struct Duration {
  int64_t ms = 0;
  static constexpr Duration Milliseconds(int64_t v) { return {v}; }
  static constexpr Duration Seconds(int64_t v) { return {v * 1000}; }
  friend constexpr bool operator==(Duration a, Duration b) { return a.ms == b.ms; }
  friend constexpr auto operator<=>(Duration a, Duration b) { return a.ms <=> b.ms; }
};

constexpr SimTime operator+(SimTime t, Duration d) { return {t.ms + d.ms}; }
constexpr Duration operator-(SimTime a, SimTime b) { return {a.ms - b.ms}; }

// ISO-8601 with milliseconds and Z, as the Context object shows times: 2023-11-21T06:27:31.545Z
std::string FormatIso8601Millis(SimTime t);
// As the AWS CLI v2 prints history timestamps: 2023-11-21T06:27:31.545000+00:00, and
// 2023-11-21T06:27:31+00:00 on a whole second
std::string FormatCliTimestamp(SimTime t);

}  // namespace sim
