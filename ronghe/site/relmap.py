"""Relationship map: problems ← causes ← countermeasures as an inline SVG, drawn at build.

Three columns (问题表现 | 原因 | 对策; an empty column takes no room); a cause is joined
to the problems it leads to, a countermeasure to the causes it addresses, and — dashed —
to a problem it addresses directly when no cause on the map explains that link. Node
order inside each column is chosen to avoid crossing lines (barycentre sweeps, then
swaps of neighbours, keeping the order with the fewest crossings: ``count_crossings``).
Nodes are plain SVG links (keyboard-focusable), the full title is in each node's
<title>; pointing at, focusing or clicking a box brings out its paths (a rule in the
map for pointing, assets/ronghe-reading.js for the rest). The drawing is vector, so it
prints sharply. Beside it the same relations as a list, shown instead of the drawing on
narrow screens (phones, 200 % zoom), so no column is ever cut off.
"""

from __future__ import annotations

import functools
import hashlib
import html
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Optional

from ronghe.content.graph import KnowledgeBase
from ronghe.content.model import Case, Cause, Countermeasure, Entry, Problem
from .hrefs import href
from .urls import entry_uri

COLUMN_TYPES = ("problem", "cause", "countermeasure")
COLUMN_TITLES = {"problem": "问题表现", "cause": "原因", "countermeasure": "对策"}
# stroke, fill: print-friendly tints of the site's type colours (the boxes and lines take
# theirs from ronghe-xref.css, which repeats these values; the column titles from here)
COLOURS = {
    "problem": ("#c62828", "#ffebee"),
    "cause": ("#795548", "#efebe9"),
    "countermeasure": ("#2e7d32", "#e8f5e9"),
    "more": ("#757575", "#fafafa"),
}

FONT = 13            # px
LINE = 17            # px per text line
PAD_X, PAD_Y = 8, 6
CHARS = 11           # full-width characters per line
MAX_LINES = 3
NODE_W = (CHARS + 1) * FONT + 2 * PAD_X   # one spare character: closing punctuation stays on its line
GAP_X = 110          # room for the edges between columns (entry pages)
WIDE_GAP_X = 220     # ... on the page of the whole map
GAP_Y = 10
TOP = 34             # room for the column titles
MAX_NEIGHBOURS = 8   # per column on an entry page


@dataclass
class Node:
    id: str
    kind: str                 # problem | cause | countermeasure | more
    label: str
    uri: str = ""             # source URI of the page it links to ("" = no link)
    tip: str = ""             # title and the start of the summary, on hover
    focus: bool = False
    lines: list[str] = field(default_factory=list)
    x: float = 0
    y: float = 0
    h: float = 0


@dataclass
class Edge:
    a: str                    # node on the left
    b: str                    # node on the right
    kind: str                 # cause | countermeasure | direct


@dataclass
class MapGraph:
    columns: list[list[Node]]
    edges: list[Edge]

    def node_ids(self) -> set[str]:
        return {n.id for col in self.columns for n in col}


# --- text ------------------------------------------------------------------------
def _width(ch: str) -> float:
    return 0.55 if ord(ch) < 0x2E80 else 1.0


@functools.lru_cache(maxsize=65536)
def _wrap(text: str, chars: float, max_lines: int) -> tuple[str, ...]:
    return tuple(_wrap_uncached(text, chars, max_lines))


def wrap_label(text: str, chars: float = CHARS, max_lines: int = MAX_LINES) -> list[str]:
    """Break a (mostly Chinese) label into lines of at most ``chars`` full-width
    characters, never splitting an ASCII word; the last line ends in … if cut.
    (Cached: the same titles appear on many pages.)"""
    return list(_wrap(text, chars, max_lines))


def _wrap_uncached(text: str, chars: float, max_lines: int) -> list[str]:
    tokens: list[str] = []
    word = ""
    for ch in text.strip():
        if ord(ch) < 0x2E80 and not ch.isspace():
            word += ch
            continue
        if word:
            tokens.append(word)
            word = ""
        tokens.append(ch)
    if word:
        tokens.append(word)
    lines, cur, used = [], "", 0.0
    for tok in tokens:
        w = sum(_width(c) for c in tok)
        if cur and used + w > chars:
            lines.append(cur.rstrip())
            cur, used = "", 0.0
            if tok.isspace():
                continue
        # keep closing punctuation with the previous line
        if not cur and lines and tok in "，。、；：）》”！？" and used == 0:
            lines[-1] += tok
            continue
        cur += tok
        used += w
    if cur.strip():
        lines.append(cur.rstrip())
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and sum(_width(c) for c in last) > chars - 1:
            last = last[:-1]
        lines = lines[: max_lines - 1] + [last + "…"]
    return lines or [""]


