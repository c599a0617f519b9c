#!/usr/bin/env bash
# Entry point of every npm script: the machine may have only Node 20, while n8n-core 2.x (a dev
# dependency) and a real n8n need Node 24. This puts Node 24 first on PATH, installs the dev
# toolchain when it is missing or stale, then runs the requested task.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/node24.sh
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"

ensure_dev_dependencies() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Installing the dev toolchain (npm ci)..." >&2
    npm ci --no-audit --no-fund
  fi
}

task="${1:?usage: run-with-node24.sh build|lint|test|start|bench}"
shift
ensure_dev_dependencies
case "$task" in
  build)
    rm -rf dist
    npx tsc -p tsconfig.build.json
    npx gulp build:icons
    ;;
  lint)
    node scripts/lint.mjs
    ;;
  test)
    bash scripts/run-with-node24.sh build
    # After the build, so the published JavaScript is linted too, as n8n's scanner does.
    node scripts/lint.mjs
    npx tsc --noEmit -p tsconfig.json
    results=.cache/test-results
    rm -rf "$results" && mkdir -p "$results"
    status=0
    npx jest --json --outputFile="$results/in-process.json" "$@" || status=$?
    if [ "$status" -eq 0 ]; then
      E2E_RESULTS_DIR="$results" bash test/e2e/run.sh || status=$?
    fi
    node scripts/test-summary.mjs "$results"
    exit "$status"
    ;;
  start)
    bash scripts/run-with-node24.sh build
    bash test/e2e/start.sh "$@"
    ;;
  bench)
    bash scripts/run-with-node24.sh build
    bash bench/run.sh "$@"
    ;;
  *)
    echo "unknown task: $task" >&2
    exit 2
    ;;
esac
