"""Small Markdown helpers shared by the page renderers."""

from __future__ import annotations

import posixpath
import re

_SPECIAL = re.compile(r"([\\`*_\[\]#|])")
_LIST_START = re.compile(r"^(\s*)(\d+)([.)])(\s)", re.M)
_BULLET_START = re.compile(r"^(\s*)([-+*])(\s)", re.M)


def esc(text: str) -> str:
    """Escape text so Markdown shows it literally (titles, passages, table cells)."""
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LIST_START.sub(r"\1\2\\\3\4", text)
    text = _BULLET_START.sub(r"\1\\\2\3", text)
    return text


def cell(text: str) -> str:
    """Escape text for a table cell (single line)."""
    return esc(" ".join(text.split()))


def rel(from_uri: str, to_uri: str) -> str:
    """Relative link between two source URIs (``problems/a.md`` -> ``../causes/b.md``)."""
    base = posixpath.dirname(from_uri)
    return posixpath.relpath(to_uri, base or ".")


def link(from_uri: str, to_uri: str, text: str) -> str:
    return f"[{esc(text)}]({rel(from_uri, to_uri)})"


def quote(text: str) -> str:
    """Blockquote a passage, paragraph breaks kept."""
    paras = [p.strip() for p in text.strip().splitlines() if p.strip()]
    return "\n>\n".join(f"> {esc(p)}" for p in paras)


def front_matter(**meta) -> str:
    import yaml

    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"
