#!/usr/bin/env bash
# Schemathesis against the API's own OpenAPI document: a seeded `npm start` on PostgreSQL and
# Redis, then every operation with positive and negative cases and every check, once as each
# role of the demo shop and once with no token. Exits non-zero on any failure, and when a role's
# session ended during its run (its later requests were then only refused).
#
#   DATABASE_URL=postgres://… REDIS_URL=redis://… bash scripts/ops/schemathesis.sh
#
# The run creates a database of its own on DATABASE_URL's server and keys under a prefix of
# its own in Redis, and removes both on exit. Schemathesis (Python) is installed once into a
# virtualenv outside the repository. Knobs: SCHEMATHESIS_ROLES (default: all five),
# SCHEMATHESIS_MAX_EXAMPLES, SCHEMATHESIS_SEED, SCHEMATHESIS_PORT, SCHEMATHESIS_DATABASE,
# SCHEMATHESIS_KEY_PREFIX.
set -euo pipefail
cd "$(dirname "$0")/../.."

version=4.32.5
venv="$HOME/.cache/dropmate-schemathesis/$version"
# Fuzzing is most of a run's time, and grows with this; the coverage phase (every operation's
# boundaries and wrong types, as each role) does not. At 50, the five runs took 458 s of a
# 34-minute CI on two slow cores.
max_examples="${SCHEMATHESIS_MAX_EXAMPLES:-25}"
# Fixed, so a failure seen in CI comes back on a laptop.
seed="${SCHEMATHESIS_SEED:-14}"
# The driver first, while its parcels are as the seed left them: the dispatcher's run assigns,
# reassigns and cancels parcels. The admin last: its run resets passwords and disables
# accounts, the other roles' among them.
read -r -a roles <<<"${SCHEMATHESIS_ROLES:-driver dispatcher customer anonymous admin}"
run_db="${SCHEMATHESIS_DATABASE:-dropmate_schemathesis_$$}"
key_prefix="${SCHEMATHESIS_KEY_PREFIX:-schemathesis:$$:}"
# The demo shop's people (scripts/seed/demo-data.ts), one of each role: the driver is one with
# parcels assigned, picked up and in transit.
declare -A accounts=(
  [admin]=helena.marques@estrela.example
  [dispatcher]=rui.carvalho@estrela.example
  [driver]=ana.rodrigues@estrela.example
  [customer]=maria.almeida@example.com
)
password="${SEED_PASSWORD:-dropmate-demo}"

log() { echo "schemathesis: $*" >&2; }

: "${DATABASE_URL:?must name a PostgreSQL server this run may create a database on}"
: "${REDIS_URL:?must name the Redis server to run against}"
server_url="$DATABASE_URL"
# shellcheck source=scripts/ops/lib.sh
source scripts/ops/lib.sh
work_dir="$(mktemp -d "${TMPDIR:-/tmp}/dropmate-schemathesis.XXXXXX")"

cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  psql "$server_url" -qc "drop database if exists $run_db with (force)" || true
  # Keys hold whatever emails schemathesis made up, quotes included: ioredis, not xargs.
  node --import tsx --eval "
    const { deleteRedisKeys } = await import('@dropmate/db/testing')
    await deleteRedisKeys(process.env.REDIS_URL, process.argv[1])
  " "$key_prefix" || true
  rm -rf "$work_dir"
}
trap cleanup EXIT

ensure_schemathesis() {
  if "$venv/bin/st" --version >/dev/null 2>&1; then return 0; fi
  if ! python3 -c 'import ensurepip' 2>/dev/null; then
    log "needs Python 3 with venv (on Debian: apt-get install python3-venv)"
    return 1
  fi
  log "installing schemathesis $version into $venv (once)"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
}

# Schemathesis closes with pytest's banner ("=== 2 warnings in 32.76s ==="), which log
# readers take for a pytest run that executed no test; the summary lines say the same.
drop_closing_banner() {
  grep -v -E '^=+ .* in [0-9.]+s =+$' || true
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  port="${SCHEMATHESIS_PORT:-$(free_port)}"
  base="http://127.0.0.1:$port"
  # Rate limits high enough that 429s are not what gets tested; tokens outlive the run. A VAPID
  # key pair of the run's own, so drivers' push subscriptions are taken as in a shop that has one.
  local vapid
  vapid="$(node -e 'const k = require("web-push").generateVAPIDKeys(); console.log(k.publicKey, k.privateKey)')"
  VAPID_PUBLIC_KEY="${vapid% *}" VAPID_PRIVATE_KEY="${vapid#* }" \
    DATABASE_URL="$run_url" REDIS_KEY_PREFIX="$key_prefix" PORT="$port" HOST=127.0.0.1 \
    DATA_DIR="$work_dir/data" JWT_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
    TRACKING_RATE_LIMIT_PER_MINUTE=100000 LOGIN_FAILURES_PER_15_MINUTES=100000 \
    ACCESS_TOKEN_TTL_SECONDS=3600 LOG_LEVEL=warn \
    start_server "$work_dir/server.log" "$base"
  log "server ready on :$port"
}

