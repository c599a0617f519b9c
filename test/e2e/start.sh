#!/usr/bin/env bash
# `npm start` (after the build): installs the pinned n8n when needed, compiles the dev starter
# (test/e2e/devStart.ts with the emulators and the harness) and runs it in the foreground: n8n on
# http://127.0.0.1:5678 with our package, the provider emulators, credentials and examples.
# Ctrl-C stops everything it started. Expects Node 24 first on PATH (scripts/run-with-node24.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bash test/e2e/install-n8n.sh >/dev/null
out=.cache/e2e-start
rm -rf "$out"
# Files on the command line: tsc ignores tsconfig.json and compiles devStart.ts and its imports.
npx tsc --outDir "$out" --rootDir . --module commonjs --moduleResolution node --target es2022 \
  --esModuleInterop --skipLibCheck --types node --strict test/e2e/devStart.ts
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
# exec: Ctrl-C and SIGTERM reach the starter, which stops n8n and the emulators.
exec node "$out/test/e2e/devStart.js" "$@"
