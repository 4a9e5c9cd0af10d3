#!/usr/bin/env bash
# Runs the fuzz targets of a libFuzzer build (cmake --preset fuzz) for a bounded time each and
# reports executions, corpus growth and crashes per target (docs/testing.md).
#
#   tests/fuzz/run_fuzzers.sh BUILD_DIR SECONDS_PER_TARGET [TARGET...]
#
# Targets run FUZZ_JOBS at a time (default 2). Each starts from its corpus in
# BUILD_DIR/fuzz/corpus/<target> (kept between runs), the seeds gathered from tests/data, fixtures
# and scenarios (target fuzz_seeds), the hand-written seeds (tests/fuzz/seeds/<target>) and the
# reproducers of past crashes (tests/fuzz/regressions/<target>). A crash, a timeout (an input
# slower than FUZZ_TIMEOUT seconds, default 10) or an out-of-memory (FUZZ_RSS_MB, default 2048)
# leaves its input in BUILD_DIR/fuzz/artifacts/<target>/ and makes the script exit 1: copy it
# into tests/fuzz/regressions/<target>/ with the fix, so fuzz.<target> replays it in every build.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 BUILD_DIR SECONDS_PER_TARGET [TARGET...]" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
seconds=$2
shift 2
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
fuzz_dir=$build/fuzz
jobs=${FUZZ_JOBS:-2}

if [ ! -x "$fuzz_dir/sfnsim_fuzz_seeds" ]; then
  echo "$0: $build is not a libFuzzer build (cmake --preset fuzz; cmake --build --preset fuzz)" >&2
  exit 2
fi
cmake --build "$build" --target fuzz_seeds >/dev/null

if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for binary in "$fuzz_dir"/fuzz_*; do targets+=("$(basename "$binary" | sed 's/^fuzz_//')"); done
fi

dictionary_of() {
  case "$1" in
    definition_*|template) echo asl ;;
    json_path|reference_path|intrinsic|payload_template|choice_rule) echo expression ;;
    jsonata) echo jsonata ;;
    dynamodb_expression) echo dynamodb ;;
    *) echo simulator ;;
  esac
}

run_one() {
  local target=$1
  local corpus=$fuzz_dir/corpus/$target artifacts=$fuzz_dir/artifacts/$target
  rm -rf "$artifacts"
  mkdir -p "$corpus" "$artifacts"
  local inputs=("$corpus")
  for dir in "$fuzz_dir/seeds/$target" "$source_dir/tests/fuzz/seeds/$target" \
             "$source_dir/tests/fuzz/regressions/$target"; do
    [ -d "$dir" ] && inputs+=("$dir")
  done
  # LeakSanitizer stays on: a leak on a parse error path is a finding too.
  "$fuzz_dir/fuzz_$target" -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-10}" \
      -rss_limit_mb="${FUZZ_RSS_MB:-2048}" -max_len="${FUZZ_MAX_LEN:-16384}" \
      -print_final_stats=1 -artifact_prefix="$artifacts/" \
      -dict="$source_dir/tests/fuzz/dicts/$(dictionary_of "$target").dict" \
      "${inputs[@]}" >"$fuzz_dir/$target.log" 2>&1
}

mkdir -p "$fuzz_dir/corpus"
status=0
running=0
for target in "${targets[@]}"; do
  if [ ! -x "$fuzz_dir/fuzz_$target" ]; then
    echo "$0: no fuzz target $target" >&2
    exit 2
  fi
  run_one "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || status=1
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || status=1
  running=$((running - 1))
done

printf '%-20s %12s %9s %8s  %s\n' target executions exec/s corpus result
for target in "${targets[@]}"; do
  log=$fuzz_dir/$target.log
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  corpus=$(find "$fuzz_dir/corpus/$target" -type f | wc -l)
  found=$(find "$fuzz_dir/artifacts/$target" -type f | wc -l)
  result=ok
  if [ "$found" -gt 0 ]; then
    result="$found finding(s) in $fuzz_dir/artifacts/$target (log: $log)"
    status=1
  elif ! grep -q '^stat::number_of_executed_units' "$log"; then
    result="did not finish (log: $log)"
    status=1
  fi
  printf '%-20s %12s %9s %8s  %s\n' "$target" "${execs:-?}" "${rate:-?}" "$corpus" "$result"
done
if [ "$status" -ne 0 ]; then
  for log in "$fuzz_dir"/*.log; do
    grep -q -E 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer)|runtime error:|==ERROR' "$log" || continue
    echo "=== $(basename "$log" .log)"
    grep -E -A 25 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer)|runtime error:|sfnsim fuzz target:' \
        "$log" | head -60
  done
fi
exit $status
