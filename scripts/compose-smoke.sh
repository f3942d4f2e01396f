#!/usr/bin/env bash
# The real docker-compose topology, for a machine with a Docker engine (CI's `compose` job; this
# repository's development machine has none, so bin/test-deploy runs scripts/smoke-topology.sh
# instead): builds every image, starts everything with three workers, waits for the health checks,
# buys a ticket to TICKET_READY (the link from MinIO is a PDF, Mailpit caught the e-mail), kills one
# worker container, buys again with the two others, and removes it all (containers and volumes).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/purchase-lib.sh
. scripts/purchase-lib.sh

export COMPOSE_PROJECT_NAME=${COMPOSE_PROJECT_NAME:-tixproof-smoke}
compose() { docker compose -f docker-compose.yml "$@"; }
work=$(mktemp -d "${TMPDIR:-/tmp}/tixproof-compose.XXXXXX")
cleanup() {
  local rc=$?
  if ((rc != 0)); then
    compose ps -a >&2 || true
    compose logs --no-color --tail 60 >&2 || true
  fi
  compose down --volumes --remove-orphans > /dev/null 2>&1 || true
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

api=http://127.0.0.1:${API_HOST_PORT:-8080}
master=http://127.0.0.1:${MASTER_HOST_PORT:-8081}
mailpit=http://127.0.0.1:${MAILPIT_HOST_PORT:-8025}
frontend=http://127.0.0.1:${FRONTEND_HOST_PORT:-3000}

step "build"
compose build
step "up, three workers"
compose up -d --scale worker=3
wait_for 240 "api GET /health" curl -fsS "$api/health"
wait_for 120 "master GET /heartbeat" curl -fsS "$master/heartbeat"
wait_for_workers 3 "$master"
wait_for 120 "frontend and its /api proxy" curl -fsS "$frontend/api/events"
# every container with a health check reports healthy (the checks hit real endpoints)
wait_for 120 "all health checks healthy" bash -c \
  "! docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{end}}' \$(docker compose -f docker-compose.yml ps -q) | grep -qv '^\(healthy\|\)$'"

expected=TICKET_READY

step "a customer, purchase 1 -> $expected"
new_customer "$api"
body=$(purchase "$api" compose-purchase-1 "$expected")
check_ticket "$body" "$work/ticket-1.pdf"
wait_for 60 "Mailpit caught the ticket e-mail" bash -c \
  "[[ \$(curl -fsS $mailpit/api/v1/messages | python3 -c 'import sys,json; print(json.load(sys.stdin)[\"total\"])') -ge 1 ]]"

step "kill one worker container"
victim=$(compose ps -q worker | head -n 1)
docker kill "$victim" > /dev/null
wait_for_workers 2 "$master"

step "purchase 2 -> $expected with two workers"
body=$(purchase "$api" compose-purchase-2 "$expected")
check_ticket "$body" "$work/ticket-2.pdf"
step "compose topology: OK ($expected)"
