#!/usr/bin/env bash
# Node 24 LTS, the project's runtime, on machines whose own Node is older. The official
# binary comes from the npm registry package that ships it (node-<os>-<arch>), installed
# into a cache outside the repository; nothing is downloaded from anywhere else. Prints
# the PATH to use, so
#
#   eval "$(bash scripts/ops/node.sh)"   # Node 24 first on PATH in this shell
#
# does nothing when the Node already on PATH is new enough.
set -euo pipefail

required_major=24
version="${DROPMATE_NODE_VERSION:-24.22.3}"
cache_dir="${DROPMATE_NODE_CACHE:-$HOME/.cache/dropmate-node}"

log() { echo "node.sh: $*" >&2; }

current_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [[ "$(current_major)" -ge "$required_major" ]]; then
  log "$(command -v node) is $(node --version); nothing to install"
  exit 0
fi

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *)
    log "no npm-registry Node binary for $(uname -s); install Node $required_major yourself"
    exit 1
    ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *)
    log "no npm-registry Node binary for $(uname -m); install Node $required_major yourself"
    exit 1
    ;;
esac

package="node-$os-$arch"
bin_dir="$cache_dir/$version/node_modules/$package/bin"
if [[ ! -x "$bin_dir/node" ]]; then
  log "installing $package@$version into $cache_dir/$version (once)"
  mkdir -p "$cache_dir/$version"
  # The older Node only runs npm here; the package is just the binary, no install scripts.
  npm install --prefix "$cache_dir/$version" --no-audit --no-fund --no-save \
    --loglevel=error "$package@$version" >&2
fi
log "$("$bin_dir/node" --version) at $bin_dir"
echo "export PATH=\"$bin_dir:\$PATH\""
