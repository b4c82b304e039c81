#!/usr/bin/env bash
# make test-ts: what a TypeScript team does with the spec, in a scratch dir.
#   1. openapi-typescript (default options) turns the spec into schema.d.ts;
#   2. tsc --strict type-checks main.ts against it (a type error fails here);
#   3. main.js runs the main job against a freshly built portone-fake.
# Offline once `npm ci` has filled node_modules (the Makefile does that).
# SPEC=path overrides the spec (the negative control feeds it a broken one).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
spec="${SPEC:-$root/openapi/portone-v1.yaml}"
tmp="$(mktemp -d)"
fake_pid=""
cleanup() {
	if [ -n "$fake_pid" ]; then kill "$fake_pid" 2>/dev/null || true; wait "$fake_pid" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

cp "$here/main.ts" "$here/quickstart.ts" "$here/tsconfig.json" "$tmp/"
echo '{"type": "module"}' >"$tmp/package.json"
ln -s "$here/node_modules" "$tmp/node_modules"
bin="$here/node_modules/.bin"

"$bin/openapi-typescript" "$spec" -o "$tmp/schema.d.ts" --silent
"$bin/tsc" -p "$tmp/tsconfig.json"

(cd "$root" && go build -o "$tmp/portone-fake" ./cmd/portone-fake)
"$tmp/portone-fake" -addr 127.0.0.1:0 >"$tmp/fake.log" 2>&1 &
fake_pid=$!
url=""
for _ in $(seq 1 100); do
	url="$(sed -n 's/^portone-fake listening on //p' "$tmp/fake.log")"
	[ -n "$url" ] && break
	kill -0 "$fake_pid" 2>/dev/null || { cat "$tmp/fake.log" >&2; exit 1; }
	sleep 0.1
done
[ -n "$url" ] || { echo "test-ts: portone-fake did not start" >&2; cat "$tmp/fake.log" >&2; exit 1; }
node "$tmp/out/main.js" "$url"
