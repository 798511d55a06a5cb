"""Release bundle of the built site: the same as ``ronghe package`` (``make package``)."""

import sys

from ronghe.cli import main

if __name__ == "__main__":
    sys.exit(main(["package", *sys.argv[1:]]))
