#!/usr/bin/env bash
# k6 for the load scenarios in scripts/k6, built from its Go module into a cache outside the
# repository when no k6 is on PATH (needs Go and its module proxy; about a minute the first
# time). Prints the PATH to use:
#
#   eval "$(bash scripts/ops/k6.sh)"   # k6 on PATH in this shell
#
# k6 is AGPL-3.0: it runs as a separate program against DropMate, never linked into or
# shipped with it.
set -euo pipefail

version="${K6_VERSION:-v1.8.1}"
cache_dir="${DROPMATE_K6_CACHE:-$HOME/.cache/dropmate-k6}/$version"

log() { echo "k6.sh: $*" >&2; }

if command -v k6 >/dev/null; then
  log "$(command -v k6) is $(k6 version | head -1); nothing to build"
  exit 0
fi
if [[ ! -x "$cache_dir/bin/k6" ]]; then
  command -v go >/dev/null || {
    log "neither k6 nor Go is installed; install k6 (https://grafana.com/docs/k6/) or Go"
    exit 1
  }
  log "building go.k6.io/k6@$version into $cache_dir (once)"
  mkdir -p "$cache_dir"
  # Its own module cache beside the binary keeps the build out of the caller's GOPATH.
  GOBIN="$cache_dir/bin" GOFLAGS=-modcacherw GOPATH="$cache_dir/gopath" \
    go install "go.k6.io/k6@$version" 2>&1 | grep -v '^go: downloading' >&2 || true
  [[ -x "$cache_dir/bin/k6" ]] || {
    log "the build failed"
    exit 1
  }
  rm -rf "$cache_dir/gopath"
fi
log "$("$cache_dir/bin/k6" version | head -1)"
echo "export PATH=\"$cache_dir/bin:\$PATH\""
