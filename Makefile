# spreekuurbot — the two commands that matter: `make run` and `make test`.

GO        ?= go
BIN       := bin/spreekuurbot
PKGS      := ./...
BENCHTIME ?= 2s

.PHONY: run build test test-clock test-letters letters bench lint fuzz check deploy-check clean

# With TELEGRAM_BOT_TOKEN set: the bot. Without: the terminal chat on the
# embedded in-memory Redis.
run:
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ]; then \
		$(GO) run ./cmd/spreekuurbot run; \
	else \
		$(GO) run ./cmd/spreekuurbot chat; \
	fi

build:
	CGO_ENABLED=0 $(GO) build -trimpath -o $(BIN) ./cmd/spreekuurbot

test:
	$(GO) test -race -count=1 $(PKGS)

# The Redis-backed tests again with the application's clock 400 days ahead
# of redis-server's, then 400 days behind (internal/testclock): a store
# that mixed the two clocks would fail here at once. The race detector
# already ran in `make test`; these runs check time only.
CLOCK_PKGS := ./store ./bot ./cmd/...
test-clock:
	TEST_CLOCK_OFFSET=+400d $(GO) test -count=1 $(CLOCK_PKGS)
	TEST_CLOCK_OFFSET=-400d $(GO) test -count=1 $(CLOCK_PKGS)

# Reading letters from photos and PDFs, measured on the synthetic set
# (internal/lettertest): right answer node, urgent letters, deadlines,
# seconds per page; then letters read as the bot reads them, and sent over
# the Bot API. Needs tesseract-ocr, tesseract-ocr-nld, poppler-utils;
# without the race detector, which slows the clean-up of every page.
# BenchmarkReadPage (seconds per page) runs with make bench.
test-letters:
	$(GO) test -count=1 -run '^TestSet$$' -v ./ocr
	$(GO) test -count=1 -run '^(TestReadLetters|TestLetterPhotoOverBotAPI)$$' ./reading ./bot

# The synthetic letters as files to look at: PNG, phone-like JPEG, PDF,
# scanned PDF and the expected answers (set.json). LETTERS_DIR=... to move.
LETTERS_DIR ?= letters-testset
letters:
	$(GO) run ./internal/lettertest/cmd/genletters -out $(LETTERS_DIR)

bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) $(PKGS)

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) tool staticcheck $(PKGS)

# Each fuzz target runs for FUZZTIME; new crashers land in testdata/fuzz.
FUZZTIME ?= 30s
fuzz:
	$(GO) test ./flows -run '^$$' -fuzz '^FuzzDecodeCallback$$' -fuzztime $(FUZZTIME)
	$(GO) test ./flows -run '^$$' -fuzz '^FuzzParseText$$' -fuzztime $(FUZZTIME)
	$(GO) test ./flows -run '^$$' -fuzz '^FuzzStep$$' -fuzztime $(FUZZTIME)
	$(GO) test ./flows -run '^$$' -fuzz '^FuzzStaffScreen$$' -fuzztime $(FUZZTIME)
	$(GO) test ./flows -run '^$$' -fuzz '^FuzzParseFiguresCSV$$' -fuzztime $(FUZZTIME)
	$(GO) test ./bot -run '^$$' -fuzz '^FuzzUpdate$$' -fuzztime $(FUZZTIME)
	$(GO) test ./letters -run '^$$' -fuzz '^FuzzRecognise$$' -fuzztime $(FUZZTIME)
	$(GO) test ./letters -run '^$$' -fuzz '^FuzzDeadline$$' -fuzztime $(FUZZTIME)
	$(GO) test ./intent -run '^$$' -fuzz '^FuzzUnderstand$$' -fuzztime $(FUZZTIME)

check:
	$(GO) run ./cmd/spreekuurbot check

# The deployment files in deploy/, checked without Docker or a cluster (the
# Go test also runs in `make test`); kustomize and systemd-analyze add
# their checks where installed (--threshold=20: exposure at most 2.0).
deploy-check: build
	$(GO) test -count=1 ./deploy
	@if command -v kubectl >/dev/null 2>&1; then \
		kubectl kustomize deploy/k8s >/dev/null && echo "kustomize deploy/k8s: ok"; \
	fi
	@if command -v systemd-analyze >/dev/null 2>&1; then \
		dir=$$(mktemp -d); trap 'rm -rf "$$dir"' EXIT; \
		sed "s#/usr/local/bin/spreekuurbot#$(CURDIR)/$(BIN)#" deploy/spreekuurbot.service > $$dir/spreekuurbot.service && \
		systemd-analyze verify $$dir/spreekuurbot.service && \
		systemd-analyze security --offline=true --threshold=20 $$dir/spreekuurbot.service > $$dir/security.txt; \
		status=$$?; tail -1 $$dir/security.txt; exit $$status; \
	fi

clean:
	rm -rf bin
