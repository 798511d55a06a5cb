"""The options of the ``ronghe`` MkDocs plugin (``plugins: - ronghe: {...}`` in mkdocs.yml).

Paths are relative to the folder of mkdocs.yml. Where an override from the environment
is still wanted, mkdocs.yml says so with ``!ENV``, e.g.
``content_dir: !ENV [RONGHE_CONTENT_DIR, content]``.
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class RongheConfig(Config):
    enabled = c.Type(bool, default=True)
    # the knowledge base: content/policies/, content/cases/, content/checklists/, ...
    content_dir = c.Type(str, default="content")
    # cache kept between builds (segmented search text, rendered PDF parts)
    cache_dir = c.Type(str, default=".cache")
    # make the PDFs (checklists, handouts, the booklet)
    pdf = c.Type(bool, default=True)
    # above this many entries the booklet is one PDF per chapter (0: always one file)
    booklet_split = c.Type(int, default=10_000)
    # write generated pages' HTML directly where their Markdown is the simple kind the page
    # renderers write (ronghe.site.page_html: the same HTML, a tenth of the time); off: the
    # Markdown converter does every page
    fast_pages = c.Type(bool, default=True)
    # render PDFs on the second core while the pages render (off: one process, in order)
    parallel = c.Type(bool, default=True)
    # processes that may render PDF parts at once; 0: the cores, at most 2
    pdf_workers = c.Type(int, default=0)
    # file that receives one JSON line per build phase with its seconds (for the benchmark)
    timings = c.Optional(c.Type(str))
    # how `serve` notices content edits: the kernel's notifications, or polling (network shares)
    watch = c.Choice(("notify", "poll"), default="notify")
