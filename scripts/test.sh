#!/usr/bin/env bash
# The whole test suite: unit specs and e2e specs against the booted app.
# Database: the PostgreSQL in DATABASE_URL when set (a fresh database per test file), else embedded PGlite.
# Redis-backed tests use TEST_REDIS_URL (default redis://127.0.0.1:6379) and are skipped when it is unreachable
# unless REQUIRE_REDIS=1 (CI), which makes an unreachable Redis a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
# PGlite loads its WebAssembly through dynamic import(), which Jest's VM only allows with this flag.
export NODE_OPTIONS="${NODE_OPTIONS:-} --experimental-vm-modules --disable-warning=ExperimentalWarning"
exec npx jest "$@"