# --- graph construction ------------------------------------------------------------
def unique_entries(entries) -> list[Entry]:
    """Entries without repeats (by id), first occurrence kept."""
    seen: dict[str, Entry] = {}
    for e in entries:
        if e is not None and e.id not in seen:
            seen[e.id] = e
    return list(seen.values())


TIP_SUMMARY = 40      # characters of the summary in a box's tooltip (the page lists the whole summary)


def _tip(e: Entry) -> str:
    summary = " ".join(e.summary.split())
    if len(summary) > TIP_SUMMARY:
        summary = summary[:TIP_SUMMARY].rstrip("，、；：,; ") + "…"
    return e.title + (f"：{summary}" if summary else "")


def _node(e: Entry, focus: bool = False) -> Node:
    tip = _tip(e)
    return Node(e.id, e.type_name, e.title, entry_uri(e), tip, focus)


def _edges(kb: KnowledgeBase, problems: list[Entry], causes: list[Entry], cms: list[Entry]) -> list[Edge]:
    pset = {p.id for p in problems}
    cset = {c.id for c in causes}
    edges: list[Edge] = []
    for c in causes:
        for pid in dict.fromkeys(getattr(c, "problems", [])):
            if pid in pset:
                edges.append(Edge(pid, c.id, "cause"))
    for cm in cms:
        assert isinstance(cm, Countermeasure)
        explained: set[str] = set()
        for cid in dict.fromkeys(cm.causes):
            if cid in cset:
                edges.append(Edge(cid, cm.id, "countermeasure"))
                cause = kb.get(cid)
                explained.update(getattr(cause, "problems", []))
        for pid in dict.fromkeys(cm.problems):
            if pid in pset and pid not in explained:
                edges.append(Edge(pid, cm.id, "direct"))
    return edges


def _capped(items: list[Entry], keep: Optional[Entry], column_kind: str, total_label: str) -> list[Node]:
    items = unique_entries(items)
    shown = items[:MAX_NEIGHBOURS]
    if keep is not None and keep.id not in {e.id for e in shown}:
        shown = [keep] + shown[: MAX_NEIGHBOURS - 1]
    nodes = [_node(e, focus=(keep is not None and e.id == keep.id)) for e in shown]
    rest = len(items) - len(shown)
    if rest > 0:   # a link to the full list on the page (map_figure's more_href)
        nodes.append(Node(f"more-{column_kind}", "more", f"另有 {rest} 条{total_label}", tip="完整列表见本页上文"))
    return nodes


def whole_graph(kb: KnowledgeBase, problems=None, causes=None, cms=None) -> MapGraph:
    """Map of the given entries (default: the whole knowledge base)."""
    problems = list(kb.by_type("problem") if problems is None else problems)
    causes = list(kb.by_type("cause") if causes is None else causes)
    cms = list(kb.by_type("countermeasure") if cms is None else cms)
    graph = MapGraph([[_node(e) for e in problems], [_node(e) for e in causes], [_node(e) for e in cms]],
                     _edges(kb, problems, causes, cms))
    order_columns(graph)
    return graph


