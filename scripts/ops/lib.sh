# Sourced by the ops scripts that run the product for a check: `npm start` in the background
# (its pid in server_pid, its output in the log file), ready when `/ready` answers, within a
# minute. Variables set in front of the call reach the server:
#
#   PORT=18080 start_server "$dir/server.log" http://127.0.0.1:18080 || exit 1
# shellcheck shell=bash

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
