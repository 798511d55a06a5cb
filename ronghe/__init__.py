"""融合指南 (ronghe): content model, validation and site generation for the
Party-building/business integration knowledge base.

The package does not depend on MkDocs for loading and checking content; the
MkDocs adapter lives in ``hooks/`` and ``ronghe.mkdocs_adapter``.
"""

from pathlib import Path

__version__ = "0.1.0"

#: Repository root when running from a checkout (content/, docs/, mkdocs.yml).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
