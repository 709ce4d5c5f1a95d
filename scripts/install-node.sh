#!/usr/bin/env bash
# `npm ci` when node_modules does not match package-lock.json (a stamp records the lock file it was made from).
set -euo pipefail
stamp=node_modules/.vigie-lock
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "${CI:-}" = "true" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi
