# 融合指南 — common commands. `make serve` and `make test` set everything up first.
PY := .venv/bin/python
RONGHE := $(PY) -m ronghe
ADDR ?= 127.0.0.1:8000

.PHONY: setup serve build check test test-fast schema clean package bench lock

setup:
	@bash scripts/bootstrap.sh

serve: setup
	$(RONGHE) serve --dev-addr $(ADDR)   # an edit rebuilds only the pages it affects

build: setup
	$(RONGHE) build

# release bundle for the intranet: dist/ronghe-guide-<version>.tar.gz/.zip + SHA256SUMS
package: build
	$(RONGHE) package

check: setup
	$(RONGHE) check

schema: setup
	$(RONGHE) schema

test: setup
	$(PY) -m pytest -n 2 --dist loadgroup -q

test-fast: setup
	$(PY) -m pytest -n 2 --dist loadgroup -q -m "not slow"

# performance benchmark (docs/guide/performance.md); e.g. make bench BENCH_SIZES=100,500
# default 100,2000,5000,20000: PDFs up to N = 5,000 (--pdf-max), plain Material comparison up to 5,000 (--plain-max)
BENCH_SIZES ?= 100,2000,5000,20000
bench: setup
	$(RONGHE) bench --sizes $(BENCH_SIZES)

# requirements.txt (direct dependencies) -> requirements.lock (everything, with SHA-256 hashes).
# Extras stay in the lock (fonttools[woff]==…): Python 3.11's pip 23.2 otherwise resolves a dependency's
# extra (weasyprint -> fonttools[woff]) to the newest release and refuses it as unpinned.
lock:
	python3 -m venv .cache/piptools && .cache/piptools/bin/pip install -q pip-tools==7.7.0
	.cache/piptools/bin/pip-compile -q --generate-hashes --allow-unsafe --no-header \
	    -o requirements.lock requirements.txt

clean:
	rm -rf site .site.* .pytest_cache .hypothesis .bench
