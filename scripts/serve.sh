#!/bin/sh
# Starts the built API as production runs it: `npm run start:prod`, the Dockerfile and scripts/start.sh all come here,
# and test/bench reads the flags from the exec line below (docs/BENCHMARKS.md):
# - a young generation of at most 2 x 16 MB: V8 grows it to 2 x 64 MB under load by default, ~100 MB of RSS for
#   fewer scavenges;
# - a major GC once the old generation has grown by half since the last one: V8 lets it reach up to 4 x its live size
#   first, ~100 MB of dead clicks under load.
cd "$(dirname "$0")/.." || exit 1
exec node --max-semi-space-size=16 --heap-growing-percent=50 dist/apps/api/src/main.js "$@"
