#!/usr/bin/env python3
"""Release bundle of the built site (``make package``): dist/ronghe-guide-<version>.tar.gz
and .zip with SHA-256 checksums and the deployment guide. See ronghe/build/package.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ronghe.build.package import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
