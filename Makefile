# Scriptroom. `make run` and `make test` install whatever is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := run

GO        ?= go
WAILS     := tools/bin/wails
NATS_SERVER := tools/bin/nats-server
APP       := build/bin/scriptroom
APP_DEV   := build/bin/scriptroom-dev
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PKGS  := libgtk-3-dev libwebkit2gtk-4.0-dev xvfb xauth chromium imagemagick poppler-utils patch pkg-config fonts-liberation fonts-dejavu-core fonts-droid-fallback fonts-freefont-ttf fonts-noto-core fonts-symbola xdotool desktop-file-utils shared-mime-info
GO_SRC    := $(shell find . -name '*.go' -not -path './frontend/*' -not -path './tools/*' 2>/dev/null)
FE_SRC    := $(shell find frontend/src -type f 2>/dev/null) frontend/index.html frontend/vite.config.ts frontend/package.json
export CGO_ENABLED := 1

.PHONY: run test deps apt npm wails generate frontend build build-dev vet gotest fetest desktopcheck check e2e bench screenshot package relay cluster cluster-bench clean

## deps: install what is missing (system packages, npm packages, the Wails CLI)
deps: apt npm $(WAILS)

apt:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

npm: frontend/node_modules/.installed

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The Wails CLI lives in its own module (tools/wails) so its dependencies stay
# out of the app's go.mod.
$(WAILS): tools/wails/go.mod tools/wails/go.sum
	cd tools/wails && $(GO) build -o ../bin/wails github.com/wailsapp/wails/v2/cmd/wails

## generate: the TypeScript bindings for the Go services (frontend/wailsjs)
generate: frontend/wailsjs/go/app/Library.js

# The models come from structs anywhere in the module (internal/store,
# internal/diff, ...), not only app/: any Go change regenerates them. The
# frontend's Vitest (src/lib/api/models.test.ts) fails on stale models.
frontend/wailsjs/go/app/Library.js: $(WAILS) $(GO_SRC) go.mod
	@out=$$($(WAILS) generate module 2>&1) || { echo "$$out"; exit 1; }
	@test -f $@ || { echo "wails generate module did not write $@"; exit 1; }
	touch $@

frontend: frontend/dist/index.html

frontend/dist/index.html: npm generate $(FE_SRC)
	cd frontend && npm run build --silent

build: deps frontend $(APP)
build-dev: deps frontend $(APP_DEV)

$(APP): $(GO_SRC) go.mod go.sum frontend/dist/index.html
	$(GO) build -tags desktop,production -trimpath -ldflags "-s -w" -o $@ .

$(APP_DEV): $(GO_SRC) go.mod go.sum frontend/dist/index.html
	$(GO) build -tags dev -o $@ .

## run: build and start the app (under Xvfb when there is no display)
run: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then ./$(APP); else echo "No display: running under Xvfb"; xvfb-run -a ./$(APP); fi

## test: every test: go vet, go test -race, svelte-check, Vitest, the
## desktop files and package, end-to-end
test: deps vet gotest fetest desktopcheck e2e

vet: deps
	$(GO) vet ./...

gotest: deps
	$(GO) test -race -timeout 15m ./...

fetest: npm generate
	cd frontend && npm run check --silent && npx vitest run

## desktopcheck: the .desktop entry, the MIME types, the icon, and a .deb
## made from a stand-in binary (scripts/check-desktop.sh)
desktopcheck: apt
	./scripts/check-desktop.sh

e2e: build-dev
	cd frontend && SCRIPTROOM_APP=../$(APP_DEV) node --test --test-concurrency=1 e2e/

## bench: the benchmarks, with their goals in the test names' docs; the
## compare view's open and next-change times (e2e/compare-feature.test.mjs);
## typing latency and open-to-editable on a feature (e2e/typing.bench.mjs,
## which `node --test e2e/` does not run: it matches only *.test.mjs)
bench: deps build-dev
	$(GO) test -run '^$$' -bench . -benchtime 3x -timeout 60m ./...
	$(GO) test -race -run '^TestCrashRecovery$$' -timeout 60m ./sync/sim/ -crash-runs=1000
	$(GO) test -run '^TestClusterNodeLoss$$' -timeout 10m ./sync/relay/natsbackend/ -cluster.long -v
	$(GO) test -race -run '^TestConvergenceCluster$$' -timeout 30m ./sync/sim/ -cluster-seeds=100
	cd frontend && SCRIPTROOM_APP=../$(APP_DEV) node --test e2e/compare-feature.test.mjs
	cd frontend && SCRIPTROOM_APP=../$(APP_DEV) node --test e2e/typing.bench.mjs

## screenshot: start the real app under Xvfb and save docs/screenshot.png
screenshot: build
	./scripts/screenshot.sh ./$(APP) docs/screenshot.png

## package: build/scriptroom_VERSION_ARCH.deb: the app, its icon, a .desktop
## entry and the MIME types of .fountain and .fdx files
package: build
	./scripts/package-deb.sh $(APP) build

## relay: start a relay on localhost:8787 with its data in ./tmp/relay
relay:
	$(GO) run ./cmd/scriptroom-relay --listen 127.0.0.1:8787 --data tmp/relay

## cluster: a three-node NATS JetStream cluster (deploy/nats) and two relays on
## it, ws://127.0.0.1:8788/ws and ws://127.0.0.1:8789/ws, until Ctrl-C
cluster: $(NATS_SERVER)
	CGO_ENABLED=0 $(GO) build -o build/bin/scriptroom-relay ./cmd/scriptroom-relay
	./scripts/cluster.sh $(NATS_SERVER) build/bin/scriptroom-relay

## cluster-bench: the operator's load run (scripts/cluster-bench.sh): the
## cluster of `make cluster` and a single bbolt relay under scriptroom-bench,
## 1,000 readers and 10 writers in 100 rooms for 60 s with one relay killed
## halfway, then 100 readers for the cross-relay p99. About 6 minutes; a
## smoke run: DURATION=10s READERS=100 DRAIN=30s make cluster-bench
cluster-bench: $(NATS_SERVER)
	CGO_ENABLED=0 $(GO) build -o build/bin/scriptroom-relay ./cmd/scriptroom-relay
	CGO_ENABLED=0 $(GO) build -o build/bin/scriptroom-bench ./cmd/scriptroom-bench
	./scripts/cluster-bench.sh $(NATS_SERVER) build/bin/scriptroom-relay build/bin/scriptroom-bench

$(NATS_SERVER):
	GOBIN=$(CURDIR)/tools/bin $(GO) install github.com/nats-io/nats-server/v2@v2.15.3

clean:
	rm -rf build/bin frontend/dist/assets frontend/dist/index.html frontend/wailsjs tools/bin
