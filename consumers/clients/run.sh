#!/usr/bin/env bash
# make test-clients: V1 clients that shops run, unchanged, against portone-fake
# (issue 9: "works against the fake unchanged", run rather than read).
#   - go-iamport (consumers/go-iamport; its source in third_party/, since the
#     Go module proxy refuses the module), and its recorded-answer test;
#   - npm iamport, iamporter and iamport-rest-client-nodejs (consumers/node-clients,
#     pinned by package-lock.json);
#   - PortOne's Python client and pypi iamporter (consumers/python-clients;
#     their source in third_party/, since no Python package index is
#     reachable), on a Python that has requests (the machine's, or Debian's
#     python3-requests).
# Each client gets a fresh fake, built once from this tree, on a free port;
# only the base URL and the fake's credentials are given to the client.
# Offline once `npm ci` and the Go module download have run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tmp="$(mktemp -d)"
fake_pid=""
stop_fake() {
	if [ -n "$fake_pid" ]; then kill "$fake_pid" 2>/dev/null || true; wait "$fake_pid" 2>/dev/null || true; fi
	fake_pid=""
}
trap 'stop_fake; rm -rf "$tmp"' EXIT

# The copied clients are as published: their files against the checksums
# taken from the upstream commits named in each PROVENANCE.md.
for d in go-iamport/third_party/go-iamport python-clients/third_party/iamport-rest-client-python \
	python-clients/third_party/iamporter-python; do
	(cd "$here/../$d" && sha256sum --quiet -c SHA256SUMS) ||
		{ echo "test-clients: consumers/$d differs from the published client (SHA256SUMS)" >&2; exit 1; }
done

py=""
for c in python3 /usr/bin/python3; do
	if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import requests' 2>/dev/null; then py="$c"; break; fi
done
[ -n "$py" ] || { echo "test-clients: no Python with requests (apt-get install python3-requests)" >&2; exit 1; }

(cd "$root" && go build -o "$tmp/portone-fake" ./cmd/portone-fake)
(cd "$root/consumers/go-iamport" && go build -o "$tmp/go-iamport" . && go vet . && go test -count=1 .)

# start_fake [flags]: a fresh fake on a free port; sets url.
start_fake() {
	stop_fake
	: >"$tmp/fake.log"
	"$tmp/portone-fake" -addr 127.0.0.1:0 "$@" >"$tmp/fake.log" 2>&1 &
	fake_pid=$!
	url=""
	for _ in $(seq 1 100); do
		url="$(sed -n 's/^portone-fake listening on //p' "$tmp/fake.log")"
		[ -n "$url" ] && return 0
		kill -0 "$fake_pid" 2>/dev/null || break
		sleep 0.1
	done
	echo "test-clients: portone-fake did not start" >&2
	cat "$tmp/fake.log" >&2
	exit 1
}

status=0
run() { # name command...
	local name="$1"
	shift
	start_fake
	echo "== $name"
	if ! "$@" "$url"; then
		status=1
		echo "== $name: FAILED" >&2
	fi
}

run go-iamport "$tmp/go-iamport"
for client in iamport iamporter iamport-rest-client-nodejs; do
	run "npm $client" node "$here/../node-clients/$client.mjs"
done
run iamport-rest-client-python "$py" "$here/../python-clients/iamport_rest_client_python.py"
run "pypi iamporter" "$py" "$here/../python-clients/iamporter_python.py"

# Negative control: each script fails against a fake that refuses its
# credentials (a check that cannot fail proves nothing).
for cmd in "$tmp/go-iamport" "node $here/../node-clients/iamport.mjs" "node $here/../node-clients/iamporter.mjs" \
	"node $here/../node-clients/iamport-rest-client-nodejs.mjs" "$py $here/../python-clients/iamport_rest_client_python.py" "$py $here/../python-clients/iamporter_python.py"; do
	start_fake -api-secret not_the_clients_secret
	if $cmd "$url" >"$tmp/control.log" 2>&1; then
		status=1
		echo "test-clients: negative control: ${cmd##*/} passed against a fake with other credentials" >&2
		cat "$tmp/control.log" >&2
	fi
done
stop_fake
[ $status = 0 ] && echo "test-clients: 6 clients as expected; each failed against a fake with other credentials (negative control)"
exit $status
