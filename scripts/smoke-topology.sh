#!/usr/bin/env bash
# The docker-compose topology without Docker: every service of docker-compose.yml as its own OS
# process on loopback, with the environment compose gives it (`docker-compose config`, translated by
# scripts/topology-env.py: service hostnames -> 127.0.0.1 and free ports, volumes -> folders):
#   PostgreSQL + Redis   the servers of DATABASE_URL / REDIS_URL (a throw-away database), else embedded
#   api                  java -jar api/target/api.jar
#   master               java -jar challenge-workers/target/master.jar
#   worker x3            java -jar challenge-workers/target/worker.jar
#   pdf                  java -jar pdf-lambda/target/pdf-lambda.jar (LocalLambdaServer: the Lambda Invoke API)
#   minio                a static file server over the ticket folder (MinIO's public-read bucket)
#   mailpit              scripts/smtp-catcher.py (SMTP on loopback, messages to files)
#   frontend             nginx with frontend/nginx/default.conf.template over frontend/dist
# Then: a purchase goes to TICKET_READY (the ticket link downloads a PDF, the e-mail reaches the SMTP
# catcher), one worker is killed with SIGKILL, the master lists the two others, and a second
# purchase, made through the frontend's nginx, gets its ticket too. Everything is stopped on exit.
# Needs nginx and a built frontend/dist (bin/test-deploy provides both). Called by bin/test-deploy.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

work=$(mktemp -d "${TMPDIR:-/tmp}/tixproof-smoke.XXXXXX")
declare -A pids=()
# stops the given processes: TERM, then KILL whatever still runs after 20 s
stop_all() {
  local name i
  for name in "$@"; do
    kill -TERM "${pids[$name]}" 2>/dev/null || true
  done
  for name in "$@"; do
    for ((i = 0; i < 40; i++)); do
      kill -0 "${pids[$name]}" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "${pids[$name]}" 2>/dev/null || true
    wait "${pids[$name]}" 2>/dev/null || true
  done
}
cleanup() {
  local rc=$? name services=()
  for name in "${!pids[@]}"; do
    [[ $name == backing ]] || services+=("$name")
  done
  stop_all "${services[@]}"
  # PostgreSQL and Redis last, so the services stop cleanly
  [[ -n "${pids[backing]:-}" ]] && stop_all backing
  if ((rc != 0)); then
    echo "--- smoke failed; last lines of each service's log:" >&2
    for f in "$work"/logs/*.log; do
      echo "--- ${f##*/}" >&2
      tail -n 30 "$f" >&2
    done
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$work/logs" "$work/env" "$work/volumes"

# shellcheck source=scripts/purchase-lib.sh
. scripts/purchase-lib.sh
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# runs NAME with exactly the environment of ENV_FILE (plus PATH and HOME), in the background
start() {
  local name=$1 envfile=$2
  shift 2
  # shellcheck disable=SC2016 # expanded by the inner bash
  env -i PATH="$PATH" HOME="$HOME" TMPDIR="${TMPDIR:-/tmp}" bash -c '. "$0"; exec "$@"' "$envfile" "$@" \
    > "$work/logs/$name.log" 2>&1 &
  pids[$name]=$!
}
alive() { kill -0 "${pids[$1]}" 2>/dev/null || fail "$1 exited (see its log)"; }

jars=(launcher/target/tixproof.jar api/target/api.jar challenge-workers/target/master.jar challenge-workers/target/worker.jar
  pdf-lambda/target/pdf-lambda.jar)
[[ -f frontend/dist/index.html ]] || fail "no frontend/dist: build the front end (cd frontend && npm ci && npm run build)"
command -v nginx > /dev/null || fail "nginx is needed to run the frontend service's configuration"
for jar in "${jars[@]}"; do
  [[ -f "$jar" ]] || fail "missing $jar: run mvn -B -DskipTests package first"
done
command -v docker-compose > /dev/null || fail "docker-compose is needed to resolve docker-compose.yml (bin/test-deploy installs it)"

step "resolving docker-compose.yml"
docker-compose -f docker-compose.yml config > "$work/compose.yml"

