# The two commands a newcomer needs:  make run   and   make test
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
GO ?= go
BIN := bin/thidua
PKG_STATIC := internal/web/static

.PHONY: run test build bench load assets clean

build:
	$(GO) build -o $(BIN) ./cmd/thidua

## run: start PostgreSQL if needed, migrate, load the demo data and serve it
run: build
	@eval "$$(.ci/ensure-postgres)"; \
	export DATABASE_URL="$${DATABASE_URL:-$$PGBASE/thidua?sslmode=disable}"; \
	./$(BIN) migrate up; \
	./$(BIN) seed --demo; \
	echo; echo "Open http://$${ADDR:-127.0.0.1:8080}/ and sign in with one of the accounts above."; echo; \
	exec ./$(BIN) serve

# The tests that race goroutines against each other, run again under the race detector.
RACE_TESTS := FilingThreeWayRace|NoLostUpdate|DeadlineRush|TwoServersOneDatabase|DatabaseOutageUnderLoad|TwoProcessesStartedAtOnce|KilledHalfway

## test: every test, against a real PostgreSQL (started if needed); the concurrency tests again
## under -race; every benchmark once, so none rots (the figures come from make bench); the
## workbook readers fuzzed for 10 s
test:
	@eval "$$(.ci/ensure-postgres)"; \
	export TEST_DATABASE_URL="$${TEST_DATABASE_URL:-$$PGBASE/postgres?sslmode=disable}"; \
	$(GO) vet ./...; \
	$(GO) test -count=1 -timeout 30m ./...; \
	$(GO) test -race -count=1 -timeout 30m -run '$(RACE_TESTS)' ./internal/app ./internal/web ./cmd/thidua; \
	$(GO) test -run '^$$' -bench . -benchtime 1x ./...; \
	$(GO) test -run '^$$' -fuzz '^FuzzReadWorkbook$$' -fuzztime 10s -fuzzminimizetime 2s ./internal/xlsx

## bench: every Go benchmark, once, written into docs/performance.md with the machine's load
bench:
	@eval "$$(.ci/ensure-postgres)"; \
	export TEST_DATABASE_URL="$${TEST_DATABASE_URL:-$$PGBASE/postgres?sslmode=disable}"; \
	out="$$(mktemp)"; trap 'rm -f "$$out"' EXIT; load="$$(cat /proc/loadavg 2>/dev/null || true)"; \
	$(GO) test -run '^$$' -bench . -benchmem ./... | tee "$$out"; \
	$(GO) run ./cmd/thidua-benchdoc -load-before "$$load" < "$$out"; \
	echo "docs/performance.md: figures of this run written"

## load: the national data set in a scratch database, the app on it, and the load
## generator against it (docs/performance.md); the scratch database is dropped after.
## LOAD_FLAGS passes flags to thidua-load, e.g. LOAD_FLAGS="-duration 20s -concurrency 16".
LOAD_PORT ?= 18080
load: build
	@eval "$$(.ci/ensure-postgres)"; \
	db="thidua_load_$$(date +%s)"; url="$$PGBASE/$$db?sslmode=disable"; log="$$(mktemp)"; app=""; \
	cleanup() { if [ -n "$$app" ]; then kill "$$app" 2>/dev/null || true; wait "$$app" 2>/dev/null || true; fi; \
		psql "$$PGBASE/postgres" -qc "DROP DATABASE IF EXISTS \"$$db\" WITH (FORCE)" || true; rm -f "$$log"; }; \
	trap cleanup EXIT; \
	export DATABASE_URL="$$url" ADDR="127.0.0.1:$(LOAD_PORT)"; \
	./$(BIN) migrate up >/dev/null; \
	./$(BIN) seed --scale national --seed "$${SEED:-1}"; \
	./$(BIN) serve 2>"$$log" & app=$$!; \
	for _ in $$(seq 1 50); do curl -fs "http://$$ADDR/healthz" >/dev/null && break; sleep 0.2; done; \
	$(GO) run ./cmd/thidua-load -app "http://$$ADDR" -database "$$url" $(LOAD_FLAGS)

## assets: refresh the vendored front-end files from the npm registry
assets:
	cd $(PKG_STATIC) && npm install --no-audit --no-fund
	mkdir -p $(PKG_STATIC)/vendor
	cp $(PKG_STATIC)/node_modules/bootstrap/dist/css/bootstrap.min.css \
	   $(PKG_STATIC)/node_modules/htmx.org/dist/htmx.min.js \
	   $(PKG_STATIC)/node_modules/chart.js/dist/chart.umd.min.js $(PKG_STATIC)/vendor/
	# no source maps: the browser would ask for files we do not ship
	sed -i -E 's@/[*/]# sourceMappingURL=[^ *]*( \*/)?@@' $(PKG_STATIC)/vendor/*
	rm -rf $(PKG_STATIC)/node_modules

clean:
	rm -rf bin
