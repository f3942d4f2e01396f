#!/usr/bin/env bash
# A stand-in for systemctl, for scripts/test-codedeploy-hooks.sh on machines without systemd: it
# runs the units that after-install.sh wrote to SYSTEMD_DIR as background processes (ExecStart=
# with EnvironmentFile= and Environment=, %i for template instances), so the hooks' systemd path
# runs for real. It knows what the hooks use: daemon-reload, enable, disable [--now], start, stop,
# is-active, list-units PATTERN. User= and Restart= are not applied. State lives in SYSTEMCTL_STATE.
set -euo pipefail
dir=${SYSTEMD_DIR:?SYSTEMD_DIR is not set}
state=${SYSTEMCTL_STATE:?SYSTEMCTL_STATE is not set}
mkdir -p "$state"
echo "systemctl $*" >> "$state/calls.log"

now=
args=()
for a in "$@"; do
  case $a in
    --quiet | --all | --plain | --no-legend) ;;
    --now) now=1 ;;
    *) args+=("$a") ;;
  esac
done
cmd=${args[0]:-}
units=("${args[@]:1}")

is_active() {
  local pid
  pid=$(cat "$state/$1.pid" 2>/dev/null) && kill -0 "$pid" 2>/dev/null
}

start() {
  local unit=$1 file instance='' exec envfile
  is_active "$unit" && return 0
  file=$dir/$unit
  if [[ $unit == *@*.service ]]; then
    instance=${unit#*@}
    instance=${instance%.service}
    file=$dir/${unit%%@*}@.service
  fi
  [[ -f $file ]] || { echo "Unit $unit not found." >&2; return 5; }
  exec=$(sed -n 's/^ExecStart=//p' "$file")
  exec=${exec//%i/$instance}
  envfile=$(sed -n 's/^EnvironmentFile=//p' "$file")
  mapfile -t envs < <(sed -n 's/^Environment=//p' "$file")
  (
    set -a
    # shellcheck source=/dev/null
    [[ -n $envfile ]] && . "$envfile"
    set +a
    for e in "${envs[@]}"; do
      export "${e?}"
    done
    # shellcheck disable=SC2086 # ExecStart is a command line
    exec setsid $exec >> "$state/$unit.log" 2>&1 < /dev/null
  ) &
  echo $! > "$state/$unit.pid"
  echo "$unit" >> "$state/known"
}

stop() {
  local unit=$1 pid i
  pid=$(cat "$state/$unit.pid" 2>/dev/null) || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 80; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$state/$unit.pid"
}

case $cmd in
  daemon-reload) ;;
  enable)
    for u in "${units[@]}"; do
      touch "$state/$u.enabled"
      echo "$u" >> "$state/known"
    done
    ;;
  disable)
    for u in "${units[@]}"; do
      rm -f "$state/$u.enabled"
      if [[ -n $now ]]; then
        stop "$u"
      fi
    done
    ;;
  start) for u in "${units[@]}"; do start "$u"; done ;;
  stop) for u in "${units[@]}"; do stop "$u"; done ;;
  is-active) is_active "${units[0]}" ;;
  list-units)
    pattern=${units[0]:-*}
    if [[ -f "$state/known" ]]; then
      sort -u "$state/known" | while read -r u; do
        # shellcheck disable=SC2053 # the pattern is a glob, as systemctl's
        if [[ $u == $pattern ]]; then
          echo "$u loaded $(is_active "$u" && echo active || echo inactive) - $u"
        fi
      done
    fi
    ;;
  *)
    echo "systemctl stand-in: unsupported command: $*" >&2
    exit 1
    ;;
esac
