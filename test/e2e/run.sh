#!/usr/bin/env bash
# The real-n8n end-to-end tests (last step of `npm test`): installs the pinned n8n versions when
# needed, then runs test/e2e/**/*.e2e.test.ts one file at a time, once per n8n:
#   2x  n8n 2.41.1 (test/e2e/n8n/): every file, the queue-mode suite (PostgreSQL, Redis, main,
#       two webhook processors, a worker) included;
#   1x  the latest n8n 1.x (test/e2e/n8n-1x/): the same files; what only 2.x has (its publication
#       service, queue mode as proven here) is skipped with the reason printed.
# E2E_FLAVORS picks the runs (default "2x 1x"); E2E_RESULTS_DIR, when set, receives jest's JSON
# results of each run (real-n8n-<flavor>.json). Expects Node 24 first on PATH and a built dist/
# (scripts/run-with-node24.sh does both). Extra arguments go to jest (e.g. a test file pattern).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
status=0
for flavor in ${E2E_FLAVORS:-2x 1x}; do
  started=$(date +%s)
  bash test/e2e/install-n8n.sh "$flavor" >/dev/null
  installed=$(date +%s)
  results=()
  if [ -n "${E2E_RESULTS_DIR:-}" ]; then
    mkdir -p "$E2E_RESULTS_DIR"
    results=(--json --outputFile="$E2E_RESULTS_DIR/real-n8n-$flavor.json")
  fi
  echo "e2e: real n8n $flavor ($(sed -n 's/.*"n8n": "\([^"]*\)".*/\1/p' "test/e2e/$([ "$flavor" = 2x ] && echo n8n || echo n8n-1x)/package.json"))" >&2
  E2E_N8N="$flavor" npx jest -c test/e2e/jest.config.js --runInBand "${results[@]}" "$@" || status=$?
  echo "e2e $flavor: tests $(($(date +%s) - installed)) s, n8n install $((installed - started)) s" >&2
done
exit "$status"