# Signs in as `role`: sets `token` and `account_id`.
sign_in() {
  local body answer
  body="$(printf '{"email":"%s","password":"%s"}' "${accounts[$1]}" "$password")"
  answer="$(curl -sf "$base/api/auth/login" -H 'content-type: application/json' -d "$body")"
  read -r token account_id < <(python3 -c '
import json, sys
answer = json.load(sys.stdin)
print(answer["accessToken"], answer["account"]["id"])' <<<"$answer")
}

# An admin account for the admin's run to aim its session-ending requests at instead of its
# own (schemathesis_hooks.py says why): prints its id.
stand_in_admin() {
  local body
  body="$(printf '{"email":"stand-in.%s@estrela.example","name":"Stand-in admin","role":"admin","password":"%s"}' "$$" "$password")"
  curl -sf "$base/api/users" -H "Authorization: Bearer $token" -H 'content-type: application/json' -d "$body" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}

# What the demo shop holds, for operations that act on something that exists: a generated id
# names nothing, and they only ever answered 404. Written as libFuzzer dictionaries (one quoted
# entry a line), which schemathesis.toml's last sections draw from half the time.
as_dictionary() {
  sed -e '/^$/d' -e 's/.*/"&"/' "$1" >"${1%.txt}.dict"
}

# Once, what any role may name: tracking numbers of parcels of every status, and three webhooks
# with a delivery each, at hosts under .invalid, a name that never resolves, so no delivery or
# replay leaves the machine.
known_to_all() {
  psql "$run_url" -qAt >"$work_dir/tracking-numbers.txt" <<SQL
select distinct on (status) tracking_number from shipments order by status, created_at;
SQL
  psql "$run_url" -qAt >"$work_dir/webhooks.txt" <<SQL
insert into webhook_endpoints (url, description, event_types, secret)
select 'https://hooks.schemathesis.invalid/' || n, 'Schemathesis run',
  '{com.dropmate.shipment.created.v1,com.dropmate.shipment.status_changed.v1}',
  'whsec_' || encode(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()), 'base64')
from generate_series(1, 3) n
returning id;
SQL
  psql "$run_url" -qAt >"$work_dir/webhook-deliveries.txt" <<SQL
insert into webhook_messages (id, endpoint_id, event_source, event_id, event_type, payload)
select 'msg_' || replace(gen_random_uuid()::text, '-', ''), id, '/schemathesis', id::text,
  'com.dropmate.shipment.created.v1', '{}'
from webhook_endpoints where url like 'https://hooks.schemathesis.invalid/%'
returning id;
SQL
  as_dictionary "$work_dir/tracking-numbers.txt"
  as_dictionary "$work_dir/webhooks.txt"
  as_dictionary "$work_dir/webhook-deliveries.txt"
  printf '"*"\n' >"$work_dir/any-version.dict"
}

