# shellcheck shell=bash
# Helpers shared by scripts/smoke-topology.sh (processes) and scripts/compose-smoke.sh (containers):
# bounded waits, JSON reads, and a customer who buys tickets through the API. Sourced, never run.

step() { echo "== $(date -u +%H:%M:%S) $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
# reads stdin as JSON into d and prints the Python expression $1
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }

# polls until COMMAND succeeds, at most SECONDS
wait_for() {
  local seconds=$1 what=$2 deadline
  shift 2
  deadline=$((SECONDS + seconds))
  until "$@" > /dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "$what: not within ${seconds}s"
    sleep 0.5
  done
}

# live workers according to the master at $1
worker_count() { curl -fsS "$1/workers" | json 'd["workerCount"]'; }
# waits until the master at $2 lists $1 workers, at most 90 s
wait_for_workers() {
  local want=$1 master=$2 deadline=$((SECONDS + 90))
  until [[ "$(worker_count "$master" 2>/dev/null)" == "$want" ]]; do
    ((SECONDS < deadline)) || fail "the master lists $(worker_count "$master" 2>/dev/null) workers, not $want, after 90 s"
    sleep 0.5
  done
}

# registers a customer at the API $1 with money; sets CUSTOMER_TOKEN and EVENT_ID (the first event)
new_customer() {
  local api=$1
  CUSTOMER_TOKEN=$(curl -fsS -X POST "$api/api/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"smoke-$RANDOM$RANDOM@example.com\",\"name\":\"Smoke Test\",\"password\":\"correct horse battery\"}" \
    | json 'd["token"]')
  curl -fsS -X POST "$api/api/wallet/top-ups" -H "Authorization: Bearer $CUSTOMER_TOKEN" \
    -H "Idempotency-Key: smoke-top-up-$RANDOM$RANDOM" -H 'Content-Type: application/json' -d '{"amount": 1000000}' > /dev/null
  EVENT_ID=$(curl -fsS "$api/api/events" | json 'd["items"][0]["id"]')
}

# buys one ticket at the API $1 (idempotency key $2) and waits up to 120 s for status $3; prints the purchase
purchase() {
  local api=$1 key=$2 expected=$3 id deadline body status
  id=$(curl -fsS -X POST "$api/api/purchases" -H "Authorization: Bearer $CUSTOMER_TOKEN" -H "Idempotency-Key: $key" \
    -H 'Content-Type: application/json' -d "{\"eventId\":\"$EVENT_ID\",\"quantity\":1}" | json 'd["id"]')
  deadline=$((SECONDS + 120))
  while :; do
    body=$(curl -fsS "$api/api/purchases/$id" -H "Authorization: Bearer $CUSTOMER_TOKEN")
    status=$(json 'd["status"]' <<< "$body")
    [[ "$status" == "$expected" ]] && break
    case "$status" in EXPIRED | REJECTED) fail "purchase $id became $status" ;; esac
    ((SECONDS < deadline)) || fail "purchase $id is still $status after 120 s (expected $expected)"
    sleep 0.5
  done
  echo "$body"
}

# the ticket link of a TICKET_READY purchase ($1) must download a PDF (kept in $2)
check_ticket() {
  local body=$1 out=$2 url
  url=$(json 'd.get("ticketUrl") or (d.get("ticket") or {}).get("url") or ""' <<< "$body")
  [[ -n "$url" ]] || fail "TICKET_READY purchase without a ticket link: $body"
  curl -fsS -o "$out" "$url" || fail "cannot download the ticket $url"
  [[ "$(head -c 4 "$out")" == "%PDF" ]] || fail "the ticket at $url is not a PDF"
  echo "ticket $url is a PDF of $(wc -c < "$out") bytes"
}
