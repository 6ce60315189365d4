# Birge: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

GO        ?= go
BIN       := bin/birge
NPM       ?= npm
FRONTEND  := frontend
# The PostgreSQL server that Go tests create scratch databases on.
BIRGE_TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test?sslmode=disable
export BIRGE_TEST_DATABASE_URL

.PHONY: run test build spa deps generate vet drift test-go-sqlite test-go-postgres test-frontend e2e bench clean migration migrations-check fuzz

## run: build the SPA and the binary, then serve the portal on the embedded database with demo data.
run: build
	BIRGE_DEV=true ./$(BIN) serve

## build: the SPA (npm ci + vite build) and the Go binary that embeds it.
build: spa
	$(GO) build -o $(BIN) .

deps: $(FRONTEND)/node_modules/.package-lock.json

$(FRONTEND)/node_modules/.package-lock.json: $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && $(NPM) ci --no-audit --no-fund
	touch $@

spa: deps
	cd $(FRONTEND) && $(NPM) run build

## generate: entc, then gqlgen, then the frontend's typed documents.
generate:
	$(GO) generate ./...
	if [ -d $(FRONTEND)/node_modules ]; then cd $(FRONTEND) && $(NPM) run codegen; fi

## test: every suite; a missing prerequisite is installed or named.
test: vet drift test-go-sqlite test-go-postgres migrations-check fuzz test-frontend e2e
	@echo "make test: all suites passed"

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed on:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

## drift: generated code must match the schema (go generate leaves no diff).
drift:
	$(GO) generate ./...
	@if [ -n "$$(git status --porcelain -- ent graph gqlgen.yml)" ]; then \
		echo "generated code is out of date: run 'make generate' and commit the result:"; \
		git status --porcelain -- ent graph; git --no-pager diff --stat -- ent graph; exit 1; fi
	@echo "generated code: no drift"

test-go-sqlite:
	BIRGE_TEST_DATABASE_URL= $(GO) test -count=1 -p 2 ./...

test-go-postgres:
	@scripts/check-postgres.sh "$(BIRGE_TEST_DATABASE_URL)"
	$(GO) test -count=1 -p 1 ./...

## migration: write a PostgreSQL migration file for the schema change just made
## (after `make generate`): make migration name=add_person_pronouns
migration:
	@test -n "$(name)" || { echo "usage: make migration name=what_changed (lower case, underscores)"; exit 1; }
	@scripts/check-postgres.sh "$(BIRGE_TEST_DATABASE_URL)"
	$(GO) run -mod=mod ./ent/migrate/main.go $(name)

## migrations-check: the migration files, applied to fresh PostgreSQL databases,
## give exactly the ent schema; upgrades keep data; atlas.sum matches.
migrations-check:
	@scripts/check-postgres.sh "$(BIRGE_TEST_DATABASE_URL)"
	$(GO) test -count=1 -run '^TestMigrations' ./database

## fuzz: the GraphQL endpoint's request decoding and text inputs, briefly.
fuzz:
	BIRGE_TEST_DATABASE_URL= $(GO) test -run '^$$' -fuzz FuzzGraphQLRequest -fuzztime 20s ./server

test-frontend: deps
	cd $(FRONTEND) && $(NPM) run codegen:check && $(NPM) run typecheck && $(NPM) run test

## e2e: the real server with demo data, driven by Debian's chromium, with axe scans.
e2e: build
	@scripts/ensure-chromium.sh
	scripts/e2e.sh

## bench: Go benchmarks, the SPA's bundle size, and the load run on PostgreSQL beside PostGraphile
## and hand-written SQL (bench/load, docs/BENCHMARKS.md); BENCH_FLAGS=-recreate makes its
## 100,000-person database again (reused otherwise), BENCH_FLAGS='-duration 5s' shortens it.
bench: spa
	@scripts/check-postgres.sh "$(BIRGE_TEST_DATABASE_URL)"
	$(GO) test -run '^$$' -bench . -benchmem ./...
	scripts/bundle-size.sh
	if [ ! -f bench/postgraphile/node_modules/.package-lock.json ] || [ bench/postgraphile/package-lock.json -nt bench/postgraphile/node_modules/.package-lock.json ]; then \
		cd bench/postgraphile && $(NPM) ci --no-audit --no-fund; fi
	$(GO) run ./bench/load -out bench/last-run.md $(BENCH_FLAGS)

clean:
	rm -rf bin $(FRONTEND)/dist/assets $(FRONTEND)/dist/index.html