# Just before a role's run, as earlier runs cancel and move shipments on: shipments the role
# can see, one of every status and those on the road, and pending ones for edits alone (edits
# run after cancels and status changes, which would have used them up). A customer sees their
# own parcels, a driver those assigned to them; the others are given all but the demo
# customer's, which the customer's run, after the dispatcher's, still finds pending. Written
# with a copy of schemathesis.toml into a directory of the role's own: prints its config file.
known_shipments() {
  local dir="$work_dir/$1" whose="c.email is distinct from '${accounts[customer]}'"
  case "$1" in
    customer) whose="c.email = '${accounts[customer]}'" ;;
    driver) whose="du.email = '${accounts[driver]}'" ;;
  esac
  mkdir -p "$dir"
  cp scripts/ops/schemathesis.toml "$work_dir"/*.dict "$dir/"
  psql "$run_url" -qAt <<SQL
create temp table visible as
select s.id, s.status, s.created_at from shipments s
left join users c on c.id = s.customer_id
left join drivers d on d.id = s.driver_id left join users du on du.id = d.user_id
where $whose;
create temp table editable as
select id from visible where status = 'pending' order by created_at limit 8;
\o $dir/editable-shipments.txt
select id from editable;
\o $dir/shipments.txt
(select distinct on (status) id from visible where id not in (select id from editable)
  order by status, created_at)
union
(select id from visible where status in ('assigned', 'picked_up', 'in_transit')
  order by created_at limit 4);
SQL
  # A dictionary may not be empty: with no parcel of one kind, it draws from the other.
  [[ -s "$dir/editable-shipments.txt" ]] || cp "$dir/shipments.txt" "$dir/editable-shipments.txt"
  [[ -s "$dir/shipments.txt" ]] || cp "$dir/editable-shipments.txt" "$dir/shipments.txt"
  as_dictionary "$dir/shipments.txt"
  as_dictionary "$dir/editable-shipments.txt"
  log "$1 may act on $(grep -c . "$dir/shipments.dict") known shipments" \
    "($(grep -c . "$dir/editable-shipments.dict") for edits)" \
    "and $(grep -c . "$work_dir/webhooks.dict") webhooks"
  echo "$dir/schemathesis.toml"
}

# Whether the run's token still counts: a run whose session ended midway tested nothing after.
still_signed_in() {
  curl -sf -o /dev/null "$base/api/me" -H "Authorization: Bearer $token"
}

# "Tested: 23" and "2495 generated, …" from schemathesis's own summary.
summary_of() {
  local operations cases
  operations="$(grep -m1 -oE 'Tested: +[0-9]+' "$1" | grep -oE '[0-9]+$' || echo '?')"
  cases="$(grep -m1 -oE '[0-9]+ generated' "$1" | grep -oE '^[0-9]+' || echo '?')"
  echo "$operations operations, $cases test cases"
}

started=$SECONDS
ensure_schemathesis

log "database $run_db on the PostgreSQL server of DATABASE_URL, seeded with the demo shop"
psql "$server_url" -qc "create database $run_db"
run_url="${server_url%/*}/$run_db"
seeded="$(DATABASE_URL="$run_url" npm run --silent db:seed)"
log "${seeded%%$'\n'*}"
start
known_to_all

testing=$SECONDS
failed=()
results=()
for role in "${roles[@]}"; do
  printf '\n== schemathesis as %s\n' "$role"
  auth=()
  hooks_env=()
  if [[ "$role" != anonymous ]]; then
    # Signed in just before its run, so no earlier run can have ended the session.
    sign_in "$role"
    auth=(--header "Authorization: Bearer $token")
  fi
  if [[ "$role" == admin ]]; then
    hooks_env=(SCHEMATHESIS_OWN_ACCOUNT="$account_id" SCHEMATHESIS_STAND_IN_ACCOUNT="$(stand_in_admin)")
  fi
  config="$(known_shipments "$role")"
  code=0
  # Every check runs: none is named here, as `--checks all` would also switch on the one the
  # config keeps off one operation (schemathesis.toml says which, and why).
  env "${hooks_env[@]}" PYTHONPATH=scripts/ops SCHEMATHESIS_HOOKS=schemathesis_hooks \
    "$venv/bin/st" --config-file "$config" run "$base/api/openapi.json" \
    --mode all --max-examples "$max_examples" --seed "$seed" \
    --generation-database none --request-timeout 10 "${auth[@]}" |
    tee "$work_dir/$role.txt" | drop_closing_banner || code=$?
  outcome="passed"
  if [[ "$code" -ne 0 ]]; then
    outcome="FAILED"
    failed+=("$role")
  elif [[ "$role" != anonymous ]] && ! still_signed_in; then
    outcome="FAILED: its session ended during the run, so later requests were only refused"
    failed+=("$role")
  fi
  results+=("$(printf '%-10s %s: %s' "$role" "$(summary_of "$work_dir/$role.txt")" "$outcome")")
done

printf '\n'
log "seed $seed, at most $max_examples examples per operation"
for result in "${results[@]}"; do log "$result"; done
log "$((SECONDS - testing)) s testing, $((SECONDS - started)) s in all"
if [[ ${#failed[@]} -gt 0 ]]; then
  log "failed as: ${failed[*]}; the server's errors:"
  grep -E '"level":(50|60)' "$work_dir/server.log" | tail -20 >&2 || true
  exit 1
fi
