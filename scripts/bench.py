"""Performance benchmark: the same as ``ronghe bench`` (``make bench``). See docs/guide/performance.md."""

import sys

from ronghe.cli import main

if __name__ == "__main__":
    sys.exit(main(["bench", *sys.argv[1:]]))
