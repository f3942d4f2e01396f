#!/usr/bin/env bash
# CodeDeploy ApplicationStart: starts the API, the master (after the API wrote its callback secret)
# and WORKER_COUNT workers of the current release. A service already running this release is left
# alone, so running it again changes nothing.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

release=$(readlink -f "$CURRENT_LINK")
if [[ ! -d "$release" ]]; then
  log "no current release under $RELEASE_ROOT: AfterInstall has not run"
  exit 1
fi

start_process() {
  local name=$1 service=${1%%-*} pid
  pid=$(running_pid "$name")
  if [[ -n "$pid" ]]; then
    if [[ "$(cat "$RUN_DIR/$name.release" 2>/dev/null)" == "$release" ]]; then
      log "$name already running (supervisor $pid)"
      return 0
    fi
    log "$name runs an older release: restarting it"
    stop_process "$name"
  fi
  local heartbeat=
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
      log "the API did not write $file within ${VALIDATE_TIMEOUT}s"
      exit 1
    fi
    sleep 0.5
  done
}

if [[ "$SERVICE_MANAGER" == systemd ]]; then
  systemctl enable --quiet tixproof-api.service tixproof-master.service
  systemctl start tixproof-api.service
  wait_for_callback_secret
  systemctl start tixproof-master.service
  for ((i = 1; i <= WORKER_COUNT; i++)); do
    systemctl enable --quiet "tixproof-worker@$i.service"
    systemctl start "tixproof-worker@$i.service"
  done
  # fewer workers than last time: stop and disable the extra instances
  while read -r unit; do
    n=${unit#tixproof-worker@}
    n=${n%.service}
    if [[ "$n" =~ ^[0-9]+$ ]] && ((n > WORKER_COUNT)); then
      log "stopping surplus $unit"
      systemctl disable --now --quiet "$unit"
    fi
  done < <(systemctl list-units --all --plain --no-legend 'tixproof-worker@*.service' | awk '{print $1}')
else
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  start_process api
  wait_for_callback_secret
  start_process master
  for ((i = 1; i <= WORKER_COUNT; i++)); do
    start_process "worker-$i"
  done
  # fewer workers than last time: stop the extra ones
  for file in "$RUN_DIR"/worker-*.pid; do
    [[ -e "$file" && "$file" != *.child.pid ]] || continue
    name=${file##*/}
    name=${name%.pid}
    if ((${name#worker-} > WORKER_COUNT)); then
      log "stopping surplus $name"
      stop_process "$name"
    fi
  done
fi
log "started release ${release##*/} ($SERVICE_MANAGER, $WORKER_COUNT workers)"
