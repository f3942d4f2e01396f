#!/usr/bin/env bash
# CodeDeploy ValidateService: the deployment succeeds only when the API's /health answers 200
# (PostgreSQL reachable), the master's /heartbeat answers 200 (PostgreSQL and Redis reachable) and
# the master sees at least WORKER_COUNT live workers, all within VALIDATE_TIMEOUT seconds.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

deadline=$((SECONDS + VALIDATE_TIMEOUT))
remaining() {
  local left=$((deadline - SECONDS))
  echo $((left > 0 ? left : 0))
}

if ! wait_http "http://127.0.0.1:$API_PORT/health" "$(remaining)"; then
  log "API /health did not answer 200 on port $API_PORT within ${VALIDATE_TIMEOUT}s"
  exit 1
fi
log "API healthy: $(curl -fsS --max-time 3 "http://127.0.0.1:$API_PORT/health")"

if ! wait_http "http://127.0.0.1:$MASTER_PORT/heartbeat" "$(remaining)"; then
  log "master /heartbeat did not answer 200 on port $MASTER_PORT within ${VALIDATE_TIMEOUT}s"
  exit 1
fi
log "master healthy: $(curl -fsS --max-time 3 "http://127.0.0.1:$MASTER_PORT/heartbeat")"

live=0
while :; do
  live=$(curl -fsS --max-time 3 "http://127.0.0.1:$MASTER_PORT/workers" \
    | sed -n 's/.*"workerCount":\([0-9][0-9]*\).*/\1/p' || true)
  live=${live:-0}
  if ((live >= WORKER_COUNT)); then
    break
  fi
  if (($(remaining) == 0)); then
    log "only $live of $WORKER_COUNT workers are live after ${VALIDATE_TIMEOUT}s"
    exit 1
  fi
  sleep 1
done
log "valid: API and master healthy, $live workers live"
