"""Fast rebuilds under the development server (``mkdocs serve --dirty``).

After an edit, MkDocs rebuilds the whole site in the same process. Two things
make that rebuild proportional to the edit instead of to the knowledge base:

- parsed content files are reused while their modification time and size are
  unchanged (``ronghe.loader.PARSE_CACHE``);
- every generated page whose Markdown is the same as in the previous build (and
  whose site-wide inputs, such as the glossary that links terms in every page,
  are unchanged) is reported as unmodified, so a ``--dirty`` build neither
  converts nor writes it again. A page is rebuilt when its own Markdown changes,
  and entry pages show their neighbours (titles, summaries, relations), so the
  neighbours of an edited entry are rebuilt too.

A normal ``mkdocs build`` (``python -m ronghe build``) never uses any of this.
The state lives in this module because MkDocs loads the hook module once per
process and the package stays imported between rebuilds.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass, field
from typing import Iterable, Optional

from . import loader
from .graph import KnowledgeBase
from .model import Term

log = logging.getLogger("mkdocs.ronghe")


@dataclass
class _State:
    active: bool = False
    # site dir -> {page source URI -> digest of what was built}
    built: dict[str, dict[str, str]] = field(default_factory=dict)


STATE = _State()


def start(command: str, dirty: bool) -> None:
    """Called once when MkDocs starts; only ``serve --dirty`` turns incremental rebuilds on."""
    STATE.active = command == "serve" and bool(dirty)
    STATE.built.clear()
    loader.PARSE_CACHE = {} if STATE.active else None


def site_salt(kb: KnowledgeBase, *extra: str) -> str:
    """Digest of inputs every page depends on besides its Markdown: the glossary
    (terms are linked, with tooltips, in every page) and the given strings
    (e.g. the text of mkdocs.yml, which sets the navigation of every page)."""
    h = hashlib.sha1()
    for e in kb.by_type("term"):
        assert isinstance(e, Term)
        h.update("\x1f".join([e.id, e.slug, e.title, e.summary, *e.aliases]).encode())
        h.update(b"\x1e")
    for x in extra:
        h.update(x.encode())
        h.update(b"\x1e")
    return h.hexdigest()


def unchanged_pages(site_dir: str, pages: Iterable[tuple[str, str]], salt: str) -> set[str]:
    """Source URIs whose page was built into ``site_dir`` from the same Markdown
    and salt by the previous build of this process (empty unless active)."""
    if not STATE.active:
        return set()
    previous = STATE.built.get(site_dir, {})
    current: dict[str, str] = {}
    same: set[str] = set()
    for uri, markdown in pages:
        digest = hashlib.sha1(salt.encode() + b"\x00" + markdown.encode()).hexdigest()
        current[uri] = digest
        if previous.get(uri) == digest:
            same.add(uri)
    STATE.built[site_dir] = current
    return same


def forget(site_dir: str) -> None:
    """A build failed: the next one must rebuild every page."""
    STATE.built.pop(site_dir, None)


# --- post-build steps that make slow artefacts (PDFs) -----------------------------
# Under the development server they run in a background thread after each
# rebuild, so the edited page reloads at once; until they finish the previous
# PDFs (still in the site folder of a --dirty build) are served. Only the
# newest pending run is carried out.

BACKGROUND_DONE = "PDF 已在后台更新完毕"
_bg_lock = threading.Lock()
_bg_generation = 0


def is_background_step(step) -> bool:
    return STATE.active and getattr(step, "__module__", "").startswith("ronghe.pdf")


def run_in_background(steps: list, *args) -> Optional[threading.Thread]:
    global _bg_generation
    if not steps:
        return None
    _bg_generation += 1
    generation = _bg_generation

    def job():
        with _bg_lock:
            if generation != _bg_generation:
                return  # a newer rebuild has queued its own run
            for step in steps:
                try:
                    step(*args)
                except Exception:  # reported, never kills the server
                    log.exception("后台生成 PDF 失败：%s", getattr(step, "__name__", step))
            log.info(BACKGROUND_DONE)

    thread = threading.Thread(target=job, name="ronghe-background-steps", daemon=True)
    thread.start()
    return thread
