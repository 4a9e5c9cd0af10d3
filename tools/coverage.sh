#!/usr/bin/env bash
# Line and branch coverage of asl/ and simulator/ by the whole test suite (docs/testing.md):
# builds the `coverage` preset (gcc --coverage, -O0), runs every CTest test, and prints lcov's
# summaries. The HTML report goes to BUILD/coverage-html when genhtml is installed (it comes with
# lcov).
#
#   tools/coverage.sh [BUILD_DIR]      (default build-coverage)
#
# Branch figures leave out the branches gcc adds for exceptions (geninfo_no_exception_branch):
# they are calls that may throw, not decisions of the code.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-coverage}
if ! command -v lcov >/dev/null 2>&1; then
  echo "coverage.sh: lcov is not installed (tools/install-deps.sh installs it)" >&2
  exit 2
fi

cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Debug -DSFNSIM_COVERAGE=ON \
      -DSFNSIM_UNITY_BUILD=OFF -DSFNSIM_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" -j2
lcov --quiet --zerocounters --directory "$build"
# Instrumented -O0 binaries are slower than the Debug build the catalogue's timeouts assume.
SFNSIM_CATALOGUE_TIMEOUT_SCALE=${SFNSIM_CATALOGUE_TIMEOUT_SCALE:-4} \
  ctest --test-dir "$build" -j2 --output-on-failure || echo "coverage.sh: some tests failed" >&2

rc=(--rc lcov_branch_coverage=1 --rc geninfo_no_exception_branch=1)
lcov --quiet "${rc[@]}" --capture --directory "$build" --base-directory "$PWD" \
     --output-file "$build/coverage.all.info"
for area in asl simulator; do
  lcov --quiet "${rc[@]}" --extract "$build/coverage.all.info" "$PWD/$area/*" \
       --output-file "$build/coverage.$area.info"
done
lcov --quiet "${rc[@]}" --add-tracefile "$build/coverage.asl.info" \
     --add-tracefile "$build/coverage.simulator.info" --output-file "$build/coverage.info"
for area in asl simulator; do
  echo "== $area/"
  lcov "${rc[@]}" --summary "$build/coverage.$area.info" 2>&1 | grep -E 'lines|branches|functions'
done
echo "== asl/ and simulator/"
lcov "${rc[@]}" --summary "$build/coverage.info" 2>&1 | grep -E 'lines|branches|functions'
if command -v genhtml >/dev/null 2>&1; then
  genhtml --quiet "${rc[@]}" --output-directory "$build/coverage-html" "$build/coverage.info"
  echo "HTML report: $build/coverage-html/index.html"
fi
