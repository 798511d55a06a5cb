"""Fast rebuilds under the development server (``mkdocs serve --dirty``).

After an edit, MkDocs rebuilds the whole site in the same process. These make
that rebuild proportional to the edit instead of to the knowledge base:

- parsed content files, and the entries built from them, are reused while their
  modification time and size are unchanged (``ronghe.loader.PARSE_CACHE``);
- entry pages are rendered again only near the edit (``render_entries``) and
  costly intermediate results are reused while their inputs are unchanged
  (``reuse``, e.g. the checklist merge of each level);
- every generated page whose Markdown is the same as in the previous build (and
  whose site-wide inputs, such as the glossary that links terms in every page,
  are unchanged) is reported as unmodified, so a ``--dirty`` build neither
  converts nor writes it again;
- PDFs and the search index are made in a background thread after the rebuild,
  followed by the garbage collector's full pass (none during the rebuild);
- the content folder is watched through the kernel's change notifications
  (``watch_content``) and compiled templates are kept (``cache_templates``).

A normal ``mkdocs build`` (``python -m ronghe build``) never uses any of this.
The state lives in this module because MkDocs loads the hook module again for
every rebuild, while the package stays imported.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import threading
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional, TypeVar

from ronghe.content import loader
from ronghe.content.graph import KnowledgeBase
from ronghe.content.model import Term

log = logging.getLogger("mkdocs.ronghe")
T = TypeVar("T")


@dataclass
class _State:
    active: bool = False
    command: str = ""     # "build" or "serve" once MkDocs has started
    # site dir -> {page source URI -> digest of what was built}
    built: dict[str, dict[str, str]] = field(default_factory=dict)


STATE = _State()
_GC_DEFAULT = gc.get_threshold()
_GC_SERVE = (5000, 20, 100)


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def start(command: str, dirty: bool) -> None:
    """Called once when MkDocs starts; only ``serve --dirty`` turns incremental rebuilds on."""
    STATE.command = command
    STATE.active = command == "serve" and bool(dirty)
    STATE.built.clear()
    loader.PARSE_CACHE = {} if STATE.active else None
    global _MEMO
    _MEMO = _EntryMemo()
    _REUSED.clear()
    # The dev server keeps the whole knowledge base and its caches in memory; the
    # collector's full passes over them took 0.3 s of every rebuild at N = 5,000.
    # Rarer passes during a rebuild; a full one after it, in the background (run_in_background).
    gc.set_threshold(*(_GC_SERVE if STATE.active else _GC_DEFAULT))


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


# --- results reused while their inputs are unchanged ---------------------------------

_REUSED: dict[str, tuple[str, object]] = {}   # slot -> (digest of the inputs, result)


def reuse(slot: str, inputs: object, compute: Callable[[], T], copy: Optional[Callable[[T], T]] = None) -> T:
    """``compute()``; under the dev server the result of the previous build is returned
    instead while ``repr(inputs)`` is unchanged (one remembered result per ``slot``).
    ``copy`` is applied to every result handed out, so callers may change what they get."""
    if not STATE.active:
        return compute()
    digest = _sha1(repr(inputs))
    hit = _REUSED.get(slot)
    if hit is not None and hit[0] == digest:
        value = hit[1]
    else:
        value = compute()
        _REUSED[slot] = (digest, value)
    return copy(value) if copy is not None else value  # type: ignore[return-value]


def forget(site_dir: str) -> None:
    """A build failed: the next one must rebuild every page."""
    STATE.built.pop(site_dir, None)


# --- post-build steps that make slow artefacts (PDFs, the search index) ------------
# Under the development server they run in a background thread after each
# rebuild, so the edited page reloads at once; until they finish the previous
# PDFs and index (still in the site folder of a --dirty build) are served. Only
# the newest pending run is carried out.

BACKGROUND_DONE = "PDF 和搜索索引已在后台更新完毕"
_bg_lock = threading.Lock()
_bg_generation = 0


BACKGROUND_MODULES = ("ronghe.pdf", "ronghe.search")  # PDFs and the search index


def is_background_step(step) -> bool:
    return STATE.active and getattr(step, "__module__", "").startswith(BACKGROUND_MODULES)


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
                    log.exception("后台生成 PDF 或搜索索引失败：%s", getattr(step, "__name__", step))
            gc.collect()  # what the rebuild left behind (see start)
            log.info(BACKGROUND_DONE)

    thread = threading.Thread(target=job, name="ronghe-background-steps", daemon=True)
    thread.start()
    return thread


# --- entry pages ---------------------------------------------------------------
# An entry page shows the entry and its neighbours (titles, summaries, relations,
# a two-step relationship map). After an edit, only the pages of entries within
# two relation steps of a changed entry are rendered again (steps do not pass
# through hub types); the other pages reuse the Markdown of the last build.
# What a page shows from beyond that neighbourhood is declared by the renderers
# (ronghe.render.entry_pages): pages of some types read whole entry types (a
# checklist merges the 举措 of every countermeasure naming its level) and are
# rendered again exactly when an entry of such a type changed; other pages carry
# a "view" of far entries (e.g. 同类对策) and are also rendered when it changed.

HUB_TYPES = frozenset({"level", "checklist", "source", "term"})


@dataclass
class _EntryMemo:
    digests: dict[str, str] = field(default_factory=dict)       # entry id -> digest of its data
    markdown: dict[str, str] = field(default_factory=dict)      # entry id -> rendered Markdown
    adjacency: dict[str, set[str]] = field(default_factory=dict)
    categories: str = ""
    keys: dict[str, str] = field(default_factory=dict)          # entry id -> digest of its page's wider inputs
    objects: dict[str, tuple[object, str]] = field(default_factory=dict)  # entry id -> (entry, digest)


_MEMO = _EntryMemo()


def _adjacency(entries) -> dict[str, set[str]]:
    from ronghe.content.graph import outgoing_refs

    adj: dict[str, set[str]] = {}
    for e in entries:
        for _rel, target in outgoing_refs(e):
            adj.setdefault(e.id, set()).add(target)
            adj.setdefault(target, set()).add(e.id)
    return adj


def _digests(kb: KnowledgeBase) -> dict[str, str]:
    """Digest of every entry's data; entries reused from the parse cache keep theirs."""
    out: dict[str, str] = {}
    objects: dict[str, tuple[object, str]] = {}
    for i, e in kb.entries.items():
        known = _MEMO.objects.get(i)
        d = known[1] if known is not None and known[0] is e else _sha1(repr(e))
        out[i] = d
        objects[i] = (e, d)
    _MEMO.objects = objects
    return out


