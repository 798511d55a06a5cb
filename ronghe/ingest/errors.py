"""The one exception the ingest tool shows to users (message in Simplified Chinese)."""

from __future__ import annotations


class IngestError(Exception):
    """A problem with an input file or the output directory.

    ``str(err)`` is the complete user-facing message and already names the file.
    """