step "backing services (PostgreSQL, Redis)"
java -cp launcher/target/tixproof.jar com.tixproof.launcher.BackingServices "$work/backing.env" > "$work/logs/backing.log" 2>&1 &
pids[backing]=$!
wait_for 90 "backing services" test -f "$work/backing.env"
# shellcheck disable=SC1091
. "$work/backing.env"

api_port=$(free_port)
master_port=$(free_port)
pdf_port=$(free_port)
store_port=$(free_port)
smtp_port=$(free_port)
front_port=$(free_port)
python3 scripts/topology-env.py "$work/compose.yml" "$work/env" \
  "DATABASE_URL=$DATABASE_URL" "REDIS_URL=$REDIS_URL" "VOLUMES=$work/volumes" \
  "api=127.0.0.1:$api_port" "master=127.0.0.1:$master_port" "pdf=127.0.0.1:$pdf_port" \
  "minio=127.0.0.1:$store_port" "mailpit=127.0.0.1:$smtp_port"

step "ticket store and mail catcher"
store_dir=$work/volumes/minio-data
mkdir -p "$store_dir" "$work/mail"
python3 -m http.server "$store_port" --bind 127.0.0.1 --directory "$store_dir" > "$work/logs/minio.log" 2>&1 &
pids[minio]=$!
python3 scripts/smtp-catcher.py "$smtp_port" "$work/mail" > "$work/logs/mailpit.log" 2>&1 &
pids[mailpit]=$!

api=http://127.0.0.1:$api_port
master=http://127.0.0.1:$master_port

step "api on $api_port"
start api "$work/env/api.env" java -jar api/target/api.jar
wait_for 120 "api GET /health" curl -fsS "$api/health"
alive api

step "master on $master_port"
start master "$work/env/master.env" java -jar challenge-workers/target/master.jar
wait_for 90 "master GET /heartbeat" curl -fsS "$master/heartbeat"

step "pdf function (LocalLambdaServer) on $pdf_port"
start pdf "$work/env/pdf.env" java -jar pdf-lambda/target/pdf-lambda.jar
wait_for 60 "pdf function listening" bash -c "exec 3<>/dev/tcp/127.0.0.1/$pdf_port"
# one invocation as the API makes it (the Lambda Invoke API, function name as in compose); the
# link must be served by the store, as MinIO serves it under compose
out=$(curl -fsS -X POST "http://127.0.0.1:$pdf_port/2015-03-31/functions/function/invocations" \
  -H 'Content-Type: application/json' -D "$work/invoke.headers" -d '{"purchaseId": "0193a4b5-6c7d-7e8f-9a0b-1c2d3e4f5a6b",
    "ticketCode": "TX-SMOK-E001", "token": "smoke-token", "organizer": "Tixproof", "buyerName": "Smoke Test",
    "buyerEmail": "smoke@example.com", "eventName": "Smoke Night", "venue": "Loopback Hall",
    "startsAt": "2030-01-01T20:00:00Z", "quantity": 1, "amount": 15000, "currency": "CLP"}')
if grep -qi '^X-Amz-Function-Error' "$work/invoke.headers"; then
  fail "the pdf function failed: $out"
fi
check_ticket "$(json 'json.dumps({"ticketUrl": d["url"]})' <<< "$out")" "$work/ticket-0.pdf"

