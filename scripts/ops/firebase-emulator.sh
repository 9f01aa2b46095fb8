#!/usr/bin/env bash
# The Firebase Auth emulator for tests, offline, outside the repository's dependencies:
# firebase-tools takes ~2.5 min to install, so it lives in a cache folder and `npm ci`
# stays fast. The auth emulator is plain Node (no Java) and needs no credentials for a
# demo- project.
#
#   bash scripts/ops/firebase-emulator.sh start [pid-file]   # prints the env line to export
#   bash scripts/ops/firebase-emulator.sh stop [pid-file]
set -euo pipefail

command="${1:-}"
pid_file="${2:-${FIREBASE_EMULATOR_PID_FILE:-${TMPDIR:-/tmp}/dropmate-firebase-emulator.pid}}"
tools_version="${FIREBASE_TOOLS_VERSION:-15.37.0}"
tools_dir="${FIREBASE_TOOLS_DIR:-$HOME/.cache/dropmate-firebase-tools/$tools_version}"
host=127.0.0.1
port="${FIREBASE_AUTH_EMULATOR_PORT:-9099}"
project=demo-dropmate

log() { echo "firebase-emulator: $*" >&2; }

ensure_tools() {
  if [[ -x "$tools_dir/node_modules/.bin/firebase" ]]; then return 0; fi
  log "installing firebase-tools@$tools_version into $tools_dir (once; takes a few minutes)"
  mkdir -p "$tools_dir"
  npm install --prefix "$tools_dir" --no-audit --no-fund --no-save --loglevel=error \
    "firebase-tools@$tools_version" >&2
}

answers() { curl -s -o /dev/null --max-time 2 "http://$host:$port/" 2>/dev/null; }

start() {
  if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    log "already running (pid $(cat "$pid_file"))"
    echo "FIREBASE_AUTH_EMULATOR_HOST=$host:$port"
    return 0
  fi
  if answers; then
    log "something already answers on $host:$port; not starting another emulator"
    return 1
  fi
  ensure_tools

  local work_dir
  work_dir="$(mktemp -d "${TMPDIR:-/tmp}/dropmate-firebase-emulator.XXXXXX")"
  # Hub and logging ports are pinned next to ours so a second emulator elsewhere on the
  # machine fails loudly instead of drifting to random ports.
  cat >"$work_dir/firebase.json" <<EOF
{
  "emulators": {
    "auth": { "host": "$host", "port": $port },
    "hub": { "host": "$host", "port": $((port + 301)) },
    "logging": { "host": "$host", "port": $((port + 401)) },
    "ui": { "enabled": false },
    "singleProjectMode": true
  }
}
EOF

  # Nothing that needs the internet: NO_UPDATE_NOTIFIER and CI stop the update check, CI the
  # message-of-the-day fetch; usage reporting stays off in a fresh config dir (never opted
  # in), which also keeps a developer's own Firebase login out of the tests.
  (
    cd "$work_dir"
    export CI=true NO_UPDATE_NOTIFIER=1 XDG_CONFIG_HOME="$work_dir/config"
    # Its own process group (setsid, util-linux) so stop ends whatever it spawned too.
    launcher=()
    if command -v setsid >/dev/null; then launcher=(setsid); fi
    exec "${launcher[@]}" "$tools_dir/node_modules/.bin/firebase" emulators:start \
      --only auth --project "$project" --non-interactive \
      </dev/null >"$work_dir/emulator.log" 2>&1
  ) &
  local pid=$!
  echo "$pid" >"$pid_file"
  echo "$work_dir" >"$pid_file.dir"

  for _ in $(seq 1 120); do
    if answers; then
      log "auth emulator ready on $host:$port (pid $pid, log $work_dir/emulator.log)"
      echo "FIREBASE_AUTH_EMULATOR_HOST=$host:$port"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.5
  done
  log "auth emulator did not answer on $host:$port"
  cat "$work_dir/emulator.log" >&2
  stop
  return 1
}

stop() {
  if [[ ! -f "$pid_file" ]]; then
    log "not running (no $pid_file)"
    return 0
  fi
  local pid work_dir
  pid="$(cat "$pid_file")"
  work_dir="$(cat "$pid_file.dir" 2>/dev/null || true)"
  # With setsid the CLI leads its own process group: the group is the emulator and whatever
  # it spawned, nothing else. Without it, the group kill fails and the pid alone is ended.
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "still running after 10 s; killing"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pid_file" "$pid_file.dir"
  if [[ -n "$work_dir" && "$work_dir" == */dropmate-firebase-emulator.* ]]; then rm -rf "$work_dir"; fi
  log "stopped"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop [pid-file]" >&2
    exit 2
    ;;
esac
