#!/usr/bin/env bash
# Installs the Debian packages sfnsim builds with. Idempotent: quiet when all are present.
set -euo pipefail
packages=(build-essential cmake nlohmann-json3-dev libboost-graph-dev libfmt-dev libgtest-dev
          libgmock-dev libbenchmark-dev libyaml-cpp-dev libcli11-dev libsqlite3-dev
          pkg-config libcpp-httplib-dev libjemalloc-dev)
# CI's sanitizer stage and the fuzz targets build with clang 14 and its libFuzzer runtime
# (tests/fuzz); tools/coverage.sh needs lcov (docs/testing.md).
packages+=(clang libclang-rt-14-dev lcov)
# The browser tests (tests/browser) load the HTML report in headless Chromium; `sfnsim graph
# --format svg` runs Graphviz's dot. Without recommends, Chromium still runs headless (checked
# with Mesa's DRI drivers and the Liberation fonts hidden); DejaVu gives the screenshots glyphs.
packages+=(chromium graphviz fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# sfnsim deploy and its tests (tests/integration/cli_deploy_test.cc) run the AWS CLI against moto's
# server. The machine image's Python has moto[server], awscli and cfn-lint (pip; PyPI itself is not
# reachable); Debian has no moto, so here only a missing AWS CLI can be installed.
command -v aws >/dev/null 2>&1 || missing+=(awscli)
if ! command -v moto_server >/dev/null 2>&1; then
  echo "install-deps: moto_server is not on PATH; the CliDeployTest tests will fail (they need" \
       "the pip package moto[server], which the machine image provides)" >&2
fi
[ ${#missing[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq >/dev/null
$sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
