"""Hostile content for the tests of issue 19 (markup never runs): the small valid knowledge
base (tests/fixtures/mini) with markup in every text field an attacker or a careless import
can reach, and the attacks on bodies that ``check`` must refuse.

Every script carries its own number (``alert(N)``), so a test that sees a dialog knows which
field let it run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
MINI = ROOT / "tests/fixtures/mini/content"

# text fields: allowed to hold "<" as text; must show escaped everywhere
PROBLEM_TITLE = "重业务<img src=x onerror=alert(1)>轻党建"
PROBLEM_SUMMARY = "一些单位<img src=x onerror=alert(2)>只把业务当硬任务。"
TERM_TITLE = "一岗双责<svg onload=alert(3)>"
TERM_SUMMARY = "领导干部<img src=x onerror=alert(4)>既抓业务又抓党建。"
TERM_ALIAS = "一岗两责"                         # linked from a body; its tooltip shows TERM_TITLE and TERM_SUMMARY
TERM_ALIAS_HOSTILE = "<img src=x onerror=alert(5)>两责"
CAUSE_TITLE = '考核"><script>alert(6)</script>体系各异'   # breaks out of an attribute (SVG labels, aria-label)
CM_TITLE = "</title><img src=x onerror=alert(7)>压实第一责任人职责"   # breaks out of <title>
CHECKLIST_TITLE = "党组书记<b onmouseover=alert(8)>责任</b>清单"
CASE_TITLE = "示例市“双目标”<iframe src=javascript:alert(9)>管理"
TEXTS = [PROBLEM_TITLE, PROBLEM_SUMMARY, TERM_TITLE, TERM_SUMMARY, TERM_ALIAS_HOSTILE, CAUSE_TITLE, CM_TITLE,
         CHECKLIST_TITLE, CASE_TITLE]

# a body that is allowed: markup only as text (code), a link title holding markup (a tooltip),
# a mention of the glossary term (auto-linked, with its hostile meaning as tooltip)
ALLOWED_BODY = """\
落实一岗两责，要把责任压实到人。

代码里写的 `<img src=x onerror=alert(10)>` 只是文字。

详见[考核原因](../causes/kaohe-tixi-geyi.md "<img src=x onerror=alert(11)>说明")。