def _wide_keys(kb: KnowledgeBase, digests: dict[str, str], reads: dict, views) -> dict[str, str]:
    """Entry id -> digest of what its page shows beyond its neighbourhood ("*" = always render)."""
    by_type: dict[str, list[str]] = {}
    for i, e in kb.entries.items():
        by_type.setdefault(e.type_name, []).append(f"{i}:{digests[i]}")
    type_digest = {t: _sha1("\n".join(v)) for t, v in by_type.items()}
    keys: dict[str, str] = {}
    for i, e in kb.entries.items():
        if e.type_name in reads:
            types = reads[e.type_name]
            keys[i] = "*" if types is None else _sha1(" ".join(type_digest.get(t, "") for t in sorted(types)))
    for i, view in (views(kb) if views else {}).items():
        keys[i] = _sha1(keys.get(i, "") + repr(view))
    return keys


def render_entries(kb: KnowledgeBase, render, reads: Optional[dict] = None, views=None) -> list[tuple[object, str]]:
    """``[(entry, render(kb, entry))]`` for every entry, reusing unaffected pages under the dev server.

    ``reads``: entry type -> the entry types whose change may change its page (None: any);
    such pages are rendered again exactly when one of those changed, instead of by relation
    steps. ``views(kb)``: entry id -> what its page shows of entries beyond two relation
    steps (any value with a faithful ``repr``); the page is rendered again when it changes."""
    if not STATE.active:
        return [(e, render(kb, e)) for e in kb.entries.values()]
    reads = reads or {}
    digests = _digests(kb)
    categories = _sha1(repr(list(kb.categories.values())))
    adjacency = _adjacency(kb.entries.values())
    keys = _wide_keys(kb, digests, reads, views)
    if categories != _MEMO.categories or not _MEMO.markdown:
        dirty = set(digests)
    else:
        changed = {i for i, d in digests.items() if _MEMO.digests.get(i) != d} | (set(_MEMO.digests) - set(digests))
        dirty = set(changed)
        frontier = changed
        for _step in range(2):
            nxt: set[str] = set()
            for i in frontier:
                for graph in (adjacency, _MEMO.adjacency):
                    nxt |= graph.get(i, set())
            nxt -= dirty
            dirty |= nxt
            frontier = {i for i in nxt if i in kb.entries and kb.entries[i].type_name not in HUB_TYPES}
        dirty = {i for i in dirty if i not in kb.entries or kb.entries[i].type_name not in reads}
        dirty |= {i for i, k in keys.items() if k == "*" or _MEMO.keys.get(i) != k}
        dirty |= changed
    out = []
    markdown: dict[str, str] = {}
    for e in kb.entries.values():
        md = _MEMO.markdown.get(e.id)
        if md is None or e.id in dirty:
            md = render(kb, e)
        markdown[e.id] = md
        out.append((e, md))
    _MEMO.digests, _MEMO.markdown, _MEMO.adjacency, _MEMO.categories, _MEMO.keys = (
        digests, markdown, adjacency, categories, keys)
    return out


