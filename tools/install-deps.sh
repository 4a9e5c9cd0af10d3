#!/usr/bin/env bash
# Installs the Debian packages sfnsim builds with. Idempotent: quiet when all are present.
set -euo pipefail
packages=(build-essential cmake nlohmann-json3-dev libboost-graph-dev libfmt-dev libgtest-dev
          libgmock-dev libbenchmark-dev libyaml-cpp-dev libcli11-dev libsqlite3-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq >/dev/null
$sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
