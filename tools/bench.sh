#!/usr/bin/env bash
# Builds the benchmark target (sfnsim_bench, tests/bench/) in Release and runs every benchmark,
# after a description of the machine: CPU model, cores, RAM, compiler, build type, git commit
# and the load average (timings from a loaded machine are not comparable).
#
#   tools/bench.sh                                   # build-bench/, every benchmark
#   BUILD_DIR=build-h5 tools/bench.sh --benchmark_filter=ExecutorLoop --benchmark_repetitions=5
#
# Arguments go to sfnsim_bench unchanged (Google Benchmark flags). Rates such as
# events_per_second are per CPU second of the benchmark's thread (Google Benchmark's
# kIsRate), so a busy second core disturbs them less than the wall times.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build-bench}"
jobs="${JOBS:-2}"

if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSFNSIM_BUILD_BENCHMARKS=ON >/dev/null
else
  # Sources are globbed: reconfigure so that new benchmark files are picked up.
  cmake -S "$root" -B "$build" -DSFNSIM_BUILD_BENCHMARKS=ON >/dev/null
fi
build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt")"
if [[ "$build_type" != "Release" ]]; then
  echo "tools/bench.sh: $build is a '$build_type' build; benchmarks need Release" \
       "(set BUILD_DIR to another directory)" >&2
  exit 2
fi
cmake --build "$build" -j"$jobs" --target sfnsim_bench >&2

cxx="$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")"
unity="$(sed -n 's/^SFNSIM_UNITY_BUILD:BOOL=//p' "$build/CMakeCache.txt")"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$root" status --porcelain -uno 2>/dev/null)" ]]; then
  commit="$commit (working tree has uncommitted changes)"
fi
cpu="$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
mem_kb="$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)"

echo "# sfnsim benchmarks"
echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "cpu:         ${cpu:-unknown}, $(nproc) cores online"
echo "ram:         $((mem_kb / 1024 / 1024)) GiB"
echo "os:          $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
echo "compiler:    $("$cxx" --version | head -1)"
echo "build:       $build_type, unity ${unity:-?} ($build)"
echo "benchmark:   Google Benchmark $(dpkg-query -W -f='${Version}' libbenchmark-dev 2>/dev/null || echo '?')"
echo "             (its \"Library was built as DEBUG\" warning is about the libbenchmark package)"
echo "git commit:  $commit"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
echo
"$build/sfnsim_bench" "$@"
echo
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
