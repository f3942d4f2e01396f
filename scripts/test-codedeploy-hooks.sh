#!/usr/bin/env bash
# Runs the CodeDeploy lifecycle hooks for real against a release folder in a temporary directory,
# as the CodeDeploy agent would (SERVICE_MANAGER=process: supervised processes with pid files):
#   deployment 1: BeforeInstall, install (copy to staging), AfterInstall, ApplicationStart, ValidateService
#   ApplicationStart and ValidateService again (nothing changes), a killed API is restarted by its supervisor,
#   ApplicationStop (everything gone), ApplicationStop again (a no-op),
#   deployment 2: all hooks again; `current` moves, the account and token of deployment 1 still work,
#   a second "host" with TIXPROOF_ROLES=workers joins the first host's master and leaves again,
#   ApplicationStop; deployment 3's AfterInstall prunes releases beyond KEEP_RELEASES;
#   a systemd host (SERVICE_MANAGER=systemd): the units AfterInstall writes pass systemd-analyze and
#   run (scripts/testing/systemctl-standin.sh starts their ExecStart), start twice changes nothing,
#   a lower WORKER_COUNT stops the surplus worker, ApplicationStop stops every unit.
# PostgreSQL and Redis: the servers of DATABASE_URL / REDIS_URL (a throw-away database), else embedded.
# Needs the built jars (mvn -B -DskipTests package). Called by bin/test-deploy.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

