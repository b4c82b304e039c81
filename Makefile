# PortOne V1 Go client: build, generation and checks.
# `make demo` and `make test` are the two commands a newcomer needs.

GO      ?= go
NPM     ?= npm
SPEC    := openapi/portone-v1.yaml
# -timeout: a test that hangs (e.g. a Close that never returns) fails well inside CI's 10 minutes.
TESTFLAGS ?= -race -count=1 -timeout 5m

.PHONY: all demo test generate check-generated lint-spec bench vet spec-diff record

all: generate test

## demo: run the main job offline (see README).
demo:
	$(GO) run ./cmd/portone-demo

## test: every Go test of the module, with the race detector.
test: vet
	$(GO) test $(TESTFLAGS) ./...

vet:
	$(GO) vet ./...

## generate: regenerate generated/ (and every other go:generate output) from the spec.
generate:
	$(GO) generate ./...

## check-generated: regenerate in a scratch copy and fail on any difference.
check-generated:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	tar --exclude=./.git --exclude='./openapi/node_modules' -cf - . | tar -xf - -C "$$tmp"; \
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