| 项目 | 说明 |
|:---|:---:|
| 做法 | <abbr title="<img src=x onerror=alert(12)>">双目标</abbr>管理 |
"""

# (name, body, words the error must hold): every one must be refused by check
BODY_ATTACKS = [
    ("script", "说明。\n\n<script>alert(20)</script>\n", "<script>"),
    ("event-handler", "说明。\n\n<p onclick=\"alert(21)\">点我</p>\n", "onclick"),
    ("img-onerror", "说明。\n\n<img src=\"x.png\" onerror=\"alert(22)\">\n", "onerror"),
    ("attr-list-handler", "说明。\n\n一段话\n{: onmouseover=\"alert(23)\" }\n", "onmouseover"),
    ("javascript-link", "说明。\n\n[点我](javascript:alert(24))\n", "javascript:"),
    ("javascript-reference-link", "说明。\n\n[点我][x]\n\n[x]: javascript:alert(25)\n", "javascript:"),
    ("javascript-entity-link", "说明。\n\n<a href=\"jav&#x61;script:alert(26)\">点我</a>\n", "javascript:"),
    ("vbscript-link", "说明。\n\n<a href=\"vbscript:msgbox(27)\">点我</a>\n", "vbscript:"),
    ("data-url-link", "说明。\n\n[点我](data:text/html;base64,PHNjcmlwdD5hbGVydCgyOCk8L3NjcmlwdD4=)\n", "data:"),
    ("data-url-image", "说明。\n\n![图](data:image/svg+xml,<svg onload=alert(29)>)\n", "data:"),
    ("iframe", "说明。\n\n<iframe src=\"javascript:alert(30)\"></iframe>\n", "<iframe>"),
    ("object", "说明。\n\n<object data=\"x.swf\"></object>\n", "<object>"),
    ("embed", "说明。\n\n<embed src=\"x.swf\">\n", "<embed>"),
    ("form", "说明。\n\n<form action=\"https://example.com/\"><input name=q></form>\n", "<form>"),
    ("style", "说明。\n\n<style>body{background:url(https://example.com/x.png)}</style>\n", "<style>"),
    ("style-attribute", "说明。\n\n<span style=\"background:url(https://example.com/x.png)\">字</span>\n", "style"),
    ("svg", "说明。\n\n<svg><script>alert(31)</script></svg>\n", "<svg>"),
    ("mermaid", "说明。\n\n<pre class=\"mermaid\">graph LR; A-->B</pre>\n", "mermaid"),
    ("outside-image", "说明。\n\n![图](https://example.com/x.png)\n", "站外"),
    ("outside-image-protocol-relative", "说明。\n\n<img src=\"//example.com/x.png\" alt=\"图\">\n", "站外"),
    ("outside-resource-link-tag", "说明。\n\n<link rel=\"stylesheet\" href=\"https://example.com/x.css\">\n", "<link>"),
    ("meta-refresh", "说明。\n\n<meta http-equiv=\"refresh\" content=\"0;url=https://example.com/\">\n", "<meta>"),
    ("base", "说明。\n\n<base href=\"https://example.com/\">\n", "<base>"),
]


def hostile_content(dst: Path, body: str = ALLOWED_BODY) -> Path:
    """The mini knowledge base at ``dst`` with markup in its text fields and ``body`` as the
    body of its case."""
    shutil.copytree(MINI, dst)

    def edit(rel: str, old: str, new: str) -> None:
        path = dst / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def q(text: str) -> str:   # a YAML double-quoted scalar
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    edit("policies/problems/zhong-yewu-qing-dangjian.yml", "title: 重业务轻党建", f"title: {q(PROBLEM_TITLE)}")
    edit("policies/problems/zhong-yewu-qing-dangjian.yml", "summary: 一些单位只把业务当硬任务，党建被当作软指标。",
         f"summary: {q(PROBLEM_SUMMARY)}")
    edit("policies/glossary/yi-gang-shuang-ze.yml", "title: 一岗双责", f"title: {q(TERM_TITLE)}")
    edit("policies/glossary/yi-gang-shuang-ze.yml", "summary: 领导干部既抓业务工作，又抓分管领域的党建工作。",
         f"summary: {q(TERM_SUMMARY)}")
    edit("policies/glossary/yi-gang-shuang-ze.yml", "aliases: [一岗两责]",
         f"aliases: [{q(TERM_ALIAS)}, {q(TERM_ALIAS_HOSTILE)}]")
    edit("policies/causes/kaohe-tixi-geyi.yml", "title: 考核体系各异", f"title: {q(CAUSE_TITLE)}")
    edit("policies/countermeasures/ya-shi-zeren.yml", "title: 压实第一责任人职责", f"title: {q(CM_TITLE)}")
    edit("checklists/qd-dangzu-shuji.yml", "title: 党组书记责任清单", f"title: {q(CHECKLIST_TITLE)}")
    edit("cases/demo-case.yml", "title: 示例市“双目标”管理", f"title: {q(CASE_TITLE)}")
    with open(dst / "cases/demo-case.yml", "a", encoding="utf-8") as f:
        f.write("body: |\n" + "".join(f"  {line}\n" if line else "\n" for line in body.splitlines()))
    return dst


def body_line(content: Path) -> int:
    """File line of the first body line of the case (``body: |`` is on the line before)."""
    lines = (content / "cases/demo-case.yml").read_text(encoding="utf-8").splitlines()
    return lines.index("body: |") + 2


def hostile_config(dst: Path) -> Path:
    """The project's mkdocs.yml with content.tooltips switched on, docs/ from the project."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^docs_dir: .*$", f"docs_dir: {ROOT / 'docs'}", text)
    text = text.replace("    - search.highlight\n", "    - search.highlight\n    - content.tooltips\n", 1)
    assert "content.tooltips" in text
    dst.write_text(text, encoding="utf-8")
    return dst


def build(content: Path, site: Path, config: Path, cache: Path, pdf: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RONGHE_CONTENT_DIR=str(content), RONGHE_CACHE_DIR=str(cache),
               RONGHE_PDF="true" if pdf else "false")
    return subprocess.run([sys.executable, "-m", "ronghe", "build", "--site-dir", str(site), "--config", str(config)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
