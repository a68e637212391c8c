#!/usr/bin/env bash
# Debian's Chromium for the browser tests (webview, mermaid rendering). Nothing downloads a browser of its own here.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
