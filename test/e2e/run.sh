#!/usr/bin/env bash
# The real-n8n end-to-end tests (last step of `npm test`): installs the pinned n8n when needed,
# then runs test/e2e/**/*.e2e.test.ts one file at a time. Expects Node 24 first on PATH and a
# built dist/ (scripts/run-with-node24.sh does both). Extra arguments go to jest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
started=$(date +%s)
bash test/e2e/install-n8n.sh >/dev/null
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
npx jest -c test/e2e/jest.config.js --runInBand "$@"
echo "e2e: done in $(($(date +%s) - started)) s (n8n install included)" >&2
