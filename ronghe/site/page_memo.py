"""Entry pages reused between builds of the development server.

An entry page shows the entry and its neighbours (titles, summaries, relations,
a two-step relationship map). After an edit, only the pages of entries within
two relation steps of a changed entry are rendered again (steps do not pass
through hub types); the other pages reuse the Markdown of the last build.
What a page shows from beyond that neighbourhood is declared by the renderers
(ronghe.site.entry_pages): pages of some types read whole entry types (a
checklist merges the 举措 of every countermeasure naming its level) and are
rendered again exactly when an entry of such a type changed; other pages carry
a "view" of far entries (e.g. 同类对策) and are also rendered when it changed.

``PageDigests`` tells which generated pages are the same as in the previous build,
so that a ``--dirty`` build neither converts nor writes them again.
A one-off build uses none of this (``ronghe.site.state.SiteState``).
"""

from __future__ import annotations

import hashlib
from typing import Optional

from ronghe.content.graph import KnowledgeBase, outgoing_refs
from ronghe.content.model import Term


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


HUB_TYPES = frozenset({"level", "checklist", "source", "term"})


def _adjacency(entries) -> dict[str, set[str]]:
    adj: dict[str, set[str]] = {}
    for e in entries:
        for _rel, target in outgoing_refs(e):
            adj.setdefault(e.id, set()).add(target)
            adj.setdefault(target, set()).add(e.id)
    return adj


class EntryPageMemo:
    """The entry pages of the previous build and what they were made from."""

    def __init__(self) -> None:
        self.digests: dict[str, str] = {}       # entry id -> digest of its data
        self.markdown: dict[str, str] = {}      # entry id -> rendered Markdown
        self.adjacency: dict[str, set[str]] = {}
        self.categories = ""
        self.keys: dict[str, str] = {}          # entry id -> digest of its page's wider inputs
        self.objects: dict[str, tuple[object, str]] = {}  # entry id -> (entry, digest)

    def _digests(self, kb: KnowledgeBase) -> dict[str, str]:
        """Digest of every entry's data; entries reused from the parse cache keep theirs."""
        out: dict[str, str] = {}
        objects: dict[str, tuple[object, str]] = {}
        for i, e in kb.entries.items():
            known = self.objects.get(i)
            d = known[1] if known is not None and known[0] is e else _sha1(repr(e))
            out[i] = d
            objects[i] = (e, d)
        self.objects = objects
        return out

    def render_entries(self, kb: KnowledgeBase, render, reads: Optional[dict] = None,
                       views=None) -> list[tuple[object, str]]:
        """``[(entry, render(kb, entry))]`` for every entry, reusing the pages an edit cannot affect.

        ``reads``: entry type -> the entry types whose change may change its page (None: any);
        such pages are rendered again exactly when one of those changed, instead of by relation
        steps. ``views(kb)``: entry id -> what its page shows of entries beyond two relation
        steps (any value with a faithful ``repr``); the page is rendered again when it changes."""
        reads = reads or {}
        digests = self._digests(kb)
        categories = _sha1(repr(list(kb.categories.values())))
        adjacency = _adjacency(kb.entries.values())
        keys = _wide_keys(kb, digests, reads, views)
        if categories != self.categories or not self.markdown:
            dirty = set(digests)
        else:
            changed = {i for i, d in digests.items() if self.digests.get(i) != d} | (set(self.digests) - set(digests))
            dirty = set(changed)
            frontier = changed
            for _step in range(2):
                nxt: set[str] = set()
                for i in frontier:
                    for graph in (adjacency, self.adjacency):
                        nxt |= graph.get(i, set())
                nxt -= dirty
                dirty |= nxt
                frontier = {i for i in nxt if i in kb.entries and kb.entries[i].type_name not in HUB_TYPES}
            dirty = {i for i in dirty if i not in kb.entries or kb.entries[i].type_name not in reads}
            dirty |= {i for i, k in keys.items() if k == "*" or self.keys.get(i) != k}
            dirty |= changed
        out = []
        markdown: dict[str, str] = {}
        for e in kb.entries.values():
            md = self.markdown.get(e.id)
            if md is None or e.id in dirty:
                md = render(kb, e)
            markdown[e.id] = md
            out.append((e, md))
        self.digests, self.markdown, self.adjacency, self.categories, self.keys = (
            digests, markdown, adjacency, categories, keys)
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


def render_all(kb: KnowledgeBase, render) -> list[tuple[object, str]]:
    """Every entry rendered (a one-off build)."""
    return [(e, render(kb, e)) for e in kb.entries.values()]


# --- pages unchanged since the previous build -------------------------------------

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


class PageDigests:
    """Digests of the pages each site folder was last built from."""

    def __init__(self) -> None:
        self._built: dict[str, dict[str, str]] = {}   # site dir -> {page source URI -> digest}

    def unchanged(self, site_dir: str, pages, salt: str) -> set[str]:
        """Source URIs of ``pages`` ((uri, Markdown) pairs) built into ``site_dir`` from the
        same Markdown and salt by the previous build; remembers these for the next one."""
        previous = self._built.get(site_dir, {})
        current: dict[str, str] = {}
        same: set[str] = set()
        for uri, markdown in pages:
            digest = hashlib.sha1(salt.encode() + b"\x00" + markdown.encode()).hexdigest()
            current[uri] = digest
            if previous.get(uri) == digest:
                same.add(uri)
        self._built[site_dir] = current
        return same

    def forget(self, site_dir: str) -> None:
        """A build failed: the next one must rebuild every page."""
        self._built.pop(site_dir, None)
