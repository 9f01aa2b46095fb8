#!/usr/bin/env bash
# Usage: smoke.sh --host API_HOST
#
# Checks a deployment from outside and inside:
#   - from a pod in the cluster, GET /health of every function's Knative Service (each one
#     cold-starts if it was scaled to zero) and of the realtime gateway;
#   - through https://API_HOST (Gateway, TLS, Kourier, function, database), a tracking lookup
#     of a number that does not exist, which must answer 404 tracking_number_not_found;
#   - the tracking page a customer's email links to, served by the realtime gateway: HTML
#     under the app's Content-Security-Policy, with its script loading.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

host=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --host) host="${2:-}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
[[ -n "$host" ]] || die "--host is required"
need kubectl curl

step "health of every function, from inside the cluster"
urls=("http://realtime.$NAMESPACE.svc.cluster.local/health")
for name in $(function_names); do
  urls+=("http://$name.$NAMESPACE.svc.cluster.local/health")
done
# shellcheck disable=SC2016 # $url expands in the pod's shell
kubectl run "smoke-$RANDOM" -n "$NAMESPACE" --rm -i --restart=Never --quiet \
  --image=curlimages/curl:8.11.1 --command -- sh -c \
  'for url in "$@"; do curl -fsS --max-time 20 -o /dev/null "$url" && echo "ok $url" || exit 1; done' \
  smoke "${urls[@]}"

step "a tracking lookup through https://$host"
body="$(curl -sS --max-time 20 -w '\n%{http_code}' "https://$host/api/shipments/track/SMOKE-TEST-0000")"
status="${body##*$'\n'}"
[[ "$status" == 404 && "$body" == *tracking_number_not_found* ]] ||
  die "expected 404 tracking_number_not_found, got $status: ${body%$'\n'*}"
echo "ok https://$host/api/shipments/track/… answered 404 tracking_number_not_found"

step "the tracking page through https://$host"
headers="$(mktemp)"
trap 'rm -f "$headers"' EXIT
page="$(curl -fsS --max-time 20 -D "$headers" "https://$host/track/SMOKE-TEST-0000")" ||
  die "the tracking page did not load"
grep -qi '^content-security-policy: .*script-src' "$headers" || die "the page has no CSP"
script="$(grep -o '/assets/[^"]*\.js' <<<"$page" | head -n 1)"
[[ -n "$script" ]] || die "the page names no script: is the web app built into the image?"
curl -fsS --max-time 20 -o /dev/null "https://$host$script" || die "its script $script did not load"
echo "ok https://$host/track/… is the web app, and $script loads"
