#!/usr/bin/env bash
# Usage: scale-down.sh [FUNCTION ...]
#
# After the rush: puts back each FUNCTION's committed min-scale (from its generated
# knative/base/services/<name>.yaml, 0 for scale to zero). Without FUNCTION, every function.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

functions=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) functions+=("$1"); shift ;;
  esac
done
if [[ ${#functions[@]} -eq 0 ]]; then
  mapfile -t functions < <(function_names)
fi
need kubectl

for name in "${functions[@]}"; do
  file="$REPO_ROOT/knative/base/services/$name.yaml"
  [[ -f "$file" ]] || die "no function named $name"
  committed="$(sed -n "s/^ *autoscaling.knative.dev\/min-scale: '\([0-9]*\)'$/\1/p" "$file")"
  [[ -n "$committed" ]] || die "$file has no min-scale annotation"
  kubectl patch "ksvc/$name" -n "$NAMESPACE" --type merge -p \
    "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"autoscaling.knative.dev/min-scale\":\"$committed\"}}}}}"
  echo "$name: min-scale $committed"
done
