# Sourced by the ops scripts and .ci/run: Debian packages installed on demand, and the
# product started for a check.
# shellcheck shell=bash

as_root() { if [[ "$(id -u)" -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# Installs Debian packages, updating the package lists once per run. Says so on stderr:
# services.sh's stdout is for eval.
apt_updated=""
apt_install() {
  if [[ -z "$apt_updated" ]]; then
    as_root apt-get update -qq >&2
    apt_updated=1
  fi
  echo "installing $* from Debian" >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# `npm start` in the background (its pid in server_pid, its output in the log file), ready
# when `/ready` answers, within a minute. Variables set in front of the call reach the server:
#
#   PORT=18080 start_server "$dir/server.log" http://127.0.0.1:18080 || exit 1
server_pid=""

start_server() {
  local log_file="$1" base_url="$2"
  npm start --silent >"$log_file" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    if curl -sf "$base_url/ready" >/dev/null; then return 0; fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.5
  done
  echo "the server did not become ready at $base_url; its log:" >&2
  cat "$log_file" >&2
  return 1
}
