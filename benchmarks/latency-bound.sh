#!/usr/bin/env bash
# How close `altinn-sync sync` comes to the latency bound (requests x latency / concurrency) and to curl
# sending the same requests, at concurrency 8 and 32, with the release build as it is installed (the Swift
# runtime linked in statically, as in the Debian package; see latency-bound.py).
#
#   benchmarks/latency-bound.sh [INSTANCES] [RUNS] [LATENCY_MS]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product altinn-sync 2>&1 | grep -E "error" || true
swift build -c release --product altinn-sim 2>&1 | grep -E "error" || true
exec python3 benchmarks/latency-bound.py "$(swift build -c release --show-bin-path)" "${1:-300}" "${2:-3}" "${3:-50}"
