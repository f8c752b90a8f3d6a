#!/usr/bin/env bash
# Archives one instance with a large generated data element from the simulator and reports the peak
# resident memory and the throughput of `altinn-sync sync`. Memory must not grow with the file size.
#
#   benchmarks/large-download.sh [SIZE_BYTES] [debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-2147483648}
configuration=${2:-debug}

swift build -c "$configuration" --product altinn-sync 2>&1 | grep -E "error" || true
swift build -c "$configuration" --product altinn-sim 2>&1 | grep -E "error" || true
bin=$(swift build -c "$configuration" --show-bin-path)

work=$(mktemp -d)
trap 'kill "$sim" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin/altinn-sim" --port 0 --instances 1 --in-progress-share 0 --lost-event-share 0 \
    --duplicate-event-share 0 --visibility-lag 0 --large-element-size "$size" \
    --write-config "$work/altinn-sync.json" >"$work/sim.out" 2>&1 &
sim=$!
for _ in $(seq 1 100); do grep -q listening "$work/sim.out" 2>/dev/null && break; sleep 0.1; done

/usr/bin/time -f "%M %e" -o "$work/time" "$bin/altinn-sync" sync -q --config "$work/altinn-sync.json"
read -r rss_kib seconds <"$work/time"
archived=$(du -sb "$work/archive" | cut -f1)
echo "configuration:   $configuration"
echo "element size:    $size bytes"
echo "archived:        $archived bytes"
echo "wall time:       $seconds s"
echo "throughput:      $(python3 -c "print(f'{$archived / max($seconds, 0.001) / 1048576:.1f}')") MiB/s"
echo "peak RSS:        $((rss_kib / 1024)) MiB"
