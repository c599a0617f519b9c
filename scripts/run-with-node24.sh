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

# Build, then lint (after the build, so the published JavaScript is linted too, as n8n's
# scanner does), then type check the sources and tests.
build_lint_typecheck() {
  bash scripts/run-with-node24.sh build
  node scripts/lint.mjs
  npx tsc --noEmit -p tsconfig.json
}

# Each test run writes jest's JSON results here; test-summary.mjs turns them into the one closing
# line "tests: N passed, N failed".
results=.cache/test-results
fresh_results() { rm -rf "$results" && mkdir -p "$results"; }
in_process_tests() { npx jest --json --outputFile="$results/in-process.json" "$@"; }
real_n8n_tests() { E2E_RESULTS_DIR="$results" bash test/e2e/run.sh "$@"; }

task="${1:?usage: run-with-node24.sh build|lint|test|test:unit|test:e2e|start|bench}"
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
    # Everything: what test:unit runs, then the real-n8n suite. Extra arguments go to the
    # in-process jest run.
    build_lint_typecheck
    fresh_results
    status=0
    in_process_tests "$@" || status=$?
    if [ "$status" -eq 0 ]; then
      real_n8n_tests || status=$?
    fi
    node scripts/test-summary.mjs "$results"
    exit "$status"
    ;;
  test:unit)
    # No real n8n: build, lint, type check, unit and in-process tests. Extra arguments go to jest.
    build_lint_typecheck
    fresh_results
    status=0
    in_process_tests "$@" || status=$?
    node scripts/test-summary.mjs "$results"
    exit "$status"
    ;;
  test:e2e)
    # Only the real-n8n suite, on a fresh build (it installs the packed package). Extra arguments
    # go to jest, e.g. a test file.
    bash scripts/run-with-node24.sh build
    fresh_results
    status=0
    real_n8n_tests "$@" || status=$?
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