def neighbourhood_graph(kb: KnowledgeBase, entry: Entry) -> Optional[MapGraph]:
    """The entry with its problems, causes and countermeasures (None when it has none)."""
    if isinstance(entry, Problem):
        causes = kb.causes_of(entry.id)
        cms = kb.countermeasures_for_problem(entry.id)
        cms += [cm for c in causes[:MAX_NEIGHBOURS] for cm in kb.countermeasures_for_cause(c.id)[:MAX_NEIGHBOURS]]
        problems: list[Entry] = [entry]
        focus_col = 0
    elif isinstance(entry, Cause):
        problems = [kb.get(i) for i in entry.problems if kb.get(i)]
        causes = [entry]
        cms = kb.countermeasures_for_cause(entry.id)
        focus_col = 1
    elif isinstance(entry, Countermeasure):
        causes = [kb.get(i) for i in entry.causes if kb.get(i)]
        problems = [kb.get(i) for i in entry.problems if kb.get(i)]
        problems += [kb.get(p) for c in causes[:MAX_NEIGHBOURS] for p in c.problems[:MAX_NEIGHBOURS] if kb.get(p)]
        cms = [entry]
        focus_col = 2
    elif isinstance(entry, Case):
        cms = [kb.get(i) for i in entry.countermeasures if kb.get(i)][:MAX_NEIGHBOURS]
        causes = [kb.get(c) for cm in cms for c in cm.causes[:MAX_NEIGHBOURS] if kb.get(c)]
        problems = [kb.get(i) for i in entry.problems if kb.get(i)]
        problems += [kb.get(p) for cm in cms for p in cm.problems[:MAX_NEIGHBOURS] if kb.get(p)]
        focus_col = -1
    else:
        return None
    cols = [unique_entries(problems), unique_entries(causes), unique_entries(cms)]
    if sum(len(c) for c in cols) <= 1:
        return None
    keep = [entry if i == focus_col else None for i in range(3)]
    nodes = [_capped(cols[i], keep[i], COLUMN_TYPES[i], COLUMN_TITLES[COLUMN_TYPES[i]]) for i in range(3)]
    shown = [[kb.get(n.id) for n in col if n.kind != "more"] for col in nodes]
    graph = MapGraph(nodes, _edges(kb, *shown))
    order_columns(graph)
    return graph


def count_crossings(graph: MapGraph) -> int:
    """Pairs of lines that cross, counted per pair of columns from the order of their
    ends (two lines between the same columns cross when their ends are in opposite order)."""
    index = {n.id: (ci, i) for ci, col in enumerate(graph.columns) for i, n in enumerate(col)}
    by_pair: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for e in graph.edges:
        if e.a in index and e.b in index:
            (ca, ia), (cb, ib) = index[e.a], index[e.b]
            if ca > cb:
                (ca, ia), (cb, ib) = (cb, ib), (ca, ia)
            by_pair.setdefault((ca, cb), []).append((ia, ib))
    return sum(_inversions(ends) for ends in by_pair.values())


def _inversions(ends: list[tuple[int, int]]) -> int:
    """Pairs (a1, b1), (a2, b2) with a1 < a2 and b1 > b2 (lines sharing an end never
    cross): a Fenwick tree over the right ends, O(E log E)."""
    size = max(b for _, b in ends) + 2
    tree = [0] * (size + 1)
    seen = 0
    total = 0
    ends = sorted(ends)
    k = 0
    while k < len(ends):
        group_end = k
        while group_end < len(ends) and ends[group_end][0] == ends[k][0]:
            group_end += 1
        for _, b in ends[k:group_end]:       # earlier lines whose right end is below b
            i, not_above = b + 1, 0
            while i > 0:
                not_above += tree[i]
                i -= i & -i
            total += seen - not_above
        for _, b in ends[k:group_end]:
            i = b + 1
            while i <= size:
                tree[i] += 1
                i += i & -i
            seen += 1
        k = group_end
    return total


# column orders already found, by what they depend on (node ids and kinds, edge ends): a
# dev-server rebuild draws again the maps around an edit, mostly with the same nodes and lines
_ORDERS: "OrderedDict[str, tuple[tuple[str, ...], ...]]" = OrderedDict()
_ORDERS_MAX = 8192
_ORDERS_LOCK = threading.Lock()


def order_columns(graph: MapGraph, sweeps: int = 6) -> None:
    """Reorder the nodes inside each column to avoid crossings: barycentre sweeps (each
    node goes to the mean position of its neighbours; stable for ties), then swaps of
    neighbouring nodes while a swap removes crossings. The best order seen is kept;
    "另有 N 条" boxes stay at the bottom of their column. The order depends only on the
    nodes' ids and kinds and the lines' ends, so an order found before is reused."""
    if any(len({n.id for n in col}) != len(col) for col in graph.columns):
        _order_columns(graph, sweeps)   # ids do not name the nodes of a column
        return
    key = hashlib.sha1(repr((sweeps, [[(n.id, n.kind) for n in col] for col in graph.columns],
                             [(e.a, e.b) for e in graph.edges])).encode()).hexdigest()
    with _ORDERS_LOCK:
        known = _ORDERS.get(key)
        if known is not None:
            _ORDERS.move_to_end(key)
    if known is not None:
        by_id = [{n.id: n for n in col} for col in graph.columns]
        graph.columns = [[by_id[ci][i] for i in ids] for ci, ids in enumerate(known)]
        return
    _order_columns(graph, sweeps)
    with _ORDERS_LOCK:
        _ORDERS[key] = tuple(tuple(n.id for n in col) for col in graph.columns)
        if len(_ORDERS) > _ORDERS_MAX:
            _ORDERS.popitem(last=False)


