"""Python-Markdown extension: a line break inside Chinese text is not a space.

Editors wrap long paragraphs (``intro: |`` in YAML, hand-written pages). Markdown keeps
such a soft break as a newline, which the browser and WeasyPrint show as a space:
"组织保障。 本站…", "仍以业务论英雄， 党建…". Between two Chinese characters
(or Chinese punctuation) the break is removed; next to Latin letters or digits it
stays a space, as English needs. Code is left alone.

Used by the site (``mkdocs.yml``: ``- ronghe.markdown_cjk``) and by the PDFs
(``ronghe.pdf.prose``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

# CJK ideographs, CJK and full-width punctuation, kana, Hangul
_CJK = ("\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff"
        "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u201c\u201d\u2018\u2019\u2026\u2014")
_BREAK = re.compile(f"(?<=[{_CJK}])[ \\t]*\\n[ \\t]*(?=[{_CJK}])")
_LEADING_BREAK = re.compile(f"^[ \\t]*\\n[ \\t]*(?=[{_CJK}])")
_TRAILING_BREAK = re.compile(f"(?<=[{_CJK}])[ \\t]*\\n[ \\t]*$")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_SKIP = frozenset({"pre", "code", "script", "style", "kbd", "samp"})


def join_cjk_lines(text: str) -> str:
    """``text`` without the line breaks between two Chinese characters."""
    return _BREAK.sub("", text) if "\n" in text else text


def _last_char(el: etree.Element) -> str:
    text = "".join(el.itertext())
    return text[-1:] if text else ""


class _JoinLines(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self._walk(root)

    def _walk(self, el: etree.Element) -> None:
        if el.tag in _SKIP:
            return
        if el.text:
            el.text = join_cjk_lines(el.text)
            if len(el) and _TRAILING_BREAK.search(el.text):   # 中文\n<strong>中文…
                first = el[0]
                if first.tag not in _SKIP and _CJK_CHAR.match("".join(first.itertext())[:1] or " "):
                    el.text = _TRAILING_BREAK.sub("", el.text)
        for i, child in enumerate(el):
            self._walk(child)
            if child.tail:
                child.tail = join_cjk_lines(child.tail)
                if _CJK_CHAR.match(_last_char(child) or " "):   # <strong>中文</strong>\n中文
                    child.tail = _LEADING_BREAK.sub("", child.tail)
                if i + 1 < len(el) and _TRAILING_BREAK.search(child.tail):   # 中文\n<em>中文
                    nxt = el[i + 1]
                    if nxt.tag not in _SKIP and _CJK_CHAR.match("".join(nxt.itertext())[:1] or " "):
                        child.tail = _TRAILING_BREAK.sub("", child.tail)


class CJKLineBreakExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # after the inline patterns (priority 20) have made <strong>, <a>, …
        md.treeprocessors.register(_JoinLines(md), "ronghe_cjk_lines", 15)


def makeExtension(**kwargs) -> CJKLineBreakExtension:
    return CJKLineBreakExtension(**kwargs)
