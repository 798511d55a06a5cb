"""Ingest raw reports: the same as ``ronghe ingest FILE... --out DIR``."""

import sys

from ronghe.cli import main

if __name__ == "__main__":
    sys.exit(main(["ingest", *sys.argv[1:]]))