def _order_columns(graph: MapGraph, sweeps: int) -> None:
    adj: dict[str, list[str]] = {}
    for e in graph.edges:
        adj.setdefault(e.a, []).append(e.b)
        adj.setdefault(e.b, []).append(e.a)

    def positions() -> dict[str, float]:
        pos = {}
        for col in graph.columns:
            n = max(len(col) - 1, 1)
            for i, node in enumerate(col):
                pos[node.id] = i / n
        return pos

    best = [list(c) for c in graph.columns]
    best_count = count_crossings(graph)
    order = [1, 0, 1, 2] * sweeps
    for ci in order:
        if best_count == 0:
            break
        pos = positions()
        col = graph.columns[ci]

        def key(item, pos=pos):
            i, node = item
            near = [pos[o] for o in adj.get(node.id, []) if o in pos]
            if node.kind == "more":
                return (2.0, i)
            return (sum(near) / len(near) if near else pos[node.id], i)

        graph.columns[ci] = [node for _, node in sorted(enumerate(col), key=key)]
        count = count_crossings(graph)
        if count < best_count:
            best, best_count = [list(c) for c in graph.columns], count
    graph.columns = [list(c) for c in best]
    if best_count and sum(len(c) for c in graph.columns) <= 200:
        _swap_neighbours(graph, best_count)


def _swap_neighbours(graph: MapGraph, count: int) -> None:
    """Swap adjacent nodes of a column while that lowers the number of crossings."""
    improved = True
    rounds = 0
    while improved and count and rounds < 8:
        improved = False
        rounds += 1
        for col in graph.columns:
            for i in range(len(col) - 1):
                if col[i].kind == "more" or col[i + 1].kind == "more":
                    continue
                col[i], col[i + 1] = col[i + 1], col[i]
                new = count_crossings(graph)
                if new < count:
                    count, improved = new, True
                else:
                    col[i], col[i + 1] = col[i + 1], col[i]


# --- drawing -------------------------------------------------------------------------
def _layout(graph: MapGraph, gap_x: float = GAP_X) -> tuple[float, float]:
    """Stack the tallest column; place every other column's nodes next to the mean
    height of their already placed neighbours (kept in order, without overlap)."""
    heights = []
    xs = _column_x(graph, gap_x)
    for ci, col in enumerate(graph.columns):
        total = 0.0
        for node in col:
            node.lines = wrap_label(node.label)
            node.h = len(node.lines) * LINE + 2 * PAD_Y
            node.x = xs[ci]
            total += node.h + GAP_Y
        heights.append(max(total - GAP_Y, 0))
    tallest = max(heights + [LINE])
    adj: dict[str, list[str]] = {}
    for e in graph.edges:
        adj.setdefault(e.a, []).append(e.b)
        adj.setdefault(e.b, []).append(e.a)
    first = max(range(len(graph.columns)), key=lambda ci: heights[ci])
    order = sorted(range(len(graph.columns)), key=lambda ci: abs(ci - first))
    placed: dict[str, tuple[Node, int]] = {}
    for ci in order:
        col = graph.columns[ci]
        if ci == first:
            y = TOP
            for node in col:
                node.y = y
                y += node.h + GAP_Y
        else:
            _place_column(col, ci, adj, placed, TOP, TOP + tallest)
        placed.update((n.id, (n, ci)) for n in col)
    bottom = max([n.y + n.h for col in graph.columns for n in col] + [TOP + LINE])
    shown = sum(1 for col in graph.columns if col)
    return shown * NODE_W + max(shown - 1, 0) * gap_x, bottom + 4


def _column_x(graph: MapGraph, gap_x: float) -> list[float]:
    """Left edge of each column; an empty column takes no room."""
    xs, rank = [], 0
    for col in graph.columns:
        xs.append(rank * (NODE_W + gap_x))
        rank += 1 if col else 0
    return xs


