# nianbao: the commands the README and CI use.
GO        ?= go
FUZZTIME  ?= 2m
STATICCHECK_VERSION ?= v0.8.2

.PHONY: build test lint fuzz bench demo clean

build:
	$(GO) build -o bin/nianbao ./cmd/nianbao

# Every test, with the race detector.
test:
	$(GO) test -race -count=1 ./...

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) ./...

# Each fuzz target for FUZZTIME (go test runs one fuzz target at a time).
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  dir=$$($(GO) list -f '{{.Dir}}' $$pkg); \
	  for t in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | sed 's/func //'); do \
	    echo "== $$pkg $$t"; $(GO) test -run='^$$' -fuzz="^$$t$$" -fuzztime=$(FUZZTIME) $$pkg; \
	  done; \
	done

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

# Ingest the bundled real reports into a fresh database and print the summary.
demo: build
	rm -f demo.duckdb demo.duckdb.wal
	./bin/nianbao ingest --db demo.duckdb data/sample
	./bin/nianbao check --db demo.duckdb

clean:
	rm -rf bin demo.duckdb demo.duckdb.wal
