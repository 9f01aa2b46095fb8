#!/usr/bin/env bash
# Shared by the scripts beside it (sourced, not run).

# shellcheck disable=SC2034 # read by the scripts that source this file
NAMESPACE="${DROPMATE_NAMESPACE:-dropmate}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

die() {
  printf '%s: %s\n' "$(basename "$0")" "$*" >&2
  exit 1
}

step() { printf '\n== %s\n' "$*"; }

need() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "needs $tool on PATH"
  done
}

# Prints the usage comment at the top of the calling script (the lines after the shebang).
usage() {
  sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0"
}

# The function names, from the generated Knative Services.
function_names() {
  local file
  for file in "$REPO_ROOT"/knative/base/services/*.yaml; do
    [[ "$(basename "$file")" == kustomization.yaml ]] && continue
    basename "$file" .yaml
  done
}

# 48 random bytes as base64url: for tokens and passwords, never echoed.
random_secret() {
  head -c 48 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'
}