def map_caption(graph: MapGraph) -> str:
    """What the columns hold, naming only the columns that are there."""
    present = [COLUMN_TITLES[COLUMN_TYPES[ci]] for ci, col in enumerate(graph.columns) if col]
    places = {1: ["图中"], 2: ["左", "右"], 3: ["左", "中", "右"]}.get(len(present), [])
    where = "；".join(f"{p}：{t}" for p, t in zip(places, present))
    return (where + "。" if where else "") + "点击方框打开相关条目；用 Tab 键选中方框，可突出它的关联线。"


def _place_column(col: list[Node], ci: int, adj: dict[str, list[str]], placed: dict[str, tuple[Node, int]],
                  top: float, bottom: float) -> None:
    wanted = []
    for node in col:
        near = [placed[o] for o in adj.get(node.id, []) if o in placed]
        # follow the neighbouring column (solid lines); dashed long lines only when nothing else
        near = [n for n, c in near if abs(c - ci) == 1] or [n for n, _ in near]
        centres = [n.y + n.h / 2 for n in near]
        wanted.append(sum(centres) / len(centres) - node.h / 2 if centres else None)
    # blend with an even spread over the full height: keeps nodes near their
    # neighbours without piling a dense column up in the middle
    free = max(bottom - top - sum(n.h for n in col), 0)
    step = free / (len(col) + 1) if col else 0
    y_even = top + step
    y = top
    for node, want in zip(col, wanted):
        target = y_even if want is None else (want + y_even) / 2
        node.y = max(y, target)
        y = node.y + node.h + GAP_Y
        y_even += node.h + step
    # pull back up from the bottom when the column overflows
    limit = max(bottom, sum(n.h + GAP_Y for n in col) + top - GAP_Y)
    for node in reversed(col):
        node.y = min(node.y, limit - node.h)
        limit = node.y - GAP_Y


def render_svg(graph: MapGraph, here: str, label: str, gap_x: float = GAP_X, more_href: str = "") -> str:
    """The map as one line-free block of SVG markup (safe to embed in Markdown).
    ``more_href``: where the "另有 N 条" boxes lead (the full list on the page)."""
    width, height = _layout(graph, gap_x)
    nodes = {n.id: n for col in graph.columns for n in col}
    out = [f'<svg class="rh-map" style="max-width:{width:.0f}px" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
           f'width="{width:.0f}" height="{height:.0f}" role="group" aria-label="{html.escape(label)}" '
           f'font-size="{FONT}" font-family="inherit">']
    xs = _column_x(graph, gap_x)
    for ci, kind in enumerate(COLUMN_TYPES):
        if graph.columns[ci]:
            cx = xs[ci] + NODE_W / 2
            out.append(f'<text class="rh-map__col" x="{cx:.0f}" y="18" text-anchor="middle" font-weight="bold" '
                       f'fill="{COLOURS[kind][0]}" aria-hidden="true">{COLUMN_TITLES[kind]}</text>')
    # line and box styles are the site's (ronghe-xref.css: .rh-map__edge--*, .rh-map__node--*);
    # a map holds only geometry, ids and text: on 20,000 pages every attribute counts
    out.append('<g class="rh-map__edges" fill="none" aria-hidden="true">')
    for e in graph.edges:
        a, b = nodes.get(e.a), nodes.get(e.b)
        if a is None or b is None:
            continue
        if a.x > b.x:
            a, b = b, a
        x1, y1 = a.x + NODE_W, a.y + a.h / 2
        x2, y2 = b.x, b.y + b.h / 2
        dx = (x2 - x1) * 0.45
        out.append(f'<path class="rh-map__edge rh-map__edge--{e.kind}" data-from="{html.escape(e.a, quote=True)}" '
                   f'data-to="{html.escape(e.b, quote=True)}" '
                   f'd="M{x1:.0f} {y1:.0f}C{x1 + dx:.0f} {y1:.0f} {x2 - dx:.0f} {y2:.0f} {x2:.0f} {y2:.0f}"/>')
    out.append("</g>")
    for col in graph.columns:
        for n in col:
            target = href(here, n.uri) if n.uri and not n.focus else (html.escape(more_href, quote=True)
                                                                       if n.kind == "more" and more_href else "")
            # a box without a link (the page's own entry) can still be focused to bring out its paths
            focusable = "" if target else ' tabindex="0" role="img"'
            label_attr = "" if target else f' aria-label="{html.escape(n.label, quote=True)}"'
            parts = [f'<g class="rh-map__node rh-map__node--{n.kind}{" rh-map__node--focus" if n.focus else ""}" '
                     f'data-id="{html.escape(n.id, quote=True)}"{focusable}{label_attr}>',
                     f"<title>{html.escape(n.tip or n.label)}</title>",
                     f'<rect x="{n.x:.0f}" y="{n.y:.0f}" width="{NODE_W}" height="{n.h:.0f}" rx="5"/>']
            for li, line in enumerate(n.lines):
                ty = n.y + PAD_Y + LINE * li + LINE * 0.75
                parts.append(f'<text x="{n.x + PAD_X:.0f}" y="{ty:.0f}">{html.escape(line)}</text>')
            parts.append("</g>")
            body = "".join(parts)
            if target:
                body = f'<a href="{target}">{body}</a>'
            out.append(body)
    out.append("</svg>")
    return "".join(out)


