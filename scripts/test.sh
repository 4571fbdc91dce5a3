#!/usr/bin/env bash
# `npm test`: everything, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }
step "typecheck" && npx tsc --noEmit
step "lint (ESLint, Prettier)" && npm run --silent lint
step "unit tests" && npx vitest run --project unit
step "integration tests (PostgreSQL: $([ -n "${DATABASE_URL:-}" ] && echo "DATABASE_URL" || echo "embedded"))" && npx vitest run --project integration
step "end-to-end tests (production build, Chromium)" && bash scripts/e2e.sh
