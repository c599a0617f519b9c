#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png from a real n8n: builds the package (SKIP_BUILD=1 skips it),
# installs the pinned n8n of test/e2e when needed, playwright-core into the git-ignored
# .cache/screenshot-tools (never a browser download: Debian's /usr/bin/chromium is used), compiles
# the e2e driver, then runs take-screenshots.mjs. Needs Debian's chromium package.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/node24.sh
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium ..." >&2
    apt-get update >/dev/null && apt-get install -y chromium >/dev/null
  else
    echo "No Chromium at $chromium: install Debian's package (sudo apt-get install -y chromium) or set CHROMIUM_PATH." >&2
    exit 1
  fi
fi

tools=.cache/screenshot-tools
playwright_version=1.65.1
if [ ! -f "$tools/node_modules/playwright-core/package.json" ] ||
  ! grep -q "\"version\": \"$playwright_version\"" "$tools/node_modules/playwright-core/package.json"; then
  echo "Installing playwright-core $playwright_version into $tools ..." >&2
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{"private":true}' >"$tools/package.json"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$tools" --no-audit --no-fund --save-exact \
    "playwright-core@$playwright_version" >&2
fi

[ "${SKIP_BUILD:-}" = 1 ] || bash scripts/run-with-node24.sh build
bash test/e2e/install-n8n.sh >/dev/null

out=.cache/screenshots-build
rm -rf "$out"
# Files on the command line: tsc ignores tsconfig.json and compiles the driver and its imports.
npx tsc --outDir "$out" --rootDir . --module commonjs --moduleResolution node --target es2022 \
  --esModuleInterop --skipLibCheck --types node --strict test/e2e/lib/index.ts

exec node scripts/screenshots/take-screenshots.mjs "$@"