def render_list(graph: MapGraph, here: str, more_href: str = "") -> str:
    """The relations of the map as nested lists (shown instead of the drawing on narrow
    screens): each cause with the problems it leads to and the countermeasures for it,
    then the countermeasures that address a problem directly."""
    nodes = {n.id: n for col in graph.columns for n in col}
    kind_of = {n.id: ci for ci, col in enumerate(graph.columns) for n in col}

    def name(n: Node) -> str:
        if n.uri and not n.focus:
            return f'<a href="{href(here, n.uri)}">{html.escape(n.label)}</a>'
        if n.kind == "more":
            return f'<a href="{html.escape(more_href, quote=True)}">{html.escape(n.label)}</a>' if more_href \
                else html.escape(n.label)
        return f"<strong>{html.escape(n.label)}</strong>"

    def neighbours(node_id: str, column: int) -> list[Node]:
        found = [e.b if e.a == node_id else e.a for e in graph.edges if node_id in (e.a, e.b)]
        return [nodes[i] for i in dict.fromkeys(found) if i in nodes and kind_of[i] == column]

    items = []
    causes, problems, cms = graph.columns[1], graph.columns[0], graph.columns[2]
    for c in causes:
        if c.kind == "more":
            items.append(f"<li>{name(c)}</li>")
            continue
        rows = [f'<span class="rh-map-list__kind">原因</span>{name(c)}']
        ps = neighbours(c.id, 0)
        ms = neighbours(c.id, 2)
        if ps:
            rows.append("导致：" + "、".join(name(p) for p in ps))
        if ms:
            rows.append("对策：" + "、".join(name(m) for m in ms))
        items.append("<li>" + "<br>".join(rows) + "</li>")
    direct = [(p, [nodes[e.b] for e in graph.edges if e.a == p.id and e.kind == "direct" and e.b in nodes])
              for p in problems]
    for p, ms in direct:
        if ms:
            items.append(f'<li><span class="rh-map-list__kind rh-map-list__kind--problem">问题表现</span>{name(p)}<br>'
                         "直接针对它的对策：" + "、".join(name(m) for m in ms) + "</li>")
    linked = {e.a for e in graph.edges} | {e.b for e in graph.edges}
    alone = [n for col in (problems, cms) for n in col if n.id not in linked and (n.kind != "more" or not causes)]
    if alone:
        items.append("<li>" + "、".join(name(n) for n in alone) + "</li>")
    if not items:
        return ""
    return '<ul class="rh-map-list">' + "".join(items) + "</ul>"


def map_figure(graph: MapGraph, here: str, label: str, caption: str = "", gap_x: float = GAP_X,
               more_href: str = "") -> str:
    """Markdown block: the SVG in a <figure> with an optional caption, and the same
    relations as a list (``render_list``; the style sheet shows one or the other)."""
    cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    listing = render_list(graph, here, more_href)
    return (f'<figure class="rh-map-figure">{render_svg(graph, here, label, gap_x, more_href)}{listing}{cap}</figure>')


LEGEND = ('<p class="rh-map-legend"><span class="rh-map-key rh-map-key--problem">问题表现</span>'
          '<span class="rh-map-key rh-map-key--cause">原因</span>'
          '<span class="rh-map-key rh-map-key--countermeasure">对策</span>'
          '<span class="rh-map-key rh-map-key--line">实线：原因导致问题、对策针对原因</span>'
          '<span class="rh-map-key rh-map-key--dash">虚线：对策直接针对问题</span></p>')
