#!/usr/bin/env bash
# Installs what the integration and end-to-end tests need: Debian packages (Chromium, ripgrep, the headers
# code-server's native modules build against) and code-server, into .e2e-tools/ (git-ignored).
# Idempotent: does nothing but check when everything is already there.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
# code-server's @vscode/ripgrep postinstall looks for this exact file in $TMPDIR before trying to download it.
RIPGREP_CACHE=vscode-ripgrep-cache-1.15.11
RIPGREP_TARBALL=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
# fonts-wqy-microhei: Chinese glyphs for the zh-cn test and screenshot (boxes without it).
APT_PACKAGES=(libkrb5-dev libxkbfile-dev libsecret-1-dev ripgrep chromium fonts-wqy-microhei)

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tools_dir="$root_dir/.e2e-tools/code-server"

log() { printf '[setup:e2e] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_debian_packages() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "Debian packages already installed: ${APT_PACKAGES[*]}"
    return
  fi
  log "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" </dev/null
}

installed_code_server_version() {
  local manifest="$tools_dir/node_modules/code-server/package.json"
  [ -f "$manifest" ] && [ -x "$tools_dir/node_modules/.bin/code-server" ] || return 0
  node -p "require(process.argv[1]).version" "$manifest"
}

install_code_server() {
  local have
  have=$(installed_code_server_version)
  if [ "$have" = "$CODE_SERVER_VERSION" ]; then
    log "code-server $CODE_SERVER_VERSION already installed in .e2e-tools/code-server"
    return
  fi
  log "installing code-server $CODE_SERVER_VERSION into .e2e-tools/code-server${have:+ (found $have)}"
  local tmp=$scratch started
  mkdir -p "$tmp/$RIPGREP_CACHE" "$tmp/rg"
  cp /usr/bin/rg "$tmp/rg/rg"
  tar -czf "$tmp/$RIPGREP_CACHE/$RIPGREP_TARBALL" -C "$tmp/rg" rg

  rm -rf "$tools_dir"
  mkdir -p "$tools_dir"
  printf '{ "name": "e2e-tools", "private": true }\n' >"$tools_dir/package.json"
  started=$SECONDS
  # Each variable fixed a real failure: the postinstall refuses root without unsafe_perm, node-pty's postinstall
  # asks npx for a yes, node-gyp would download Node's headers, @vscode/ripgrep would download rg.
  (
    cd "$tools_dir"
    env -u npm_config_local_prefix -u npm_config_prefix \
      npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr TMPDIR="$tmp" \
      npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" </dev/null
  )
  have=$(installed_code_server_version)
  if [ "$have" != "$CODE_SERVER_VERSION" ]; then
    log "code-server install failed (found '${have}')"
    exit 1
  fi
  log "installed code-server $have in $((SECONDS - started)) s"
}

# Also the HOME of the --version check below, which would otherwise write logs into the real home.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

install_debian_packages
install_code_server
HOME=$scratch XDG_CONFIG_HOME=$scratch XDG_DATA_HOME=$scratch \
  "$tools_dir/node_modules/.bin/code-server" --config /dev/null --version | sed 's/^/[setup:e2e] code-server /'
/usr/bin/chromium --version 2>/dev/null | sed 's/^/[setup:e2e] /'
