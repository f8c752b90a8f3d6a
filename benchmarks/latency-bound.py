#!/usr/bin/env python3
"""How close `altinn-sync sync` comes to the latency bound, and to curl doing the same requests.

Against `altinn-sim` on loopback with every response delayed by LATENCY ms, a warmed-up altinn-sync (token
cached, first reconciliation done) archives INSTANCES new submissions at concurrency 8 and 32. The bound is
(Altinn requests made) x latency / concurrency. The same requests, read back from the simulator's ledger, are
then sent by `curl --parallel --parallel-max C` with the same token. Each figure is the median of RUNS runs.

    benchmarks/latency-bound.py BIN_DIR [INSTANCES] [RUNS] [LATENCY_MS]
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

REQUEST_KINDS = {"eventsPage", "instanceQuery", "instanceRead", "dataElementsListed", "download", "complete"}


def start_simulator(sim, folder, latency):
    config = os.path.join(folder, "altinn-sync.json")
    out = open(os.path.join(folder, "sim.out"), "w+")
    process = subprocess.Popen(
        [sim, "--port", "0", "--instances", "0", "--visibility-lag", "0",
         "--fault", f"all:latency:always:{latency}", "--write-config", config],
        stdout=out, stderr=subprocess.STDOUT)
    for _ in range(600):
        out.seek(0)
        for line in out.read().splitlines():
            if line.startswith("listening on "):
                return process, line.split()[-1], config
        time.sleep(0.05)
    process.kill()
    sys.exit("altinn-sim did not start; see " + out.name)


def call(base, path, body=None):
    request = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(),
                                     method="GET" if body is None else "POST")
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def ledger(base):
    answer = call(base, "/_sim/ledger")
    return answer["entries"] if isinstance(answer, dict) else answer


def sync(binary, config, folder):
    timing = os.path.join(folder, "time")
    started = time.monotonic()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", timing, binary, "sync", "-q", "--config", config])
    wall = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"altinn-sync sync exited {result.returncode}")
    with open(timing) as file:
        rss_kib = int(file.read().split()[-1])
    return wall, rss_kib / 1024


def replay_with_curl(requests, base, token, concurrency, folder):
    lines = []
    for entry in requests:
        url = base + entry["path"] + (("?" + entry["query"]) if entry.get("query") else "")
        lines += [f'url = "{url}"', 'output = "/dev/null"', f'header = "Authorization: Bearer {token}"']
        if entry["method"] == "POST":
            lines += ['request = "POST"', 'data = ""']
        lines.append("next")
    config = os.path.join(folder, "curl.config")
    with open(config, "w") as file:
        file.write("\n".join(lines[:-1]) + "\n")
    started = time.monotonic()
    subprocess.run(["curl", "--silent", "--no-progress-meter", "--fail", "--parallel", "--parallel-max", str(concurrency), "-K", config],
                   check=True)
    return time.monotonic() - started


def one_run(bin_dir, instances, latency, concurrency, seed, work):
    # Each run's files stay until the end: deleting thousands of files makes the file system slower to
    # create the next run's (ext4 skips recently freed inodes), which would measure the benchmark, not the tool.
    folder = tempfile.mkdtemp(dir=work)
    sim, base, config = start_simulator(os.path.join(bin_dir, "altinn-sim"), folder, latency)
    try:
        with open(config) as file:
            settings = json.load(file)
        settings["concurrency"] = concurrency
        with open(config, "w") as file:
            json.dump(settings, file)
        binary = os.path.join(bin_dir, "altinn-sync")
        sync(binary, config, folder)  # warm-up: token cached, first reconciliation done
        call(base, "/_sim/instances", {"count": instances, "seed": seed})
        before = len(ledger(base))
        wall, rss = sync(binary, config, folder)
        entries = ledger(base)[before:]
        requests = [e for e in entries if e["kind"] in REQUEST_KINDS]
        tokens = [e for e in entries if e["kind"] in ("grantAccepted", "tokenExchanged")]
        archived = sum(len([f for f in files if f == "manifest.json"])
                       for _, _, files in os.walk(os.path.join(folder, "archive")))
        if archived != instances:
            sys.exit(f"archived {archived} of {instances}")
        quiet_before = len(ledger(base))
        sync(binary, config, folder)
        quiet = [e for e in ledger(base)[quiet_before:] if e["kind"] in REQUEST_KINDS]
        with open(os.path.join(folder, "state", "token-cache.json")) as file:
            token = json.load(file)["token"]
        curl = replay_with_curl(requests, base, token, concurrency, folder)
        return dict(wall=wall, rss=rss, requests=len(requests), tokens=len(tokens), curl=curl,
                    quiet=len(quiet), apps=len(settings["apps"]))
    finally:
        sim.terminate()
        sim.wait()


def main():
    bin_dir = sys.argv[1]
    instances = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    latency = int(sys.argv[4]) if len(sys.argv) > 4 else 50
    print(f"{instances} instances, {latency} ms latency, median of {runs} runs")
    print(f"{'C':>3} {'wall s':>7} {'requests':>8} {'bound s':>7} {'x bound':>7} {'curl s':>7} {'x curl':>6} "
          f"{'curl x bound':>12} {'peak RSS':>8}")
    work = tempfile.mkdtemp(prefix="altinn-sync-latency-")
    try:
        for concurrency in (8, 32):
            report(bin_dir, instances, runs, latency, concurrency, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(bin_dir, instances, runs, latency, concurrency, work):
    results = [one_run(bin_dir, instances, latency, concurrency, 1000 + run, work) for run in range(runs)]
    wall = statistics.median(r["wall"] for r in results)
    curl = statistics.median(r["curl"] for r in results)
    requests = statistics.median(r["requests"] for r in results)
    bound = requests * latency / 1000 / concurrency
    rss = max(r["rss"] for r in results)
    print(f"{concurrency:>3} {wall:>7.2f} {requests:>8.0f} {bound:>7.2f} {wall / bound:>7.2f} {curl:>7.2f} "
          f"{wall / curl:>6.2f} {curl / bound:>12.2f} {rss:>6.1f} MiB")
    walls, curls = sorted(r["wall"] for r in results), sorted(r["curl"] for r in results)
    print(f"    runs: altinn-sync {walls[0]:.2f}-{walls[-1]:.2f} s, curl {curls[0]:.2f}-{curls[-1]:.2f} s")
    if any(r["tokens"] for r in results):
        print("    note: some runs fetched a token inside the timed sync")
    quiet = max(r["quiet"] for r in results)
    print(f"    a run with nothing new made {quiet} request(s) for {results[0]['apps']} app(s)")


if __name__ == "__main__":
    main()
