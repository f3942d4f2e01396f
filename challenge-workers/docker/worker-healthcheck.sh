#!/bin/sh
# Worker health: healthy while its heartbeat file (HEARTBEAT_FILE, rewritten by the worker after every
# heartbeat Redis accepted) is younger than the heartbeat TTL (HEARTBEAT_TTL_MS, default 4000 ms),
# i.e. while the master still lists this worker in GET /workers. Used by the container's HEALTHCHECK
# and, against real worker processes, by scripts/smoke-topology.sh.
file="${HEARTBEAT_FILE:?HEARTBEAT_FILE is not set}"
ttl_ms="${HEARTBEAT_TTL_MS:-4000}"
if [ ! -f "$file" ]; then
  echo "no heartbeat yet ($file)"
  exit 1
fi
age_s=$(( $(date +%s) - $(stat -c %Y "$file") ))
# stat has one-second resolution: allow one extra second
if [ "$age_s" -gt $(( ttl_ms / 1000 + 1 )) ]; then
  echo "last heartbeat ${age_s}s ago (TTL ${ttl_ms} ms)"
  exit 1
fi
echo "heartbeat ${age_s}s ago"
