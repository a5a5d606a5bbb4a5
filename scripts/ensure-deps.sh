#!/usr/bin/env bash
# Installs the locked dependencies when node_modules is missing or older than package-lock.json.
# `npm install --no-save` installs exactly the locked tree; `npm ci` is not used because it refuses a lock whose
# optional platform binaries (macOS/Windows builds of @swc/core and the like) the registry mirror here does not serve.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing dependencies…"
  npm install --no-save --no-audit --no-fund
fi
