#!/usr/bin/env bash
# End-to-end tests: a production build served by `next start`, driven by Playwright in Chromium.
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
npx next build
npx playwright test "$@"
