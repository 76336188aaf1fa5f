#!/usr/bin/env bash
# The whole test suite: host packages, build, typecheck, lint, then every test against real ostree, polkit and
# Chromium. The Electron suite runs when its binary is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build/host-packages.sh --for-tests
node build/bundle.mjs
npm run --silent typecheck
npm run --silent lint
npx vitest run
electron=node_modules/electron
if [ -f "$electron/path.txt" ] && [ -x "$electron/dist/$(cat "$electron/path.txt")" ]; then
  npm run --silent test:electron
else
  echo "Electron suite: not run, because the Electron binary is not installed here (it cannot be downloaded in CI)."
fi