# --- noticing an edit -----------------------------------------------------------
# MkDocs' development server finds changes by scanning every watched file twice a
# second, so it notices an edit a quarter of a second late on average. The content
# folder is watched through the kernel's change notifications instead (inotify on
# Linux), when they work; otherwise, or with RONGHE_POLL=1 (e.g. content on a
# network share edited from other machines), MkDocs' scanning is used as before.

# events that mean a file changed (not "opened" or "closed_no_write": every build reads the files)
_CHANGE_EVENTS = frozenset({"created", "modified", "moved", "deleted", "closed", "attrib"})
_observers: list = []


def watch_content(server, path: str) -> bool:
    """Rebuild when anything below ``path`` changes; True if the kernel's notifications
    are used, False if MkDocs polls it (``server.watch``)."""
    import os

    observer = None
    if os.environ.get("RONGHE_POLL") != "1":
        try:
            from watchdog.events import FileSystemEventHandler
            from watchdog.observers import Observer
            from watchdog.observers.polling import PollingObserver

            if Observer is not PollingObserver and hasattr(server, "_rebuild_cond"):
                handler = FileSystemEventHandler()
                handler.on_any_event = lambda event: _request_rebuild(server, event)  # type: ignore[method-assign]
                observer = Observer()
                observer.schedule(handler, path, recursive=True)
                observer.start()  # fails here when notifications are not available
        except Exception as exc:  # noqa: BLE001 - any failure: fall back to polling
            log.debug("no change notifications for %s (%s); polling", path, exc)
            observer = None
    if observer is None:
        server.watch(path)
        return False
    _observers.append(observer)
    log.info("内容目录有改动时立即重建（系统文件通知）：%s", path)
    return True


def _request_rebuild(server, event) -> None:
    # what MkDocs' own watcher does on a change (mkdocs.livereload.LiveReloadServer.watch)
    if event.is_directory or event.event_type not in _CHANGE_EVENTS:
        return
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


def stop_watching() -> None:
    while _observers:
        observer = _observers.pop()
        observer.stop()
        observer.join(timeout=5)


# --- templates -------------------------------------------------------------------
# MkDocs makes a new Jinja environment for every rebuild, so every theme template
# was compiled again (about a second). Under the development server compiled
# templates are kept in memory; Jinja checks each against its source.

_template_cache = None


def cache_templates(env) -> None:
    """Give a Jinja environment an in-memory bytecode cache shared by all rebuilds."""
    global _template_cache
    if not STATE.active:
        return
    if _template_cache is None:
        import jinja2

        class MemoryBytecodeCache(jinja2.BytecodeCache):
            def __init__(self):
                self.data: dict[str, bytes] = {}

            def load_bytecode(self, bucket):
                if bucket.key in self.data:
                    bucket.bytecode_from_string(self.data[bucket.key])

            def dump_bytecode(self, bucket):
                self.data[bucket.key] = bucket.bytecode_to_string()

        _template_cache = MemoryBytecodeCache()
    env.bytecode_cache = _template_cache
