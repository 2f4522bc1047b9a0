#!/usr/bin/env bash
# Starts a three-node NATS JetStream cluster (deploy/nats/n1..n3.conf) and two
# relays on it, on 127.0.0.1:8788 and 127.0.0.1:8789, until Ctrl-C.
# Usage: cluster.sh NATS_SERVER RELAY_BINARY
set -euo pipefail
nats_server=$1 relay=$2
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
mkdir -p tmp/cluster
for i in 1 2 3; do
  "$nats_server" -c "deploy/nats/n$i.conf" >"tmp/cluster/n$i.log" 2>&1 &
  pids+=($!)
done
# The relays wait for the stream themselves; the nodes need to see each other.
for i in 1 2 3; do
  for _ in $(seq 100); do
    curl -fsS "http://127.0.0.1:822$i/healthz?js-enabled-only=true" >/dev/null 2>&1 && break
    sleep 0.1
  done
done
urls=nats://127.0.0.1:4221,nats://127.0.0.1:4222,nats://127.0.0.1:4223
for port in 8788 8789; do
  "$relay" --listen "127.0.0.1:$port" --name "relay-$port" --nats "$urls" --nats-replicas 3 \
    >"tmp/cluster/relay-$port.log" 2>&1 &
  pids+=($!)
done
for port in 8788 8789; do
  for _ in $(seq 300); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  echo "relay ws://127.0.0.1:$port/ws: $(curl -sS "http://127.0.0.1:$port/healthz")"
done
echo "NATS monitoring on http://127.0.0.1:8221..8223; logs in tmp/cluster/. Ctrl-C stops everything."
wait
