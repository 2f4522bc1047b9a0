#!/usr/bin/env bash
# The operator's load run (docs/relay.md, "Relays as a cluster"): a
# three-node NATS JetStream cluster (deploy/nats) with two relays on it, and
# one bbolt relay beside them, all on this machine, loaded by
# scriptroom-bench:
#   1. cluster, READERS readers and WRITERS writers in ROOMS rooms for
#      DURATION, relay A killed with SIGKILL halfway (its clients move to B);
#   2. cluster, P99_READERS readers, no kill: each reader is on the other
#      relay than its room's writer (clients take the two URLs in turn), so
#      its p99 is the cross-relay latency;
#   3. the single bbolt relay under the loads of 1 (without the kill) and 2.
# Prints each run's final JSON line, then a table of them all with the load
# average; the script fails if any run lost an acknowledged event. Logs
# and data go to tmp/cluster-bench/ (made afresh).
# Usage: cluster-bench.sh NATS_SERVER RELAY_BINARY BENCH_BINARY
# Environment: DURATION (60s), READERS (1000), WRITERS (10), ROOMS (100),
# P99_READERS (100), SIZE (500), RATE (10), DRAIN (90s), RELAY_FLAGS
# (extra relay flags). A smoke run: DURATION=10s READERS=100 DRAIN=30s.
set -euo pipefail
nats_server=$1 relay=$2 bench=$3
duration=${DURATION:-60s} readers=${READERS:-1000} writers=${WRITERS:-10} rooms=${ROOMS:-100}
p99_readers=${P99_READERS:-100} size=${SIZE:-500} rate=${RATE:-10} drain=${DRAIN:-90s}
read -r -a relay_flags <<<"${RELAY_FLAGS:-}"
dir=tmp/cluster-bench
secs=${duration%s}
case $secs in '' | *[!0-9]*)
  echo "cluster-bench: DURATION must be whole seconds, e.g. 60s (got $duration)" >&2
  exit 2
  ;;
esac

for port in 4221 4222 4223 6221 6222 6223 8221 8222 8223 8788 8789 8790; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "cluster-bench: port $port is in use (is \`make cluster\` running?): stop it first" >&2
    exit 1
  fi
done

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
rm -rf "$dir"
mkdir -p "$dir"

for i in 1 2 3; do
  sed "s|tmp/cluster/n$i|$dir/n$i|" "deploy/nats/n$i.conf" >"$dir/n$i.conf"
  "$nats_server" -c "$dir/n$i.conf" >"$dir/n$i.log" 2>&1 &
  pids+=($!)
done
for i in 1 2 3; do
  for _ in $(seq 300); do
    curl -fsS "http://127.0.0.1:822$i/healthz?js-enabled-only=true" >/dev/null 2>&1 && break
    sleep 0.1
  done
done
nats_urls=nats://127.0.0.1:4221,nats://127.0.0.1:4222,nats://127.0.0.1:4223

# start_relay PORT ARGS... starts a relay and sets relay_pid.
start_relay() {
  local port=$1
  shift
  "$relay" --listen "127.0.0.1:$port" --name "relay-$port" "$@" "${relay_flags[@]}" >>"$dir/relay-$port.log" 2>&1 &
  relay_pid=$!
  pids+=("$relay_pid")
  for _ in $(seq 600); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.1
  done
  echo "cluster-bench: the relay on port $port did not become healthy: see $dir/relay-$port.log" >&2
  exit 1
}

start_relay 8788 --nats "$nats_urls" --nats-replicas 3
pid_a=$relay_pid
start_relay 8789 --nats "$nats_urls" --nats-replicas 3
start_relay 8790 --data "$dir/bolt"

A=ws://127.0.0.1:8788/ws B=ws://127.0.0.1:8789/ws ONE=ws://127.0.0.1:8790/ws
failed=0

# load NAME RELAYS READERS [KILL_PID]: one scriptroom-bench run; with
# KILL_PID, that process is killed with SIGKILL once half of DURATION has
# been spent publishing.
load() {
  local name=$1 relays=$2 n=$3 kill_pid=${4:-}
  echo "== $name: $writers writers, $n readers, $rooms rooms, $duration, relays $relays" >&2
  "$bench" --relays "$relays" --writers "$writers" --readers "$n" --rooms "$rooms" \
    --size "$size" --rate "$rate" --duration "$duration" --drain "$drain" \
    >"$dir/$name.json" 2>"$dir/$name.progress" &
  local bench_pid=$!
  if [ -n "$kill_pid" ]; then
    local half=$((secs / 2))
    while kill -0 "$bench_pid" 2>/dev/null; do
      # Progress lines: "  12.0s publishing: acked ..."
      local t
      t=$(grep -E '^ *[0-9.]+s publishing' "$dir/$name.progress" | tail -1 | sed -E 's/^ *([0-9]+).*/\1/' || true)
      if [ -n "$t" ] && [ "$t" -ge "$half" ]; then
        kill -KILL "$kill_pid"
        echo "   SIGKILL relay $kill_pid at ${t}s of publishing" >&2
        break
      fi
      sleep 0.2
    done
  fi
  local rc=0
  wait "$bench_pid" || rc=$?
  tail -3 "$dir/$name.progress" | sed 's/^/   /' >&2
  echo "$name $(tail -1 "$dir/$name.json")"
  if [ "$rc" != 0 ]; then
    echo "cluster-bench: $name: scriptroom-bench exited $rc (see $dir/$name.progress)" >&2
    failed=1
  fi
}

# field NAME KEY: a number from run NAME's final JSON line.
field() {
  tail -1 "$dir/$1.json" 2>/dev/null | sed -nE "s/.*\"$2\":([0-9.]+).*/\1/p"
}

load cluster-kill "$A,$B" "$readers" "$pid_a"
start_relay 8788 --nats "$nats_urls" --nats-replicas 3
load cluster-cross "$A,$B" "$p99_readers"
load bolt "$ONE" "$readers"
load bolt-p99 "$ONE" "$p99_readers"

echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) on $(nproc 2>/dev/null || echo '?') cores"
printf '| %-13s | %7s | %8s | %4s | %10s | %8s | %8s | %10s | %10s |\n' run acked received lost duplicates p50_ms p99_ms ack_p99_ms reconnects
printf '|%s|\n' '---------------|---------|----------|------|------------|----------|----------|------------|------------'
for name in cluster-kill cluster-cross bolt bolt-p99; do
  printf '| %-13s | %7s | %8s | %4s | %10s | %8s | %8s | %10s | %10s |\n' "$name" \
    "$(field "$name" acked)" "$(field "$name" received)" "$(field "$name" lost)" "$(field "$name" duplicates)" \
    "$(field "$name" p50_ms)" "$(field "$name" p99_ms)" "$(field "$name" ack_p99_ms)" "$(field "$name" reconnects)"
done
exit "$failed"