step "frontend (nginx) on $front_port"
# what the nginx image's entrypoint does (envsubst of the defined variables into conf.d), with the
# frontend's compose environment; plus the two container-only paths: the port it listens on and the
# document root (the image's copy of frontend/dist)
ngx=$work/nginx
mkdir -p "$ngx/conf.d" "$ngx/temp"
(
  # shellcheck source=/dev/null
  . "$work/env/frontend.env"
  python3 -c 'import os, re, sys; sys.stdout.write(re.sub(r"\$\{(\w+)\}", lambda m: os.environ.get(m.group(1), m.group(0)), sys.stdin.read()))' \
    < frontend/nginx/default.conf.template
) | sed -e "s|listen 8080;|listen 127.0.0.1:$front_port;|" -e "s|root /usr/share/nginx/html;|root $root/frontend/dist;|" \
  > "$ngx/conf.d/default.conf"
{
  # the image runs nginx unprivileged; as root here, keep the workers as this user
  [[ $EUID -eq 0 ]] && echo "user root;"
  echo "pid $ngx/nginx.pid;"
  echo "error_log $work/logs/frontend.log;"
  echo "events {}"
  echo "http {"
  echo "  include /etc/nginx/mime.types;"
  echo "  access_log $work/logs/frontend.log;"
  for t in client_body proxy fastcgi uwsgi scgi; do echo "  ${t}_temp_path $ngx/temp/$t;"; done
  echo "  include $ngx/conf.d/*.conf;"
  echo "}"
} > "$ngx/nginx.conf"
start frontend "$work/env/frontend.env" nginx -p "$ngx" -c "$ngx/nginx.conf" -e "$work/logs/frontend.log" -g 'daemon off;'
front=http://127.0.0.1:$front_port
wait_for 30 "frontend GET / (its health check)" curl -fsS "$front/"
curl -fsS "$front/" | grep -q '<div id="root"' || fail "the frontend does not serve the app's index.html"
curl -fsS "$front/purchases/some-client-route" | grep -q '<div id="root"' || fail "no single-page fallback to index.html"
curl -fsS "$front/api/events" | json 'd["items"][0]["id"]' > /dev/null || fail "the frontend does not proxy /api to the API"
curl -fsS "$front/openapi.yaml" | grep -q '^openapi:' || fail "the frontend does not proxy /openapi.yaml"
echo "the frontend serves the app and proxies /api, /openapi.yaml to the API"

step "three workers"
for n in 1 2 3; do
  cp "$work/env/worker.env" "$work/env/worker-$n.env"
  # per process, as each container has its own /tmp and hostname
  echo "export HEARTBEAT_FILE='$work/worker-$n.heartbeat' WORKER_ID='smoke-worker-$n'" >> "$work/env/worker-$n.env"
  start "worker-$n" "$work/env/worker-$n.env" java -jar challenge-workers/target/worker.jar
done
wait_for_workers 3 "$master"
# the workers' container health check, against the real heartbeat files
for n in 1 2 3; do
  # shellcheck source=/dev/null
  (. "$work/env/worker-$n.env" && challenge-workers/docker/worker-healthcheck.sh) || fail "worker-$n health check"
done

grep -q '^export LAMBDA_ENDPOINT=' "$work/env/api.env" || fail "compose's api has no LAMBDA_ENDPOINT: tickets would not reach the pdf service"
expected=TICKET_READY

step "a customer"
new_customer "$api"

step "purchase 1 -> $expected"
body=$(purchase "$api" smoke-purchase-1 "$expected")
echo "purchase $(json 'd["id"]' <<< "$body") is $expected"
check_ticket "$body" "$work/ticket-1.pdf"
# the e-mail with the link goes out through the outbox to "mailpit" (the SMTP catcher)
wait_for 60 "the ticket e-mail reached the SMTP catcher" bash -c "compgen -G '$work/mail/*.eml'"
echo "the SMTP catcher has $(find "$work/mail" -name '*.eml' | wc -l) e-mail(s)"
grep -l "^Subject:" "$work"/mail/*.eml > /dev/null || fail "the caught e-mail has no Subject"

step "kill -9 worker-1"
kill -KILL "${pids[worker-1]}"
wait "${pids[worker-1]}" 2>/dev/null || true
unset 'pids[worker-1]'
wait_for_workers 2 "$master"
listed=$(curl -fsS "$master/workers" | json '" ".join(sorted(w["id"] for w in d["workers"]))')
[[ "$listed" == "smoke-worker-2 smoke-worker-3" ]] || fail "the master lists $listed"
echo "the master lists: $listed"
wait_for 15 "the dead worker's health check fails" \
  bash -c ". '$work/env/worker-1.env' && ! challenge-workers/docker/worker-healthcheck.sh"
echo "the dead worker's health check fails, as its container's would"

step "purchase 2 -> $expected with two workers, through the frontend's /api proxy"
body=$(purchase "$front" smoke-purchase-2 "$expected")
echo "purchase $(json 'd["id"]' <<< "$body") is $expected"
check_ticket "$body" "$work/ticket-2.pdf"
[[ $(worker_count "$master") == 2 ]] || fail "expected 2 live workers"
for name in api master pdf frontend worker-2 worker-3; do alive "$name"; done

step "smoke topology: OK ($expected)"
