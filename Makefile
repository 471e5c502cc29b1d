# Two commands a newcomer needs: `make demo` and `make test`. Only Python 3.11+ and make.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= kg-store
SHARED ?= ../shared
SEEDS  := $(wildcard $(SHARED)/seeds)

.PHONY: demo test lint clean venv browser rdf-tools virtuoso

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.test-deps: $(BIN)/kg
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

venv: $(BIN)/kg

demo: $(BIN)/kg
	rm -rf $(STORE) out
	$(BIN)/kg --store $(STORE) ingest data/samples $(SEEDS)
	$(BIN)/kg --store $(STORE) export -o out/kg.ttl
	$(BIN)/kg --store $(STORE) viz -o out/graph.html
	$(BIN)/kg --store $(STORE) stats
	@echo "--- Who holds which post in which body?"
	$(BIN)/kg --store $(STORE) query examples/who-holds-what.rq

# Debian's Chromium for the browser tests of the HTML graph (no browser download from a hub).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; } \
	  || echo "make: Debian chromium could not be installed; browser tests will be skipped"

# Tools kg does not use, that check its exports in tests/test_export_tools.py: raptor's rapper,
# Apache Jena (RIOT, ARQ, SHACL) and a headless Java to run it, all from Debian.
rdf-tools:
	@{ command -v rapper >/dev/null 2>&1 && command -v java >/dev/null 2>&1 && \
	   [ -f /usr/share/java/jena-cmds.jar ]; } || { \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    raptor2-utils libapache-jena-java default-jre-headless >/dev/null; } \
	  || echo "make: raptor2-utils, libapache-jena-java or a JRE could not be installed; export tool tests will be skipped"

# Debian's Virtuoso Open-Source 7 (virtuoso-t, isql-vt), a second real SPARQL server for
# tests/test_virtuoso.py (the tests start their own server, in a temporary folder on loopback).
virtuoso:
	@command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1 || { \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq virtuoso-opensource >/dev/null; } \
	  || echo "make: Debian virtuoso-opensource could not be installed; Virtuoso tests will be skipped"

test: $(VENV)/.test-deps browser rdf-tools virtuoso
	$(BIN)/ruff check kg tests benchmarks
	$(BIN)/python -m pytest -q

lint: $(VENV)/.test-deps
	$(BIN)/ruff check kg tests benchmarks

clean:
	rm -rf $(VENV) $(STORE) out test-artifacts .pytest_cache
