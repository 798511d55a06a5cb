"""What HTML an entry's ``body`` may turn into (issue 19: markup never runs).

A body is Markdown, and Markdown passes raw HTML through: ``<script>``, event-handler
attributes (also through attr_list: ``{: onclick=… }``), ``javascript:`` links, iframes
and pictures from other sites all reached the page, and the offline site made requests
outside itself. The body is converted here with the Markdown extensions the site uses for
it, and every element and attribute of the result is held against an allow-list: what
Markdown itself writes (paragraphs, lists, tables, links, pictures, admonitions, details)
plus the few tags an editor may write by hand. Judging the converted HTML, not the source,
also catches what only shows after conversion (reference-style links, attr_list).

Each refusal is reported at the body line that holds it (the line where its tag, attribute
or address is first written; the body's first line when it cannot be found, e.g. an
address written with character references). ``check`` and ``build`` run it alike.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Iterator, Optional

# what the site's Markdown makes of a body (ronghe.adapter.theme.MARKDOWN_EXTENSIONS, those that write HTML)
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "pymdownx.details", "pymdownx.superfences"]

# tags Markdown writes, and those an editor may write by hand (measured: the seed content's bodies
# hold no raw HTML at all; these are what Markdown and the extensions above produce, plus inline
# text markup)
ALLOWED_TAGS = frozenset("""p br hr a img em strong b i u s del ins mark sub sup small code kbd samp var pre
blockquote q cite abbr dfn span div ul ol li dl dt dd h1 h2 h3 h4 h5 h6 table thead tbody tfoot tr th td
caption colgroup col details summary figure figcaption""".split())
GLOBAL_ATTRS = frozenset({"class", "id", "title", "lang", "dir"})
TAG_ATTRS = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed", "type"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "style", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "abbr": {"title"},
    "div": {"markdown"},       # md_in_html
}
# tags refused by name, with what they do
DANGEROUS_TAGS = {
    "script": "会在读者的浏览器里运行脚本",
    "iframe": "会把其他网页嵌入本页",
    "frame": "会把其他网页嵌入本页",
    "frameset": "会把其他网页嵌入本页",
    "object": "会嵌入外部程序或网页",
    "embed": "会嵌入外部程序或网页",
    "applet": "会嵌入外部程序",
    "form": "会把读者填写的内容发送出去",
    "input": "是表单控件",
    "button": "是表单控件",
    "textarea": "是表单控件",
    "select": "是表单控件",
    "style": "会改变整个站点的样式，还可能从站外加载内容",
    "link": "会从其他地址加载内容",
    "meta": "会改变页面的行为（例如自动跳转）",
    "base": "会改变本页所有链接的指向",
    "svg": "可以携带脚本和事件代码",
    "math": "可以携带脚本和事件代码",
    "video": "会加载音视频文件",
    "audio": "会加载音视频文件",
    "source": "会加载音视频文件",
    "picture": "会加载图片",
    "template": "可以携带脚本",
    "noscript": "会在关闭脚本时显示另一套内容",
}
SCRIPT_SCHEMES = ("javascript", "vbscript")
LINK_SCHEMES = ("http", "https", "mailto", "tel")
_TEXT_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center)\s*;?\s*$", re.I)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")     # browsers ignore these inside a URL's scheme
_FENCE = re.compile(r"^\s*(```|~~~)")
GUIDE = "可用的写法见编辑指南“安全与不可信内容”一节（docs/guide/safety.md）。"


@dataclass(frozen=True)
class Refusal:
    needle: str        # what to look for in the source to find the line ("" = the body's first line)
    message: str
    hint: str
    also: str = ""     # looked for when ``needle`` is not in the source


def _url_scheme(value: str) -> Optional[str]:
    m = _SCHEME.match(_INVISIBLE.sub("", value))
    return m.group(1).lower() if m else None


def _short(value: str, n: int = 40) -> str:
    value = " ".join(value.split())
    return value if len(value) <= n else value[:n] + "…"


def _url_refusal(tag: str, attr: str, value: str) -> Optional[Refusal]:
    scheme = _url_scheme(value)
    shown = _short(value)
    needle = value.strip()[:30]
    also = f"{attr}="   # an address written with character references is not in the source as such
    if scheme in SCRIPT_SCHEMES:
        return Refusal(needle or scheme, f"正文中的地址“{shown}”是 {scheme}: 地址，点击或加载时会运行脚本，不允许使用。",
                       "请删去这个链接，或改成本站页面的相对路径（例如 ../causes/编号.md）或 https:// 网址。", also)
    if scheme == "data":
        return Refusal(needle, f"正文中的地址“{shown}”是 data: 地址（把文件内容直接写在地址里），不允许使用。",
                       "图片请放进 docs/ 中并用相对路径引用；链接请指向本站页面或 https:// 网址。", also)
    outside = scheme is not None or _INVISIBLE.sub("", value).startswith(("//", "\\\\", "/\\", "\\/"))
    if attr == "src":
        if outside:
            return Refusal(needle, f"正文中的图片“{shown}”在站外：站点不得向站外发出请求（内网和离线阅读时也打不开）。",
                           "请把图片放进 docs/ 目录并用相对路径引用（例如 ../images/图.png），或删去这张图片。", also)
        return None
    if scheme is not None and scheme not in LINK_SCHEMES:
        return Refusal(needle, f"正文中的链接地址“{shown}”使用了不允许的协议“{scheme}:”。",
                       "链接只能指向本站页面（相对路径）、http:// 或 https:// 网址、电子邮件（mailto:）或电话（tel:）。", also)
    return None


class _Judge(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refusals: list[Refusal] = []

    def _refuse(self, needle: str, message: str, hint: str) -> None:
        self.refusals.append(Refusal(needle, message, hint))

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)

    def _element(self, tag: str, attrs) -> None:
        if tag in DANGEROUS_TAGS:
            self._refuse(f"<{tag}", f"正文中不允许使用 HTML 标签 <{tag}>：它{DANGEROUS_TAGS[tag]}。",
                         f"请删去 <{tag}>，用文字说明。" + GUIDE)
            return
        if tag not in ALLOWED_TAGS:
            self._refuse(f"<{tag}", f"正文中的 HTML 标签 <{tag}> 不在允许范围内。",
                         "请改用 Markdown 写法（段落、列表、表格、链接、图片、提示框），或删去这个标签。" + GUIDE)
            return
        allowed = GLOBAL_ATTRS | TAG_ATTRS.get(tag, set())
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self._refuse(name, f"正文中 <{tag}> 的属性“{name}”是事件处理代码，会在读者的浏览器里运行，不允许使用。",
                             f"请删去属性 {name}=…。" + GUIDE)
                continue
            if name not in allowed:
                self._refuse(name, f"正文中 <{tag}> 的属性“{name}”不在允许范围内。",
                             f"请删去属性 {name}=…。" + GUIDE)
                continue
            if name == "style" and not _TEXT_ALIGN.match(value):
                self._refuse(name, f"正文中 <{tag}> 的 style 属性只能用于表格对齐（text-align）。",
                             "样式由站点主题统一设置，请删去 style=…。")
            elif name == "class" and "mermaid" in value.lower().split():
                self._refuse("mermaid", "正文中的 mermaid 图（class=\"mermaid\"）会让页面从站外（CDN）下载绘图脚本，不允许使用。",
                             "请用文字或列表说明这些关系；条目之间的关系图由站点根据关联字段自动生成。")
            elif name == "id" and value.startswith(("__", "md-")):
                self._refuse(name, f"正文中的 id“{_short(value)}”与站点主题自己使用的名称冲突。",
                             "请换一个 id，不要以 __ 或 md- 开头。")
            elif name in ("href", "src"):
                refusal = _url_refusal(tag, name, value)
                if refusal:
                    self.refusals.append(refusal)

    def handle_decl(self, decl):
        self._refuse("<!", "正文中不允许使用 <!…> 声明。", "请删去它。")

    def unknown_decl(self, data):
        self._refuse("<![", "正文中不允许使用 <![…]]> 段落。", "请删去它。")

    def handle_pi(self, data):
        self._refuse("<?", "正文中不允许使用 <?…> 指令。", "请删去它。")


@functools.lru_cache(maxsize=1)
def _markdown():
    # one converter, reset per body (creating one per body costs more than converting one)
    import markdown
    return markdown.Markdown(extensions=EXTENSIONS)


def body_html(body: str) -> str:
    """The HTML the site's Markdown makes of ``body`` (without the site's own additions)."""
    md = _markdown()
    md.reset()
    return md.convert(body)


def refusals(body: str) -> list[Refusal]:
    """What in ``body`` would put markup that runs, or a request outside the site, on the page."""
    if not any(ch in body for ch in "<[{&"):
        return []          # no raw HTML, link, picture, attribute list or character reference: plain text
    judge = _Judge()
    judge.feed(body_html(body))
    judge.close()
    return judge.refusals


def located_refusals(body: str) -> Iterator[tuple[int, Refusal]]:
    """(line index in the body, refusal): the first line, outside fenced code, that holds the
    refusal's needle, after the line of the previous refusal with the same needle."""
    lines = body.splitlines()
    searchable: list[tuple[int, str]] = []
    fenced = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            searchable.append((i, line.lower()))
    after: dict[str, int] = {}
    for refusal in refusals(body):
        at = 0
        for needle in (refusal.needle.lower(), refusal.also.lower()):
            if not needle:
                continue
            start = after.get(needle, -1)
            hit = next((i for i, line in searchable if i > start and needle in line), None)
            if hit is None:
                hit = next((i for i, line in searchable if needle in line), None)
            if hit is not None:
                at = after[needle] = hit
                break
        yield at, refusal
