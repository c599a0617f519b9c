#!/usr/bin/env bash
# `npm run bench` (after scripts/run-with-node24.sh has put Node 24 on PATH and built dist/):
# compiles bench/ into the git-ignored .cache/bench-build, installs the pinned load generator
# (bench/tools, autocannon) into .cache/bench-tools and the pinned real n8n (test/e2e/install-n8n.sh)
# when missing, then runs bench/main.ts, which prints the report and writes BENCHMARKS.md.
# Arguments go to bench/main.ts: --only=receive,lifecycle,footprint,n8n  --quick
# Knobs for trying things out (the report says what ran): BENCH_DURATION_S, BENCH_ROUNDS,
# BENCH_CONNECTIONS, BENCH_AUTH_BASELINES=0 (skip the Webhook-node-with-auth baselines),
# BENCH_PACKAGE_TARBALL (load another build of the package into the real n8n), BENCH_DIST
# (time another compiled copy of the package in the receive-path part).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/node24.sh
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"

if [ ! -f dist/nodes/Sarv/SarvTrigger.node.js ]; then
  echo "bench: dist/ is not built; run \`npm run bench\` (it builds first) or \`npm run build\`." >&2
  exit 2
fi

build=.cache/bench-build
rm -rf "$build"
# The compiler options of tsconfig.json, given on the command line: files named here make tsc
# ignore tsconfig.json, and the bench needs its own output folder.
npx tsc --outDir "$build" --rootDir . --module commonjs --moduleResolution node --target es2022 \
  --lib es2022 --types node --strict --esModuleInterop --skipLibCheck --resolveJsonModule \
  --noUnusedLocals --noUnusedParameters --noImplicitReturns --useUnknownInCatchVariables \
  --forceConsistentCasingInFileNames bench/*.ts

args=("$@")
wants() { # is part $1 selected by the arguments?
  local arg
  for arg in ${args[@]+"${args[@]}"}; do
    case "$arg" in --only=*) [[ ",${arg#--only=}," == *",$1,"* ]]; return ;; esac
  done
  return 0
}

if wants n8n; then
  tools=.cache/bench-tools
  if [ ! -f "$tools/.complete" ] || ! cmp -s bench/tools/package-lock.json "$tools/package-lock.json"; then
    echo "bench: installing the pinned load generator into $tools..." >&2
    rm -rf "$tools"
    mkdir -p "$tools"
    cp bench/tools/package.json bench/tools/package-lock.json "$tools/"
    (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >&2)
    touch "$tools/.complete"
  fi
  if ! bash test/e2e/install-n8n.sh >/dev/null; then
    echo "bench: the pinned n8n could not be installed; the real-n8n part will fail" >&2
  fi
fi

node "$build/bench/main.js" "$@"
