"""Performance benchmark: a synthetic knowledge base of N entries in the real
content format, built by the real build and by a plain Material site side by
side, with build, size, search and rebuild figures (``scripts/bench.py``).
"""
