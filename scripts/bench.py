"""Performance benchmark (issue 10): ``python scripts/bench.py [--sizes 100,500,1000,5000]``.

Generates synthetic knowledge bases of N entries, builds each with the real
build and as a plain Material site, and prints the results as a table
(also written to .bench/bench.json and .bench/bench.md). See docs/guide/performance.md.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ronghe.bench.run import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
