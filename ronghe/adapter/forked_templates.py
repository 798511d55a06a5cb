"""Render the templates of about half of the generated pages on the second core.

Once every page is converted, the site engine renders each page's template and writes
it, one after the other, in this process: at 20,000 entries about a third of a build,
while the second core only made the search index (a shorter job). ``ForkedTemplates``
takes part in that loop: ``install`` puts ``_build_page`` in place of the engine's
function of that name for the rest of this build. The first time the engine calls it,
it forks a process that renders generated pages from the last one backwards, exactly as
the engine would (the engine's own function, with the engine's arguments: navigation,
files, template environment), and writes them into the site folder; this process goes
on in the engine's order. As in ``ForkedPages``, each side claims a page before
rendering it (two numbers in shared memory, under a lock), so the two meet where their
work balances and no page is rendered twice; this process skips the pages the child
claimed.

``finish`` (at the end of the build, before the post-build steps read the site) waits
for the child and passes on the warnings it logged, so a strict build counts them. If
the child failed for any reason, this process renders the pages it had claimed itself,
reporting any error as the engine always does. ``abandon`` (a failed build) stops the
child, and so does an interruption (Ctrl+C) during the loop, which the engine does not
report to plugins. Used only where ``ForkedPages`` is: full one-off builds with
``parallel: true`` where ``os.fork`` exists. Other plugins' ``on_page_context`` and
``on_post_page`` run in the child for its pages: a plugin that collects state there, or
waits there on threads of its own, needs ``parallel: false``.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import Callable, Optional

from mkdocs.commands import build as engine

from ronghe.build import parallel

MIN_PAGES = 400          # below this the fork costs more than it saves


class ForkedTemplates:
    def __init__(self) -> None:
        self.original: Callable = engine._build_page
        self.order: dict[str, int] = {}     # source URI -> place among the generated pages
        self.claims: Optional[parallel.SharedClaims] = None   # made at the first page of the loop
        self._args: tuple = ()              # the engine's arguments for every page of the loop
        self.pid: Optional[int] = None
        self.warnings_path: Optional[Path] = None
        self.skipped: list = []             # (arguments of) the pages the child claimed

    @classmethod
    def install(cls, pages: int) -> Optional["ForkedTemplates"]:
        """Take part in the engine's page loop of this build if it has enough generated
        ``pages``; None: the engine renders every page here, as usual."""
        left = getattr(engine._build_page, "__self__", None)
        if isinstance(left, ForkedTemplates):   # a build of this process ended without finishing it
            left.abandon()
        if pages < MIN_PAGES or not parallel.can_fork():
            return None
        forked = cls()
        engine._build_page = forked._build_page
        return forked

    # --- in the engine's loop ------------------------------------------------------------
    def _build_page(self, page, config, doc_files, nav, env, dirty=False, excluded=False) -> None:
        try:
            self._take_part(page, config, doc_files, nav, env, dirty, excluded)
        except BaseException:
            # an error (the engine then calls on_build_error), but also Ctrl+C or SystemExit, which it
            # does not report to plugins: no child goes on writing, the engine's function is back
            self.abandon()
            raise

    def _take_part(self, page, config, doc_files, nav, env, dirty, excluded) -> None:
        if self.claims is None:
            self._fork(config, doc_files, nav, env, dirty)
        number = self.order.get(page.file.src_uri)
        if number is not None and self.pid is not None:
            if not self.claims.parent_claims(number):   # the child renders and writes it
                self.skipped.append((page, excluded))
                if page is doc_files[-1].page:
                    self.finish()
                return
        self.original(page, config, doc_files, nav, env, dirty, excluded)
        if doc_files and page is doc_files[-1].page:
            self.finish()   # the loop is over: the site is whole before anything reads it

    def _fork(self, config, doc_files, nav, env, dirty) -> None:
        generated = [f for f in doc_files if f.generated_by is not None and f.page is not None]
        self.order = {f.src_uri: n for n, f in enumerate(generated)}
        self.claims = claims = parallel.SharedClaims(len(generated))
        self._args = (config, doc_files, nav, env, dirty)
        if len(generated) < MIN_PAGES:
            return
        fd, name = tempfile.mkstemp(prefix="ronghe-templates-warnings-", suffix=".jsonl")
        os.close(fd)
        self.warnings_path = warnings = Path(name)
        original = self.original

        def child() -> None:
            keep = parallel.WarningsToFile(warnings)
            for handler in logging.getLogger("mkdocs").handlers + logging.getLogger().handlers:
                handler.addFilter(keep)
            for number in range(len(generated) - 1, -1, -1):
                if not claims.child_claims(number):
                    return     # this page and those before it are the parent's
                file = generated[number]
                original(file.page, config, doc_files, nav, env, dirty, file.inclusion.is_excluded())

        self.pid = parallel.fork(child, task=None)

    # --- after the loop ----------------------------------------------------------------
    def finish(self) -> None:
        """The engine's loop is over: wait for the child; if it failed, render its pages here."""
        self._uninstall()
        if self.pid is None:
            return
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if os.waitstatus_to_exitcode(status) == 0:
            if self.warnings_path is not None:
                parallel.pass_on_warnings(self.warnings_path)
        else:
            # the pages' HTML is still held here: render them all as the engine would have, with
            # their warnings (the child's, of pages it had rendered, would count twice)
            if self.warnings_path is not None:
                self.warnings_path.unlink(missing_ok=True)
            config, doc_files, nav, env, dirty = self._args
            for page, excluded in self.skipped:
                self.original(page, config, doc_files, nav, env, dirty, excluded)
        self.skipped = []

    def abandon(self) -> None:
        """The build failed: the engine's own function again, and no child left behind."""
        self._uninstall()
        if self.pid is not None:
            parallel.stop(self.pid)
            self.pid = None
        if self.warnings_path is not None:
            self.warnings_path.unlink(missing_ok=True)

    def _uninstall(self) -> None:
        if engine._build_page == self._build_page:
            engine._build_page = self.original
