#!/usr/bin/env bash
# A real S3-compatible server for tests and local runs: versitygw (Apache-2.0) on a folder,
# built from its Go module into a cache outside the repository (needs Go and its module
# proxy; about two minutes the first time), like scripts/ops/k6.sh does for k6.
#
#   bash scripts/ops/s3-server.sh install              # builds it once; prints the binary's path
#   bash scripts/ops/s3-server.sh path                 # the binary's path; fails if not built
#   bash scripts/ops/s3-server.sh start [port] [dir]   # prints the env lines to export
#   bash scripts/ops/s3-server.sh stop
#
# The tests start their own instance on a free port (functions/kit/test/s3-server.ts); start
# and stop are for trying the product against it by hand. Metadata goes to a sidecar folder,
# so the data folder needs no extended attributes (tmpfs, overlay).
set -euo pipefail

command="${1:-}"
version="${VERSITYGW_VERSION:-v1.8.0}"
cache_dir="${DROPMATE_S3_CACHE:-$HOME/.cache/dropmate-s3}/$version"
binary="$cache_dir/versitygw"
pid_file="${S3_SERVER_PID_FILE:-${TMPDIR:-/tmp}/dropmate-s3-server.pid}"
host=127.0.0.1
access_key=dropmate-local
secret_key=dropmate-local-secret
bucket=dropmate-proofs

log() { echo "s3-server: $*" >&2; }

install() {
  if [[ ! -x "$binary" ]]; then
    command -v go >/dev/null || {
      log "Go is not installed; it builds github.com/versity/versitygw"
      exit 1
    }
    log "building github.com/versity/versitygw@$version into $cache_dir (once)"
    mkdir -p "$cache_dir"
    # Its own module cache beside the binary keeps the build out of the caller's GOPATH.
    GOBIN="$cache_dir" GOFLAGS=-modcacherw GOPATH="$cache_dir/gopath" \
      go install "github.com/versity/versitygw/cmd/versitygw@$version" 2>&1 |
      grep -v '^go: downloading' >&2 || true
    [[ -x "$binary" ]] || {
      log "the build failed"
      exit 1
    }
    rm -rf "$cache_dir/gopath"
  fi
  echo "$binary"
}

path() {
  [[ -x "$binary" ]] || {
    log "versitygw $version is not built: run bash scripts/ops/s3-server.sh install"
    exit 1
  }
  echo "$binary"
}

answers() { curl -s -o /dev/null --max-time 2 "http://$host:$1/" 2>/dev/null; }

start() {
  local port="${1:-7070}" data_dir="${2:-}"
  if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    log "already running (pid $(cat "$pid_file"))"
  else
    install >/dev/null
    if [[ -z "$data_dir" ]]; then data_dir="$(mktemp -d "${TMPDIR:-/tmp}/dropmate-s3.XXXXXX")"; fi
    mkdir -p "$data_dir/data/$bucket" "$data_dir/meta"
    "$binary" --access "$access_key" --secret "$secret_key" --port "$host:$port" --quiet \
      posix --sidecar "$data_dir/meta" "$data_dir/data" >"$data_dir/server.log" 2>&1 &
    echo $! >"$pid_file"
    for _ in $(seq 1 40); do
      if answers "$port"; then break; fi
      sleep 0.25
    done
    answers "$port" || {
      log "versitygw did not answer on $host:$port"
      cat "$data_dir/server.log" >&2
      stop
      exit 1
    }
    log "versitygw on http://$host:$port, data in $data_dir (pid $(cat "$pid_file"))"
  fi
  echo "OBJECT_STORAGE_URL=http://$host:$port"
  echo "OBJECT_STORAGE_BUCKET=$bucket"
  echo "OBJECT_STORAGE_ACCESS_KEY_ID=$access_key"
  echo "OBJECT_STORAGE_SECRET_ACCESS_KEY=$secret_key"
}

stop() {
  if [[ ! -f "$pid_file" ]]; then
    log "not running (no $pid_file)"
    return 0
  fi
  local pid
  pid="$(cat "$pid_file")"
  if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; fi
  rm -f "$pid_file"
  log "stopped"
}

case "$command" in
  install) install ;;
  path) path ;;
  start) start "${2:-}" "${3:-}" ;;
  stop) stop ;;
  *)
    echo "usage: $0 install | path | start [port] [dir] | stop" >&2
    exit 2
    ;;
esac
