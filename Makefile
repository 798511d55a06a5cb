# 融合指南 — common commands. `make serve` and `make test` set everything up first.
PY := .venv/bin/python
export NO_MKDOCS_2_WARNING := 1
ADDR ?= 127.0.0.1:8000

.PHONY: setup serve build check test test-fast schema clean package bench

setup:
	@bash scripts/bootstrap.sh

serve: setup
	$(PY) -m ronghe build
	$(PY) -m mkdocs serve --dirty --dev-addr $(ADDR)   # --dirty: an edit rebuilds only the pages it affects

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

# performance benchmark (docs/guide/performance.md); e.g. make bench BENCH_SIZES=100,500
BENCH_SIZES ?= 100,500,1000,5000
bench: setup
	$(PY) scripts/bench.py --sizes $(BENCH_SIZES)

clean:
	rm -rf site .site.* .pytest_cache .hypothesis .bench
