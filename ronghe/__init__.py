"""融合指南 (ronghe): content model, validation and site generation for the
Party-building/business integration knowledge base.

Layers, each importing only from those before it:

- ``ronghe.content``  load, validate, graph, schema (needs no MkDocs, WeasyPrint or jieba);
- ``ronghe.site``     pages, rendering, URLs, theme files;
- ``ronghe.build``    post-build steps: search index, PDFs, release bundle;
- ``ronghe.adapter``  the MkDocs plugin (``plugins: - ronghe``), safe build, dev server.

``ronghe.ingest`` (the import tool) uses only ``ronghe.content``; ``ronghe.cli`` and
``ronghe.bench`` sit on top.
"""

from pathlib import Path

__version__ = "0.2.0"

#: Repository root when running from a checkout (content/, docs/, mkdocs.yml).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
