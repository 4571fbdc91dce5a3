#!/usr/bin/env bash
# Playwright drives Debian's Chromium: Playwright's own browser download is not reachable here.
# Installs it when missing and we are root; otherwise falls back to Playwright's own browser.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then exit 0; fi
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "[e2e] installing Debian's chromium (once)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "[e2e] /usr/bin/chromium not found and not root: using Playwright's own browser (npx playwright install chromium)"
exit 3
