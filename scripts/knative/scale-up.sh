#!/usr/bin/env bash
# Usage: scale-up.sh [--min N] [FUNCTION ...]
#
# Before an expected rush (a Saturday, a promotion), keeps N pods (default 2) of each
# FUNCTION warm, so the first customers never wait for a cold start. Without FUNCTION, the
# ones customers and drivers wait on: track-shipment, ingest-locations, login,
# refresh-token, list-shipments, get-shipment, change-shipment-status.
# Each change makes a new revision. scale-down.sh puts back the committed min-scale, and so
# does the next deploy.sh.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

min=2
functions=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --min) min="${2:-}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) functions+=("$1"); shift ;;
  esac
done
[[ "$min" =~ ^[0-9]+$ ]] || die "--min takes a whole number"
if [[ ${#functions[@]} -eq 0 ]]; then
  functions=(track-shipment ingest-locations login refresh-token list-shipments get-shipment
    change-shipment-status)
fi
need kubectl

known=" $(function_names | tr '\n' ' ') "
for name in "${functions[@]}"; do
  [[ "$known" == *" $name "* ]] || die "no function named $name"
  kubectl patch "ksvc/$name" -n "$NAMESPACE" --type merge -p \
    "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"autoscaling.knative.dev/min-scale\":\"$min\"}}}}}"
done
kubectl wait "${functions[@]/#/ksvc/}" -n "$NAMESPACE" --for=condition=Ready --timeout=300s
echo "min-scale $min: ${functions[*]}"