work=$(mktemp -d "${TMPDIR:-/tmp}/tixproof-hooks.XXXXXX")
backing_pid=
cleanup() {
  local rc=$?
  local env
  for env in "$work/systemd-host.env" "$work/workers-host.env" "$work/tixproof.env"; do
    if [[ -f "$work/bundle/scripts/application-stop.sh" && -f "$env" ]]; then
      TIXPROOF_ENV_FILE="$env" STOP_TIMEOUT=10 "$work/bundle/scripts/application-stop.sh" >/dev/null 2>&1 || true
    fi
  done
  if [[ -n "$backing_pid" ]]; then
    kill "$backing_pid" 2>/dev/null || true
    wait "$backing_pid" 2>/dev/null || true
  fi
  if ((rc != 0)); then
    echo "--- hook test failed; service logs:" >&2
    tail -n 40 "$work"/opt/shared/logs/*.log >&2 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { echo "== $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

for jar in launcher/target/tixproof.jar api/target/api.jar challenge-workers/target/master.jar challenge-workers/target/worker.jar; do
  [[ -f "$jar" ]] || fail "missing $jar: run mvn -B -DskipTests package first"
done

step "backing services"
java -cp launcher/target/tixproof.jar com.tixproof.launcher.BackingServices "$work/backing.env" > "$work/backing.log" 2>&1 &
backing_pid=$!
for ((i = 0; i < 120; i++)); do
  [[ -f "$work/backing.env" ]] && break
  kill -0 "$backing_pid" 2>/dev/null || { cat "$work/backing.log"; fail "backing services did not start"; }
  sleep 0.5
done
[[ -f "$work/backing.env" ]] || fail "backing services not ready within 60 s"

api_port=$(free_port)
master_port=$(free_port)
# what every simulated host's environment file has: the backing servers, ports, small JVMs
cat "$work/backing.env" > "$work/common.env"
cat >> "$work/common.env" <<EOF
WORKER_COUNT=2
PORT=$api_port
HOST=127.0.0.1
MASTER_PORT=$master_port
MASTER_HOST=127.0.0.1
THREADS=1
HTTP_INSTANCES=1
DB_POOL_SIZE=4
MASTER_DB_POOL_SIZE=4
HEARTBEAT_INTERVAL_MS=300
HEARTBEAT_TTL_MS=1500
JAVA_OPTS="-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
EOF
cat "$work/common.env" > "$work/tixproof.env"
cat >> "$work/tixproof.env" <<EOF
RELEASE_ROOT=$work/opt
SERVICE_MANAGER=process
EOF
export TIXPROOF_ENV_FILE=$work/tixproof.env
export VALIDATE_TIMEOUT=90 STOP_TIMEOUT=30
opt=$work/opt

scripts/package-bundle.sh "$work/bundle" > /dev/null
bundle=$work/bundle

# one deployment, hook by hook, as the agent runs it
deploy() {
  export DEPLOYMENT_ID=$1
  if [[ -x "$opt/current/scripts/application-stop.sh" ]]; then
    LIFECYCLE_EVENT=ApplicationStop "$opt/current/scripts/application-stop.sh"
  fi
  LIFECYCLE_EVENT=BeforeInstall "$bundle/scripts/before-install.sh"
  cp -a "$bundle/." "$opt/staging/"   # the agent copies `files` to their destination
  LIFECYCLE_EVENT=AfterInstall "$bundle/scripts/after-install.sh"
  LIFECYCLE_EVENT=ApplicationStart "$bundle/scripts/application-start.sh"
  LIFECYCLE_EVENT=ValidateService "$bundle/scripts/validate-service.sh"
}
pids() {
  local f
  for f in "$opt"/shared/run/*.pid; do
    [[ -e "$f" ]] && cat "$f"
  done | sort | tr '\n' ' '
}
api_url=http://127.0.0.1:$api_port
json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }

step "deployment 1"
deploy d-hooktest-1
[[ "$(readlink -f "$opt/current")" == "$opt/releases/d-hooktest-1" ]] || fail "current does not point at release 1"
token=$(curl -fsS -X POST "$api_url/api/auth/register" -H 'Content-Type: application/json' \
  -d '{"email":"hooks@example.com","name":"Hooks","password":"correct horse battery"}' | json '["token"]')
[[ -n "$token" ]] || fail "no token from register"

step "ApplicationStart and ValidateService again change nothing"
before=$(pids)
LIFECYCLE_EVENT=ApplicationStart "$bundle/scripts/application-start.sh"
LIFECYCLE_EVENT=ValidateService "$bundle/scripts/validate-service.sh"
[[ "$(pids)" == "$before" ]] || fail "re-running ApplicationStart changed the processes: $before -> $(pids)"

step "the supervisor restarts a killed API"
old_child=$(cat "$opt/shared/run/api.child.pid")
kill -KILL "$old_child"
for ((i = 0; i < 60; i++)); do
  new_child=$(cat "$opt/shared/run/api.child.pid" 2>/dev/null || true)
  [[ -n "$new_child" && "$new_child" != "$old_child" ]] && break
  sleep 0.5
done
[[ "${new_child:-}" != "$old_child" ]] || fail "the API was not restarted"
LIFECYCLE_EVENT=ValidateService "$bundle/scripts/validate-service.sh"

step "ApplicationStop stops everything; again is a no-op"
running=$(pids)
LIFECYCLE_EVENT=ApplicationStop "$opt/current/scripts/application-stop.sh"
for pid in $running $(cat "$opt"/shared/run/*.child.pid 2>/dev/null || true); do
  kill -0 "$pid" 2>/dev/null && fail "process $pid still runs after ApplicationStop"
done
curl -fsS -o /dev/null --max-time 2 "$api_url/health" 2>/dev/null && fail "the API still answers after ApplicationStop"
LIFECYCLE_EVENT=ApplicationStop "$opt/current/scripts/application-stop.sh"

step "deployment 2"
deploy d-hooktest-2
[[ "$(readlink -f "$opt/current")" == "$opt/releases/d-hooktest-2" ]] || fail "current does not point at release 2"
grep -q "releases/d-hooktest-2" "$opt/shared/run/api.release" || fail "the API does not run release 2"
me=$(curl -fsS "$api_url/api/me" -H "Authorization: Bearer $token" | json '["email"]')
[[ "$me" == hooks@example.com ]] || fail "the token of deployment 1 is not accepted after deployment 2 ($me)"

step "a second host with TIXPROOF_ROLES=workers joins the first host's master"
cat "$work/tixproof.env" > "$work/workers-host.env"
cat >> "$work/workers-host.env" <<EOF
RELEASE_ROOT=$work/opt2
TIXPROOF_ROLES=workers
WORKER_COUNT=1
MASTER_URL=http://127.0.0.1:$master_port
EOF
(
  export TIXPROOF_ENV_FILE=$work/workers-host.env DEPLOYMENT_ID=d-hooktest-w1
  LIFECYCLE_EVENT=BeforeInstall "$bundle/scripts/before-install.sh"
  cp -a "$bundle/." "$work/opt2/staging/"
  LIFECYCLE_EVENT=AfterInstall "$bundle/scripts/after-install.sh"
  LIFECYCLE_EVENT=ApplicationStart "$bundle/scripts/application-start.sh"
  LIFECYCLE_EVENT=ValidateService "$bundle/scripts/validate-service.sh"
)
[[ -f "$work/opt2/shared/run/worker-1.pid" && ! -e "$work/opt2/shared/run/api.pid" && ! -e "$work/opt2/shared/run/master.pid" ]] \
  || fail "the workers-only host runs something else than one worker: $(ls "$work/opt2/shared/run")"
wait_for_workers() {
  local want=$1 n=
  for ((i = 0; i < 60; i++)); do
    n=$(curl -fsS "http://127.0.0.1:$master_port/workers" | json '["workerCount"]')
    [[ "$n" == "$want" ]] && return 0
    sleep 0.5
  done
  fail "the master lists $n workers, expected $want"
}
wait_for_workers 3
TIXPROOF_ENV_FILE=$work/workers-host.env LIFECYCLE_EVENT=ApplicationStop "$work/opt2/current/scripts/application-stop.sh"
wait_for_workers 2

step "ApplicationStop"
running=$(pids)
LIFECYCLE_EVENT=ApplicationStop "$opt/current/scripts/application-stop.sh"
for pid in $running; do
  kill -0 "$pid" 2>/dev/null && fail "process $pid still runs after ApplicationStop"
done
step "deployment 3 with KEEP_RELEASES=2 prunes release 1, keeps 2 and 3"
DEPLOYMENT_ID=d-hooktest-3 KEEP_RELEASES=2 bash -c '
  set -e
  "$1/scripts/before-install.sh"
  cp -a "$1/." "$2/staging/"
  "$1/scripts/after-install.sh"' _ "$bundle" "$opt"
[[ ! -e "$opt/releases/d-hooktest-1" ]] || fail "release 1 was not pruned"
[[ -d "$opt/releases/d-hooktest-2" && -d "$opt/releases/d-hooktest-3" ]] || fail "a kept release is missing"
[[ "$(readlink -f "$opt/current")" == "$opt/releases/d-hooktest-3" ]] || fail "current does not point at release 3"
step "a systemd host: the units after-install.sh writes, run by scripts/testing/systemctl-standin.sh"
sd=$work/opt-systemd
cat "$work/common.env" > "$work/systemd-host.env"
cat >> "$work/systemd-host.env" <<EOF
RELEASE_ROOT=$sd
SERVICE_MANAGER=systemd
SERVICE_USER=$(id -un)
SYSTEMD_DIR=$work/systemd
SYSTEMCTL=$root/scripts/testing/systemctl-standin.sh
SYSTEMCTL_STATE=$work/systemctl
EOF
mkdir -p "$work/systemd"
systemd_hook() {
  TIXPROOF_ENV_FILE=$work/systemd-host.env LIFECYCLE_EVENT=$1 DEPLOYMENT_ID=d-hooktest-sd "$bundle/scripts/$2"
}
systemd_hook BeforeInstall before-install.sh
cp -a "$bundle/." "$sd/staging/"
systemd_hook AfterInstall after-install.sh
for unit in tixproof-api.service tixproof-master.service tixproof-worker@.service; do
  [[ -f "$work/systemd/$unit" ]] || fail "after-install.sh wrote no $unit"
  grep -qx "ExecStart=$sd/current/scripts/run-service.sh .*" "$work/systemd/$unit" || fail "$unit does not run the current release"
  grep -qx "EnvironmentFile=$work/systemd-host.env" "$work/systemd/$unit" || fail "$unit does not load the environment file"
done
if command -v systemd-analyze > /dev/null; then
  findings=$(systemd-analyze verify "$work"/systemd/tixproof-{api,master,worker@1}.service 2>&1) || true
  [[ -z "$findings" ]] || fail "systemd-analyze verify: $findings"
  echo "systemd-analyze verify: the units are clean"
fi
systemd_hook ApplicationStart application-start.sh
systemd_hook ValidateService validate-service.sh
units_running() { (cd "$work/systemctl" && for f in *.pid; do kill -0 "$(cat "$f")" 2>/dev/null && echo "${f%.pid}"; done) | sort | tr '\n' ' '; }
[[ "$(units_running)" == "tixproof-api.service tixproof-master.service tixproof-worker@1.service tixproof-worker@2.service " ]] \
  || fail "running units: $(units_running)"
before=$(cat "$work"/systemctl/*.pid | sort | tr '\n' ' ')
systemd_hook ApplicationStart application-start.sh
[[ "$(cat "$work"/systemctl/*.pid | sort | tr '\n' ' ')" == "$before" ]] || fail "re-running ApplicationStart restarted units"
echo "WORKER_COUNT=1" >> "$work/systemd-host.env"
systemd_hook ApplicationStart application-start.sh
[[ "$(units_running)" == "tixproof-api.service tixproof-master.service tixproof-worker@1.service " ]] \
  || fail "WORKER_COUNT=1 left running: $(units_running)"
systemd_hook ValidateService validate-service.sh
systemd_hook ApplicationStop application-stop.sh
[[ -z "$(units_running)" ]] || fail "ApplicationStop left running: $(units_running)"
echo "CodeDeploy hooks: OK"
