"""Steps that run after the pages are written (search index, PDFs, ...).

Each step is a function ``step(kb, site_dir: Path, context: PostBuildContext)``;
the engine adapter calls ``run_post_build`` once at the end of a build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .buildinfo import write_build_info
from ronghe.site import incremental
from . import parallel
from ronghe.content.graph import KnowledgeBase
from .pdf.booklet import write_booklet_pdf
from .pdf.checklist_pdf import write_checklist_pdfs
from .pdf.handouts import write_handout_pdfs
from .pdf.printables import write_printables
from .search.publish import write_search
from .timings import phase


@dataclass
class PostBuildContext:
    project_root: Path
    content_dir: Path
    cache_dir: Path                      # persistent cache between builds (e.g. .cache/)
    site_url: str = ""
    extra: dict = field(default_factory=dict)


PostBuildStep = Callable[[KnowledgeBase, Path, PostBuildContext], None]
STEPS: list[PostBuildStep] = [
    write_build_info,        # build-info.json: content version shown in the footer (issue 8)
    write_checklist_pdfs,    # checklists/pdf/*.pdf: one per level + all levels, cached by content hash (issue 6)
    write_handout_pdfs,      # training/pdf/<topic>.pdf: one handout per training topic, cached (issue 9)
    write_booklet_pdf,       # training/pdf/ronghe-booklet.pdf: the whole knowledge base as a book, cached (issue 9)
    write_printables,        # after all PDF steps: sizes and page counts into the 打印材料 page (issue 9)
    write_search,            # search/ronghe_index.js + our search worker in place of Material's (issue 7)
]


def _skip_pdf(step) -> bool:
    # the benchmark times builds without PDFs (RONGHE_SKIP_PDF=1) and PDFs separately
    return os.environ.get("RONGHE_SKIP_PDF") == "1" and step.__module__.startswith("ronghe.build.pdf")


def start_early(kb: KnowledgeBase, site_dir: Path, context: PostBuildContext) -> None:
    """Called once the knowledge base is loaded: PDF steps start now on the second core (ronghe.build.parallel)."""
    if incremental.STATE.command != "serve":  # never fork the threaded development server
        parallel.start([s for s in STEPS if parallel.is_early_step(s) and not _skip_pdf(s)], kb, site_dir, context)


def run_post_build(kb: KnowledgeBase, site_dir: Path, context: PostBuildContext) -> None:
    done = parallel.finish(site_dir)  # the PDFs started by start_early
    background = [step for step in STEPS  # only under `make serve`
                  if incremental.is_background_step(step) and not _skip_pdf(step)]
    for step in STEPS:
        if _skip_pdf(step) or step in done:
            continue
        if step not in background:
            with phase(step.__name__):  # timed for the benchmark (ronghe.build.timings)
                step(kb, site_dir, context)
    incremental.run_in_background(background, kb, site_dir, context)
