# shellcheck shell=bash disable=SC2034 # the variables are for the scripts that source this file
# Shared by the CodeDeploy hook scripts (appspec.yml). Sourced, never run.
#
# Layout on the host (RELEASE_ROOT, default /opt/tixproof):
#   staging/             the revision as CodeDeploy copied it (appspec.yml `files`)
#   releases/<id>/       one folder per deployment (<id> = DEPLOYMENT_ID), KEEP_RELEASES kept
#   current -> releases/<id>   the release that runs
#   shared/data/         DATA_DIR of the API (generated secrets survive releases)
#   shared/logs/, shared/run/  logs and pid files (SERVICE_MANAGER=process)
#
# Settings come from the environment file TIXPROOF_ENV_FILE (default /etc/tixproof/tixproof.env):
# the application's variables (README, docs/operations.md) plus WORKER_COUNT and, optionally,
# TIXPROOF_ROLES, SERVICE_MANAGER, RELEASE_ROOT, SERVICE_USER. The hooks run as root under CodeDeploy; the test
# (scripts/test-codedeploy-hooks.sh) runs them unprivileged with SERVICE_MANAGER=process and a
# RELEASE_ROOT in a temporary folder, and their systemd path with SYSTEMCTL set to a stand-in
# (scripts/testing/systemctl-standin.sh) that runs the written units.

set -euo pipefail

TIXPROOF_ENV_FILE=${TIXPROOF_ENV_FILE:-/etc/tixproof/tixproof.env}
if [[ -r "$TIXPROOF_ENV_FILE" ]]; then
  # the deployment settings in it (WORKER_COUNT, ...) apply to the hooks too
  set -a
  # shellcheck disable=SC1090
  . "$TIXPROOF_ENV_FILE"
  set +a
fi

RELEASE_ROOT=${RELEASE_ROOT:-/opt/tixproof}
STAGING_DIR=${STAGING_DIR:-$RELEASE_ROOT/staging}
RELEASES_DIR=$RELEASE_ROOT/releases
CURRENT_LINK=$RELEASE_ROOT/current
SHARED_DIR=$RELEASE_ROOT/shared
RUN_DIR=$SHARED_DIR/run
LOG_DIR=$SHARED_DIR/logs
KEEP_RELEASES=${KEEP_RELEASES:-5}
WORKER_COUNT=${WORKER_COUNT:-2}
TIXPROOF_ROLES=${TIXPROOF_ROLES:-api master workers}
SERVICE_USER=${SERVICE_USER:-tixproof}
SYSTEMD_DIR=${SYSTEMD_DIR:-/etc/systemd/system}
SYSTEMCTL=${SYSTEMCTL:-systemctl}
STOP_TIMEOUT=${STOP_TIMEOUT:-40}
VALIDATE_TIMEOUT=${VALIDATE_TIMEOUT:-120}
API_PORT=${PORT:-8080}
MASTER_PORT=${MASTER_PORT:-8081}
MASTER_URL=${MASTER_URL:-http://127.0.0.1:$MASTER_PORT}

if [[ -z "${SERVICE_MANAGER:-}" || "$SERVICE_MANAGER" == auto ]]; then
  if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
    SERVICE_MANAGER=systemd
  else
    SERVICE_MANAGER=process
  fi
fi
case "$SERVICE_MANAGER" in
  systemd | process) ;;
  *) echo "SERVICE_MANAGER must be systemd, process or auto, got $SERVICE_MANAGER" >&2; exit 2 ;;
esac

log() {
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) [${LIFECYCLE_EVENT:-${0##*/}}] $*"
}

# whether this host runs a role: TIXPROOF_ROLES lists some of api, master, workers (default all
# three). Run the master on one host only; worker-only hosts set MASTER_URL to reach it.
has_role() {
  [[ " $TIXPROOF_ROLES " == *" $1 "* ]]
}

pid_alive() {
  [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null
}

# the supervisor pid of a service (SERVICE_MANAGER=process), empty when it is not running
running_pid() {
  local file="$RUN_DIR/$1.pid" pid
  [[ -f "$file" ]] || return 0
  pid=$(cat "$file")
  if pid_alive "$pid"; then
    echo "$pid"
  fi
}

# stops a supervised service (SERVICE_MANAGER=process): TERM, then KILL after STOP_TIMEOUT seconds
stop_process() {
  local name=$1 pid child deadline
  pid=$(running_pid "$name")
  child=$(cat "$RUN_DIR/$name.child.pid" 2>/dev/null || true)
  if ! pid_alive "$child"; then
    child=
  fi
  if [[ -n "$pid" || -n "$child" ]]; then
    log "stopping $name (supervisor ${pid:-gone}, process ${child:-gone})"
    # the supervisor forwards TERM to the JVM; an orphaned JVM gets it directly
    kill -TERM "${pid:-$child}" 2>/dev/null || true
    deadline=$((SECONDS + STOP_TIMEOUT))
    while pid_alive "$pid" || pid_alive "$child"; do
      if ((SECONDS >= deadline)); then
        log "$name did not stop within ${STOP_TIMEOUT}s: killing it"
        [[ -n "$pid" ]] && kill -KILL "$pid" 2>/dev/null
        [[ -n "$child" ]] && kill -KILL "$child" 2>/dev/null
        break
      fi
      sleep 0.5
    done
    log "$name stopped"
  fi
  rm -f "$RUN_DIR/$name.pid" "$RUN_DIR/$name.child.pid" "$RUN_DIR/$name.release"
}

# polls a URL until it answers 2xx, at most $2 seconds
wait_http() {
  local url=$1 timeout=$2 deadline
  deadline=$((SECONDS + timeout))
  until curl -fsS -o /dev/null --max-time 3 "$url" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 1
  done
}
