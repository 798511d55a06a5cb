# 融合指南 — common commands. `make serve` and `make test` set everything up first.
PY := .venv/bin/python
export NO_MKDOCS_2_WARNING := 1
ADDR ?= 127.0.0.1:8000

.PHONY: setup serve build check test test-fast schema clean package

setup:
	@bash scripts/bootstrap.sh

serve: setup
	$(PY) -m ronghe build
	$(PY) -m mkdocs serve --dev-addr $(ADDR)

build: setup
	$(PY) -m ronghe build

# release bundle for the intranet: dist/ronghe-guide-<version>.tar.gz/.zip + SHA256SUMS
package: build
	$(PY) scripts/package.py

check: setup
	$(PY) -m ronghe check

schema: setup
	$(PY) -m ronghe schema

test: setup
	$(PY) -m pytest -n 2 --dist loadgroup -q

test-fast: setup
	$(PY) -m pytest -n 2 --dist loadgroup -q -m "not slow"

clean:
	rm -rf site .site.* .pytest_cache .hypothesis
