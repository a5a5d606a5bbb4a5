#!/usr/bin/env bash
# Installs the locked dependencies with `npm ci` when node_modules is missing or older than package-lock.json.
# `npm ci` installs exactly the lock file's tree and fails when the lock is incomplete or out of date with package.json.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing dependencies (npm ci)…"
  npm ci --no-audit --no-fund
fi
