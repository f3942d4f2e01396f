#!/usr/bin/env bash
# CodeDeploy ValidateService: the deployment succeeds only when, within VALIDATE_TIMEOUT seconds,
# each of this host's roles is healthy: api -> GET /health answers 200 (PostgreSQL reachable);
# master -> GET /heartbeat answers 200 (PostgreSQL and Redis reachable); workers -> the master's
# GET /workers (MASTER_URL) lists at least WORKER_COUNT live workers of this host.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

deadline=$((SECONDS + VALIDATE_TIMEOUT))
remaining() {
  local left=$((deadline - SECONDS))
  echo $((left > 0 ? left : 0))
}

if has_role api; then
  if ! wait_http "http://127.0.0.1:$API_PORT/health" "$(remaining)"; then
    log "API /health did not answer 200 on port $API_PORT within ${VALIDATE_TIMEOUT}s"
    exit 1
  fi
  log "API healthy: $(curl -fsS --max-time 3 "http://127.0.0.1:$API_PORT/health")"
fi

if has_role master; then
  if ! wait_http "http://127.0.0.1:$MASTER_PORT/heartbeat" "$(remaining)"; then
    log "master /heartbeat did not answer 200 on port $MASTER_PORT within ${VALIDATE_TIMEOUT}s"
    exit 1
  fi
  log "master healthy: $(curl -fsS --max-time 3 "http://127.0.0.1:$MASTER_PORT/heartbeat")"
fi

if has_role workers; then
  # workers are named <hostname>-<pid>-<random> by default: count this host's
  host=$(hostname)
  live=0
  while :; do
    live=$(curl -fsS --max-time 3 "$MASTER_URL/workers" 2>/dev/null \
      | grep -o "\"id\":\"$host-[^\"]*\"" | sort -u | wc -l || true)
    if ((live >= WORKER_COUNT)); then
      break
    fi
    if (($(remaining) == 0)); then
      log "the master ($MASTER_URL) lists $live of this host's $WORKER_COUNT workers after ${VALIDATE_TIMEOUT}s"
      exit 1
    fi
    sleep 1
  done
  log "$live workers of $host live"
fi
log "valid (roles: $TIXPROOF_ROLES)"
