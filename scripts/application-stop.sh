#!/usr/bin/env bash
# CodeDeploy ApplicationStop: stops the running release (workers first, so they hand back their
# ranges; then the master; then the API). Nothing running is fine: safe to run any number of times.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

if [[ "$SERVICE_MANAGER" == systemd ]]; then
  # every worker instance that exists, not only WORKER_COUNT of them (the count may have shrunk)
  mapfile -t units < <("$SYSTEMCTL" list-units --all --plain --no-legend 'tixproof-worker@*.service' | awk '{print $1}')
  units+=(tixproof-master.service tixproof-api.service)
  for unit in "${units[@]}"; do
    if "$SYSTEMCTL" is-active --quiet "$unit"; then
      log "stopping $unit"
      "$SYSTEMCTL" stop "$unit"
    fi
  done
else
  mkdir -p "$RUN_DIR"
  # workers of any count (pid files that exist) side by side, then master, then api
  for file in "$RUN_DIR"/worker-*.pid; do
    [[ -e "$file" && "$file" != *.child.pid ]] || continue
    name=${file##*/}
    stop_process "${name%.pid}" &
  done
  wait
  stop_process master
  stop_process api
fi
log "stopped"
