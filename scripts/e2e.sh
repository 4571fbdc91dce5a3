#!/usr/bin/env bash
# End-to-end tests: a production build served by `next start`, driven by Playwright in Chromium, with
# the server and the browser on one clock (RUNBALANCE_TEST_NOW, default the real current instant).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
status=0
bash scripts/ensure-chromium.sh || status=$?
if [ "$status" = "3" ]; then
  npx playwright install chromium
  export PLAYWRIGHT_OWN_BROWSER=1
elif [ "$status" != "0" ]; then
  exit "$status"
fi
# A build that honours the test clock (src/lib/clock.ts); `npm run build` makes one that never does.
# E2E_SKIP_BUILD=1 reuses the one in .next (scripts/clock-matrix.ts builds once for all its runs).
if [ "${E2E_SKIP_BUILD:-}" != "1" ]; then
  RUNBALANCE_TEST_BUILD=1 npx next build
  npx tsx scripts/build-service-worker.ts
fi
# E2E_SHARDS=2 (CI): the suite in two halves side by side, each with its own server and database on
# its own port (as two separate runs: no spec sees the other half's changes), to use both cores.
shards=${E2E_SHARDS:-1}
if [ "$shards" -gt 1 ] && [ $# -eq 0 ]; then
  base=${E2E_PORT:-3210}
  pids=()
  for i in $(seq 1 "$shards"); do
    E2E_PORT=$((base + i - 1)) npx playwright test --shard="$i/$shards" > >(sed -u "s/^/[shard $i] /") 2>&1 &
    pids+=($!)
    sleep 5
  done
  status=0
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
  exit "$status"
fi
npx playwright test "$@"
