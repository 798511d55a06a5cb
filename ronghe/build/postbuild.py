"""Run the post-build steps (ronghe.build.steps) of one build.

``PostBuild`` belongs to one build: ``start_early`` (once the knowledge base is loaded)
may fork the PDF steps onto the second core, ``start_converted`` (once the pages are
converted) the first part of steps that need only those (the search index), ``finish``
(after the pages are written) waits for them and runs the rest; under the development
server slow steps go to a ``BackgroundRunner`` instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

from ronghe.content.graph import KnowledgeBase

from . import parallel
from .background import BackgroundRunner
from .steps import STEPS, Step
from .timings import NO_TIMINGS, Timings


@dataclass(frozen=True)
class PostBuildContext:
    project_root: Path
    content_dir: Path
    cache_dir: Path                      # persistent cache between builds (e.g. .cache/)
    site_url: str = ""
    extra: dict = field(default_factory=dict)
    pdf: bool = True                     # make the PDFs
    parallel: bool = True                # PDFs on the second core while pages render
    pdf_workers: int = 1                 # processes that may render PDF parts at once
    timings: Timings = NO_TIMINGS
    booklet_split: int = 10_000          # entries above which the booklet is one PDF per chapter


class PostBuild:
    def __init__(self, context: PostBuildContext, steps: tuple[Step, ...] = STEPS,
                 background: Optional[BackgroundRunner] = None):
        self.context = context
        self.steps = tuple(s for s in steps if context.pdf or not s.pdf)
        self.background = background      # set under the development server
        self._early: Optional[parallel.EarlyChild] = None
        self._converted: Optional[parallel.EarlyChild] = None

    def start_early(self, kb: KnowledgeBase, site_dir: Path) -> None:
        """PDF steps start now on the second core (never from the threaded development server)."""
        early = [s for s in self.steps if s.early]
        if not early or self.background is not None or not self.context.parallel or not parallel.can_fork():
            return
        context = replace(self.context, pdf_workers=self.context.pdf_workers or parallel.cores())

        def make_pdfs() -> None:
            for step in early:
                with context.timings.phase(step.name):
                    step.run(kb, site_dir, context)

        self._early = parallel.EarlyChild.start(make_pdfs, early)

    def start_converted(self, kb: KnowledgeBase, site_dir: Path, pages) -> None:
        """The first part of steps that need only the converted pages (``pages``: location ->
        article HTML) starts now on the second core, while the templates are rendered."""
        steps = [s for s in self.steps if s.converted is not None and not (s.early and self._early is not None)]
        if not steps or self.background is not None or not self.context.parallel or not parallel.can_fork():
            return
        context = self.context

        def run() -> None:
            for step in steps:
                with context.timings.phase(step.name):
                    step.converted(kb, site_dir, context, pages)

        # task None: if it fails, ``finish`` runs the whole steps here, which report any error
        self._converted = parallel.EarlyChild.start(run, steps, task=None)

    def finish(self, kb: KnowledgeBase, site_dir: Path) -> None:
        done = self._early.finish() if self._early is not None else []
        self._early = None
        halves = []
        if self._converted is not None:
            with self.context.timings.phase("wait_converted_steps"):
                halves = self._converted.finish(required=False)
            self._converted = None
        parallel.thaw()
        context = replace(self.context, pdf_workers=1)
        later = [s for s in self.steps if s not in done]
        if self.background is not None:
            now = [s for s in later if not s.slow]
            slow = [s for s in later if s.slow]
            self.background.run([(s.name, lambda s=s: s.run(kb, site_dir, context)) for s in slow],
                                what="PDF 和搜索索引" if any(s.pdf for s in slow) else "搜索索引")
        else:
            now = later
        for step in now:
            with context.timings.phase(step.name + ("_then" if step in halves else "")):  # timed for the benchmark
                (step.then if step in halves else step.run)(kb, site_dir, context)

    def abandon(self) -> None:
        """The build failed: stop the children."""
        for child in (self._early, self._converted):
            if child is not None:
                child.abandon()
        self._early = self._converted = None
        parallel.thaw()
