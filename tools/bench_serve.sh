#!/usr/bin/env bash
# sfnsim serve's throughput beside moto_server's, in the same run: StartExecution +
# DescribeExecution round trips over loopback (tests/bench/serve_roundtrip_bench.cc). Starts
# moto_server on a free port, runs both benchmarks through tools/bench.sh, stops moto.
#
#   tools/bench_serve.sh                       # build-bench/, Release
#   BUILD_DIR=build-x tools/bench_serve.sh --benchmark_repetitions=3
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.pyenv/shims:$HOME/.pyenv/bin:$PATH"
command -v moto_server >/dev/null || { echo "bench_serve: moto_server is not on PATH" >&2; exit 2; }
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
log="$(mktemp)"
moto_server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null; wait $moto 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),1)" 2>/dev/null && break
  sleep 0.1
done
SFNSIM_BENCH_MOTO_URL="http://127.0.0.1:$port" "$root/tools/bench.sh" \
  --benchmark_filter='RoundTrip' "$@"
