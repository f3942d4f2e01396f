#!/usr/bin/env bash
# A minimal supervisor for hosts without systemd (SERVICE_MANAGER=process):
#   supervise.sh NAME CHILD_PID_FILE COMMAND...
# Runs COMMAND, restarts it when it exits (1 s, doubling to 30 s; back to 1 s after a minute of
# running), and on SIGTERM/SIGINT forwards the signal to it, waits for it and exits.
set -uo pipefail
name=$1
child_pid_file=$2
shift 2

child=
stopping=
stop() {
  stopping=1
  if [[ -n "$child" ]]; then
    kill -TERM "$child" 2>/dev/null
  fi
}
trap stop TERM INT

delay=1
while [[ -z "$stopping" ]]; do
  started=$SECONDS
  "$@" &
  child=$!
  echo "$child" > "$child_pid_file"
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) supervise: $name started (pid $child)"
  # `wait` returns early when a trapped signal arrives: keep waiting until the child is gone
  wait "$child"
  rc=$?
  while kill -0 "$child" 2>/dev/null; do
    wait "$child"
    rc=$?
  done
  if [[ -n "$stopping" ]]; then
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) supervise: $name stopped (exit $rc)"
    break
  fi
  if ((SECONDS - started >= 60)); then
    delay=1
  fi
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) supervise: $name exited with $rc, restarting in ${delay}s"
  sleep "$delay" &
  wait $!
  delay=$((delay * 2 > 30 ? 30 : delay * 2))
done
rm -f "$child_pid_file"
