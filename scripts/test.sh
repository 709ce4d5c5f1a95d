#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need (idempotently), builds, runs the suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system.sh
bash scripts/install-node.sh
npm run build 2>&1 | tail -n 4
exec npx vitest run
