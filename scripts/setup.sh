#!/usr/bin/env bash
# Sets Vigie up on a fresh machine and builds the extension for Chromium (MV3) and Firefox, ready to load.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-node.sh
npm run build
cat <<'MSG'

Vigie is built:
  Chromium: chrome://extensions → Developer mode → Load unpacked → .output/chrome-mv3
  Firefox:  about:debugging#/runtime/this-firefox → Load Temporary Add-on → .output/firefox-mv2/manifest.json
  Command line: npx vigie --help
MSG
