#!/usr/bin/env bash
# Archives many small instances from the simulator and reports the peak resident memory, the wall time and
# the instances per second of `altinn-sync sync`. Memory must not grow with the number of events.
#
#   benchmarks/many-instances.sh [INSTANCES] [debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."
instances=${1:-2000}
configuration=${2:-debug}

swift build -c "$configuration" --product altinn-sync 2>&1 | grep -E "error" || true
swift build -c "$configuration" --product altinn-sim 2>&1 | grep -E "error" || true
bin=$(swift build -c "$configuration" --show-bin-path)

work=$(mktemp -d)
trap 'kill "$sim" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin/altinn-sim" --port 0 --instances "$instances" --in-progress-share 0 --visibility-lag 0 \
    --write-config "$work/altinn-sync.json" >"$work/sim.out" 2>&1 &
sim=$!
for _ in $(seq 1 300); do grep -q listening "$work/sim.out" 2>/dev/null && break; sleep 0.1; done

/usr/bin/time -f "%M %e" -o "$work/time" "$bin/altinn-sync" sync -q --config "$work/altinn-sync.json"
read -r rss_kib seconds <"$work/time"
archived=$(find "$work/archive" -name manifest.json | wc -l)
echo "configuration:   $configuration"
echo "instances:       $archived archived of $instances"
echo "wall time:       $seconds s"
echo "rate:            $(python3 -c "print(f'{$archived / max($seconds, 0.001):.0f}')") instances/s"
echo "peak RSS:        $((rss_kib / 1024)) MiB"
