# PortOne V1 Go client: build, generation and checks.
# `make demo` and `make test` are the two commands a newcomer needs.

GO      ?= go
NPM     ?= npm
SPEC    := openapi/portone-v1.yaml
# -timeout: a test that hangs (e.g. a Close that never returns) fails well inside CI's 10 minutes.
# -race needs cgo and a C compiler; where either is missing the tests run without it, and say so.
RACE := $(shell [ "$$($(GO) env CGO_ENABLED)" = 1 ] && command -v "$$($(GO) env CC)" >/dev/null 2>&1 && echo -race)
TESTFLAGS ?= $(RACE) -count=1 -timeout 5m
# The race runtime sleeps atexit_sleep_ms (default 1000) before a binary exits,
# to catch races of goroutines still running then: a second per test binary,
# 15 s of the run for 15 packages, while every test has finished and cleaned up
# by then (the detector still watches every access during the tests). Set
# GORACE yourself to keep the sleep: GORACE=atexit_sleep_ms=1000 make test.
GORACE ?= atexit_sleep_ms=0
export GORACE

.PHONY: all demo shop test generate check-generated lint-spec check-sdk test-ts test-ogen test-clients bench vet spec-diff record

all: generate test

## demo: run the main job offline (see README).
demo:
	$(GO) run ./cmd/portone-demo

## shop: the example shop against the fake, to pay in a browser (docs/browser.md).
shop:
	$(GO) run ./examples/shop

## test: every Go test of the module, with the race detector. The browser
## tests (examples/shop) need chromium: without it they do not run, and this
## says so after the tests; with CI set they fail instead.
BROWSERS := chromium chromium-browser google-chrome google-chrome-stable headless-shell
test: vet
	@case " $(TESTFLAGS) " in *" -race "*) echo "make test: race detector ON";; \
		*) echo "make test: race detector OFF (needs cgo and a C compiler: CGO_ENABLED=$$($(GO) env CGO_ENABLED), CC=$$($(GO) env CC))" >&2;; esac
	$(GO) test $(TESTFLAGS) ./...
	@if [ -z "$$PORTONE_BROWSER" ] && ! for b in $(BROWSERS); do command -v $$b >/dev/null && exit 0; done; then \
		echo '' >&2; \
		echo '**********************************************************************' >&2; \
		echo '*  WARNING: no chromium found: the BROWSER TESTS DID NOT RUN.        *' >&2; \
		echo '*  Install it (apt-get install -y chromium) or set PORTONE_BROWSER.  *' >&2; \
		echo '**********************************************************************' >&2; \
	fi

vet:
	$(GO) vet ./...

## test-ts: a TypeScript client generated from the spec (openapi-typescript + openapi-fetch,
## default options, pinned in consumers/typescript) type-checks with tsc --strict and does the
## main job against portone-fake. Offline once npm ci has run.
test-ts: consumers/typescript/node_modules/.package-lock.json
	consumers/typescript/run.sh

consumers/typescript/node_modules/.package-lock.json: consumers/typescript/package.json consumers/typescript/package-lock.json
	cd consumers/typescript && $(NPM) ci --no-audit --no-fund

## test-clients: V1 clients that shops run, unchanged, against portone-fake: go-iamport
## (consumers/go-iamport, its source in third_party/), npm iamport, iamporter and
## iamport-rest-client-nodejs (pinned in consumers/node-clients) and PortOne's Python client
## and pypi iamporter (consumers/python-clients, source in third_party/; need requests). Offline once npm ci has
## run and Go has the modules of consumers/go-iamport/go.sum.
test-clients: consumers/node-clients/node_modules/.package-lock.json
	consumers/clients/run.sh

consumers/node-clients/node_modules/.package-lock.json: consumers/node-clients/package.json consumers/node-clients/package-lock.json
	cd consumers/node-clients && $(NPM) ci --no-audit --no-fund

## test-ogen: ogen (pinned in consumers/ogen/go.mod) generates the whole spec without
## ignore_not_implemented, builds it and decodes the recordings with it. In .ci/run: about 47 s on
## an idle 2-core machine the first time (module downloads and ogen's build), 3 s warm.
test-ogen:
	consumers/ogen/run.sh

## generate: regenerate generated/ (and every other go:generate output) from the spec.
generate:
	$(GO) generate ./...

## check-generated: regenerate in a scratch copy and fail on any difference.
check-generated:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	tar --exclude=./.git --exclude=node_modules -cf - . | tar -xf - -C "$$tmp"; \
	(cd "$$tmp" && $(GO) generate ./...); \
	if ! diff -r --exclude=.git --exclude=node_modules . "$$tmp" >"$$tmp.diff" 2>&1; then \
		cat "$$tmp.diff"; rm -f "$$tmp.diff"; \
		echo "check-generated: committed output is stale; run 'make generate' and commit." >&2; exit 1; \
	fi; rm -f "$$tmp.diff"; echo "check-generated: up to date"

## lint-spec: lint the spec with the pinned @redocly/cli (openapi/package.json).
lint-spec: openapi/node_modules/.package-lock.json
	cd openapi && npx --no-install redocly lint portone-v1.yaml --config redocly.yaml

openapi/node_modules/.package-lock.json: openapi/package.json openapi/package-lock.json
	cd openapi && $(NPM) ci --no-audit --no-fund

## check-sdk: type-check the fake's browser SDK against iamport-typings (pinned in fake/sdk).
check-sdk: fake/sdk/node_modules/.package-lock.json
	cd fake/sdk && npx --no-install tsc -p .

fake/sdk/node_modules/.package-lock.json: fake/sdk/package.json fake/sdk/package-lock.json
	cd fake/sdk && $(NPM) ci --no-audit --no-fund

## spec-diff: breaking changes of the spec against the spec at BASE (a git ref; default main).
BASE ?= main
spec-diff:
	$(GO) run ./cmd/portone-specdiff -base $(BASE)

## record: record fresh read-only answers into the corpus. Needs PORTONE_API_KEY and
## PORTONE_API_SECRET in the environment and IDS="imp_uid or merchant_uid ...".
record:
	@test -n "$(IDS)" || { echo 'usage: make record IDS="imp_... order-..."' >&2; exit 2; }
	$(GO) run ./cmd/portone-record $(IDS)

## bench: benchmarks (figures go in the closing notes, never in assertions).
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
