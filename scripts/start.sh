#!/usr/bin/env bash
# Quick start: install, build the API and the dashboard, and serve on the embedded database (./.data) unless
# DATABASE_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npx nest build api
npm run -s build:dashboard
exec sh scripts/serve.sh
