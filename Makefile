# nianbao: the commands the README and CI use.
GO        ?= go
FUZZTIME  ?= 2m
STATICCHECK_VERSION ?= v0.8.2

.PHONY: build test lint fuzz bench demo clean assets setup

build: assets
	$(GO) build -o bin/nianbao ./cmd/nianbao

# Debian packages nianbao uses beyond Go and gcc: pdftotext for PDF input, and for the
# dashboard's end-to-end tests a headless Chromium with a font that renders Chinese.
# Installs only what is missing (needs root, as on CI and the project's machines).
DEBS := $(if $(shell command -v pdftotext),,poppler-utils) \
        $(if $(shell command -v npm),,npm) \
        $(if $(shell command -v chromium),,chromium) \
        $(if $(wildcard /usr/share/fonts/truetype/wqy/wqy-microhei.ttc),,fonts-wqy-microhei)
setup:
	@if [ -n "$(strip $(DEBS))" ]; then \
	  echo "installing $(strip $(DEBS))"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBS); \
	fi

# The dashboard's chart library, from the npm lock file (ECharts 5.6.0 and the China map of
# ECharts 4.9.0), copied where //go:embed picks it up. Not committed; run before build.
VENDOR := dashboard/static/vendor
assets: $(VENDOR)/echarts.min.js $(VENDOR)/china.js

$(VENDOR)/echarts.min.js $(VENDOR)/china.js: package-lock.json
	npm ci --no-audit --no-fund
	mkdir -p $(VENDOR)
	cp node_modules/echarts/dist/echarts.min.js $(VENDOR)/echarts.min.js
	cp node_modules/echarts-map/map/js/china.js $(VENDOR)/china.js

# Every test, with the race detector; setup brings pdftotext and Chromium for the PDF and
# browser tests.
test: setup assets
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

# Ingest the bundled real reports into a fresh database and serve the dashboard on it.
demo: setup build
	./bin/nianbao demo

clean:
	rm -rf bin demo.duckdb demo.duckdb.wal
