"""Convert about half of the generated pages on the second core.

The site engine converts the pages one after the other in one process; at 20,000
entries that was most of a build, with the second core idle (PDFs aside). When a full
build has many generated pages, ``ForkedPages.start`` (called once the navigation is
known, before the engine converts anything) forks a process that converts generated
pages from the last one backwards, running the same plugin events the engine runs for a
page, while this process converts them in the engine's order. The two meet where their
work balances: each claims a page before converting it (two numbers in shared memory,
under a lock), so no page is converted twice. When the engine reaches the first page the
child claimed, this process waits for the child and takes over its results: the page's
HTML (compressed, as ``PageStore`` holds it), its front matter, its table of contents, its
title and the anchors it holds and links to; those pages are then not converted again
here (nor rendered: a one-off build renders entry pages when the engine reads them, see
the plugin's ``on_pre_page``).

Warnings the child logs (a broken link, say) are passed on here, so a strict build
counts them. If the child fails for any reason, its results are dropped and this
process converts those pages itself, reporting any error as the engine always does.
Used only by full one-off builds (``ronghe build``, ``mkdocs build``) with
``parallel: true`` where ``os.fork`` exists; third-party plugins that collect state in
``on_page_markdown``/``on_page_content`` should turn ``parallel`` off.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
import traceback
from pathlib import Path
from typing import Callable, Optional

from mkdocs.structure.pages import Page

from ronghe.build import parallel

from .page_store import PageStore

MIN_PAGES = 400          # below this the fork costs more than it saves


def _no_render(config, files) -> None:
    """Stands in for ``Page.render`` of a page the child converted."""


class ForkedPages:
    def __init__(self, order: dict[str, int], claims: parallel.SharedClaims, pid: int, results: Path,
                 warnings: Path) -> None:
        self.order = order                   # source URI -> place among the pages either may convert
        self.claims = claims
        self.pid = pid
        self.results_path, self.warnings_path = results, warnings
        self._results: Optional[dict] = None
        self._mine: set[str] = set()

    @classmethod
    def start(cls, config, files, store: PageStore,
              convert: Callable[[Page], None]) -> Optional["ForkedPages"]:
        """Fork the child if the build has enough generated pages; ``convert(page)`` runs
        the engine's events for one page (in the child)."""
        generated = [f for f in files.documentation_pages() if f.generated_by is not None]
        if len(generated) < MIN_PAGES or not parallel.can_fork():
            return None
        for file in generated:   # the engine makes these when it reaches them; the child needs them now
            if file.page is None:
                Page(None, file, config)
        claims = parallel.SharedClaims(len(generated))
        fd, results = tempfile.mkstemp(prefix="ronghe-pages-", suffix=".pickle")
        os.close(fd)
        fd, warnings = tempfile.mkstemp(prefix="ronghe-pages-warnings-", suffix=".jsonl")
        os.close(fd)
        results_path, warnings_path = Path(results), Path(warnings)

        def child() -> None:
            keep = parallel.WarningsToFile(warnings_path)
            for handler in logging.getLogger("mkdocs").handlers + logging.getLogger().handlers:
                handler.addFilter(keep)
            try:
                out = {}
                for number in range(len(generated) - 1, -1, -1):
                    if not claims.child_claims(number):
                        break      # this page and those before it are the parent's
                    page = generated[number].page
                    convert(page)
                    out[page.file.src_uri] = (store.take(page), page.meta, page.toc, page._title_from_render,
                                              page.present_anchor_ids,
                                              {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()})
                with open(results_path, "wb") as fh:
                    pickle.dump(out, fh, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:   # noqa: BLE001 -- the parent converts these pages itself and reports errors
                if os.environ.get("RONGHE_VERBOSE"):
                    traceback.print_exc()
                os._exit(1)

        pid = parallel.fork(child)
        return cls({f.src_uri: n for n, f in enumerate(generated)}, claims, pid, results_path, warnings_path)

    # --- in this process ---------------------------------------------------------------
    def converted(self, page: Page) -> bool:
        """The child converted ``page``: else this process claims it (the engine asks before
        converting it, in its order). Waits for the child the first time the answer is yes."""
        uri = page.file.src_uri
        number = self.order.get(uri)
        if number is None or uri in self._mine:
            return False
        if self._results is None:
            if self.claims.parent_claims(number):
                self._mine.add(uri)
                return False
            self._results = self._collect()
        return uri in self._results

    def finish(self) -> None:
        """All pages are converted: the child, if it found nothing left to convert, ends."""
        if self._results is None:
            self._results = self._collect()

    def skip_render(self, page: Page) -> None:
        """The engine's conversion of ``page`` does nothing: the child's result replaces it."""
        page.render = _no_render
        page.content = ""

    def apply(self, page: Page, files, store: PageStore) -> None:
        """Give ``page`` what the child made of it."""
        assert self._results is not None
        data, meta, toc, title, anchors, links = self._results.pop(page.file.src_uri)
        store.put(page, data)
        page.meta = meta       # its front matter: this process read no Markdown for it
        page.toc = toc
        page._title_from_render = title
        page.present_anchor_ids = anchors
        page.links_to_anchors = {files.get_file_from_path(uri): v for uri, v in links.items()} if links else links
        del page.render        # the class's method again

    def _collect(self) -> dict:
        _, status = os.waitpid(self.pid, 0)
        try:
            if os.waitstatus_to_exitcode(status) != 0:
                return {}   # converted here instead; any error is reported by the engine
            parallel.pass_on_warnings(self.warnings_path)
            with open(self.results_path, "rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError):
            return {}
        finally:
            self.results_path.unlink(missing_ok=True)
            self.warnings_path.unlink(missing_ok=True)

    def abandon(self) -> None:
        """The build failed before the child's results were taken: stop it, leave no files."""
        if self._results is None:
            parallel.stop(self.pid)
        self.results_path.unlink(missing_ok=True)
        self.warnings_path.unlink(missing_ok=True)
