#!/usr/bin/env bash
# CodeDeploy ApplicationStart: starts this host's roles (TIXPROOF_ROLES) of the current release: the
# API, the master (once the API wrote its callback secret, unless CALLBACK_SECRET is given) and
# WORKER_COUNT workers. A service already running this release is left alone, so running it again
# changes nothing; workers beyond WORKER_COUNT (or on a host without the workers role) are stopped.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

release=$(readlink -f "$CURRENT_LINK")
if [[ ! -d "$release" ]]; then
  log "no current release under $RELEASE_ROOT: AfterInstall has not run"
  exit 1
fi
workers=0
if has_role workers; then
  workers=$WORKER_COUNT
fi

start_process() {
  local name=$1 service=${1%%-*} pid heartbeat=
  pid=$(running_pid "$name")
  if [[ -n "$pid" ]]; then
    if [[ "$(cat "$RUN_DIR/$name.release" 2>/dev/null)" == "$release" ]]; then
      log "$name already running (supervisor $pid)"
      return 0
    fi
    log "$name runs an older release: restarting it"
    stop_process "$name"
  fi
  if [[ $service == worker ]]; then
    heartbeat=$RUN_DIR/$name.heartbeat
  fi
  # run-service.sh loads TIXPROOF_ENV_FILE (systemd passes the same file as EnvironmentFile=)
  TIXPROOF_ENV_FILE=$TIXPROOF_ENV_FILE RELEASE_ROOT=$RELEASE_ROOT HEARTBEAT_FILE=$heartbeat \
    setsid "$release/scripts/supervise.sh" "$name" "$RUN_DIR/$name.child.pid" \
    "$release/scripts/run-service.sh" "$service" >> "$LOG_DIR/$name.log" 2>&1 < /dev/null &
  echo $! > "$RUN_DIR/$name.pid"
  echo "$release" > "$RUN_DIR/$name.release"
  log "$name started (supervisor $!, log $LOG_DIR/$name.log)"
}

# the master needs the API's callback secret: wait for the file unless it is given
wait_for_callback_secret() {
  local file=${CALLBACK_SECRET_FILE:-${DATA_DIR:-$SHARED_DIR/data}/secrets/callback.key} deadline
  [[ -n "${CALLBACK_SECRET:-}" ]] && return 0
  deadline=$((SECONDS + VALIDATE_TIMEOUT))
  until [[ -s "$file" ]]; do
    if ((SECONDS >= deadline)); then
      log "no CALLBACK_SECRET and $file was not written within ${VALIDATE_TIMEOUT}s (a master-only host needs CALLBACK_SECRET)"
      exit 1
    fi
    sleep 0.5
  done
}

if [[ "$SERVICE_MANAGER" == systemd ]]; then
  if has_role api; then
    "$SYSTEMCTL" enable --quiet tixproof-api.service
    "$SYSTEMCTL" start tixproof-api.service
  fi
  if has_role master; then
    wait_for_callback_secret
    "$SYSTEMCTL" enable --quiet tixproof-master.service
    "$SYSTEMCTL" start tixproof-master.service
  fi
  for ((i = 1; i <= workers; i++)); do
    "$SYSTEMCTL" enable --quiet "tixproof-worker@$i.service"
    "$SYSTEMCTL" start "tixproof-worker@$i.service"
  done
  while read -r unit; do
    n=${unit#tixproof-worker@}
    n=${n%.service}
    if [[ "$n" =~ ^[0-9]+$ ]] && ((n > workers)); then
      log "stopping surplus $unit"
      "$SYSTEMCTL" disable --now --quiet "$unit"
    fi
  done < <("$SYSTEMCTL" list-units --all --plain --no-legend 'tixproof-worker@*.service' | awk '{print $1}')
else
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  if has_role api; then
    start_process api
  fi
  if has_role master; then
    wait_for_callback_secret
    start_process master
  fi
  for ((i = 1; i <= workers; i++)); do
    start_process "worker-$i"
  done
  for file in "$RUN_DIR"/worker-*.pid; do
    [[ -e "$file" && "$file" != *.child.pid ]] || continue
    name=${file##*/}
    name=${name%.pid}
    if ((${name#worker-} > workers)); then
      log "stopping surplus $name"
      stop_process "$name"
    fi
  done
fi
log "started release ${release##*/} ($SERVICE_MANAGER; roles: $TIXPROOF_ROLES; $workers workers)"
