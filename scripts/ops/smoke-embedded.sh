#!/usr/bin/env bash
# Smoke test of the README's "run it" command on embedded Postgres: start, ready, stop
# cleanly, write (seed), start again on the same data, read it back. No services needed.
set -euo pipefail

# shellcheck source=scripts/ops/lib.sh
source "$(dirname "$0")/lib.sh"

port="${SMOKE_PORT:-18080}"
data_dir="$(mktemp -d)"
trap 'if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi; rm -rf "$data_dir"' EXIT

# Embedded mode means no services, whatever the caller's environment holds.
unset DATABASE_URL REDIS_URL
export DATA_DIR="$data_dir" PORT="$port" HOST=127.0.0.1

ready() {
  start_server "$data_dir/server.log" "http://127.0.0.1:$port"
  echo "smoke: ready on :$port ($1)"
}

stop_server() {
  kill -TERM "$server_pid"
  local code=0
  wait "$server_pid" || code=$?
  server_pid=""
  if [[ "$code" -ne 0 ]]; then
    echo "smoke: server exited $code on SIGTERM" >&2
    cat "$data_dir/server.log" >&2
    return 1
  fi
  grep -q '"shut down cleanly"' "$data_dir/server.log"
  echo "smoke: stopped cleanly"
}

ready "fresh data directory"
curl -sf "http://127.0.0.1:$port/health" >/dev/null
# Read whole before grep: grep -q stops at its first match, and curl, still writing the rest of
# an answer that came in pieces into the closed pipe, would fail the pipeline (exit 23).
page="$(curl -sf "http://127.0.0.1:$port/track/DM0000000000")"
grep -q '<div id="app">' <<<"$page"
echo "smoke: the web app is served"
metrics="$(curl -sf "http://127.0.0.1:$port/metrics")"
grep -q '^dropmate_http_requests_total{function="web"' <<<"$metrics"
echo "smoke: /metrics counts the requests"
stop_server

npm run --silent db:seed >"$data_dir/seed.log"
head -1 "$data_dir/seed.log"

ready "after restart"
stop_server

shipments="$(npm run --silent db:status | awk '$1 == "shipments" { print $2 }')"
if [[ "$shipments" != "100" ]]; then
  echo "smoke: expected 100 shipments to survive the restart, found '${shipments}'" >&2
  exit 1
fi
echo "smoke: ${shipments} shipments read back after restart"
