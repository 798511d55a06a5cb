"""The steps that run after the pages are written (search index, PDFs, ...), described.

Each step is a function ``run(kb, site_dir: Path, context: PostBuildContext)``; its
descriptor says what it makes, which decides when it runs:

- ``pdf``: part of the PDF output (skipped when the plugin's ``pdf`` option is off);
- ``early``: needs only the knowledge base, not the written pages, so it may run in a
  child process on the second core while the pages are rendered (ronghe.build.parallel);
- ``slow``: under the development server it runs in the background after a rebuild
  (ronghe.build.background), so the edited page reloads at once;
- ``converted`` and ``then``: the step in two parts, the first needing only the knowledge
  base and the converted pages (``converted(kb, site_dir, context, pages)``), so a full build
  runs it in a child process on the second core while the pages' templates are rendered, the
  second (``then(kb, site_dir, context)``) after the pages are written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from .buildinfo import write_build_info
from .sitemap import drop_sitemap_without_site_url
from .pdf.booklet import write_booklet_pdf
from .pdf.checklist_pdf import write_checklist_pdfs
from .pdf.handouts import write_handout_pdfs
from .pdf.printables import write_printables
from .search.publish import write_engine_files, write_index, write_search


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable
    pdf: bool = False
    early: bool = False
    slow: bool = False
    converted: Optional[Callable] = None
    then: Optional[Callable] = None


def _search_engine_files(kb, site_dir: Path, context) -> None:
    write_engine_files(site_dir)


STEPS: tuple[Step, ...] = (
    # build-info.json: content version shown in the footer (issue 8)
    Step("build_info", write_build_info),
    # sitemap.xml needs site_url for its absolute addresses: without one, none (issue 18)
    Step("sitemap", drop_sitemap_without_site_url),
    # checklists/pdf/*.pdf: one per level + all levels, cached by content hash (issue 6)
    Step("checklist_pdfs", write_checklist_pdfs, pdf=True, early=True, slow=True),
    # training/pdf/<topic>.pdf: one handout per training topic, cached (issue 9)
    Step("handout_pdfs", write_handout_pdfs, pdf=True, early=True, slow=True),
    # training/pdf/ronghe-booklet.pdf: the whole knowledge base as a book, cached (issue 9)
    Step("booklet_pdf", write_booklet_pdf, pdf=True, early=True, slow=True),
    # after all PDF steps: sizes and page counts into the 打印材料 page (issue 9)
    Step("printables", write_printables, pdf=True, slow=True),
    # search index files + our search worker (issue 7)
    Step("search", write_search, slow=True, converted=write_index, then=_search_engine_files),
)
