"""Topic handout PDFs (issue 9): one per training topic, written into the site after the build.

Same content as the handout web page (ronghe/site/handout_pages.py), laid out for
A4 by handout.css; rendered with ronghe.build.pdf (Noto CJK SC, lang="zh-CN") and cached by
the hash of the document, so an unchanged handout is not rendered again.
"""

from __future__ import annotations

import html
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ronghe.content.graph import KnowledgeBase
from ronghe.content.training import NOTE_LINES, Handout, handouts
from ronghe.build.logs import LOG
from .document import html_document, running_header, stylesheet
from .prose import md_html
from .render import render_pdfs_cached
from ronghe.site.urls import handout_pdf_uri

if TYPE_CHECKING:
    from ronghe.build.postbuild import PostBuildContext

E = html.escape
ANSWER_LINES = 2


def _lines(n: int) -> str:
    return '<div class="line"></div>' * n


def handout_body(kb: KnowledgeBase, h: Handout) -> str:
    t = h.topic
    cat = f"对策类别：{E(h.category.title)}" if h.category else ""
    parts = ['<header class="ho-head">',
             f'<p class="ho-kicker">{E(kb.identity.name + " · " if kb.identity.name else "")}培训讲义{" · " + cat if cat else ""}</p>',
             f"<h1>{E(t.title)}</h1>", f'<p class="ho-summary">{E(t.summary)}</p>',
             '<p class="ho-fill"><span>培训班次：<span class="fill fill-long"></span></span>'
             '<span>日期：<span class="fill"></span></span><span>学员：<span class="fill"></span></span></p>',
             "</header>",
             "<h2>导语</h2>", md_html(t.intro),
             "<h2>一、问题表现</h2><ul>"]
    parts += [f"<li><strong>{E(p.title)}</strong>：{E(p.summary)}</li>" for p in h.problems]
    parts += ["</ul><h2>二、主要原因</h2><ul>"]
    parts += [f"<li><strong>{E(c.title)}</strong>：{E(c.summary)}</li>" for c in h.causes]
    parts += ["</ul>", "<h2>三、各层级怎么做</h2>",
              f"<p>以下举措摘自本类 {len(h.countermeasures)} 条对策，按责任层级列出；括号内为时间要求，小字为所依据的对策。</p>"]
    for lm in h.by_level:
        role = f' <span class="role">（{E(lm.level.role)}）</span>' if lm.level.role else ""
        parts.append(f'<h3 class="ho-level">{E(lm.level.title)}{role}</h3><ul class="ho-measures">')
        for cm, m in lm.measures:
            timing = f"（{E(m.timing)}）" if m.timing else ""
            parts.append(f'<li>{E(m.text)}{timing} <span class="ho-basis">——{E(cm.title)}</span></li>')
        parts.append("</ul>")
    if h.case:
        c = h.case
        parts.append(f"<h2>四、案例：{E(c.title)}</h2>")
        facts = "；".join(x for x in (f"单位：{E(c.unit)}" if c.unit else "", f"时间：{E(c.date)}" if c.date else "") if x)
        if facts:
            parts.append(f'<p class="ho-case-facts">{facts}</p>')
        parts.append(f"<p>{E(c.summary)}</p>")
        if c.figures:
            rows = "".join(f'<tr><td>{E(f.label)}</td><td class="v">{E(f.value)}</td></tr>' for f in c.figures)
            parts.append(f'<table class="ho-figures">{rows}</table>')
        if c.citations:
            src = kb.get(c.citations[0].source)
            by = f"《{E(src.title)}》" if src else E(c.citations[0].source)
            passage = "<br>".join(E(p.strip()) for p in c.citations[0].passage.splitlines() if p.strip())
            parts.append(f'<blockquote>{passage}<span class="by">—— {by}</span></blockquote>')
    parts.append('<section class="ho-questions"><h2>五、研讨题</h2><ol class="questions">')
    parts += [f'<li>{E(q)}<div class="answer">{_lines(ANSWER_LINES)}</div></li>' for q in t.questions]
    parts += ["</ol></section>", f'<section class="ho-notes"><h2>笔记</h2>{_lines(NOTE_LINES)}</section>']
    return "\n".join(parts)


def handout_document(kb: KnowledgeBase, h: Handout) -> str:
    return html_document(h.title, handout_body(kb, h), [stylesheet("handout.css"),
                                                       running_header(" · ".join(filter(None, (kb.identity.name, "培训讲义"))))],
                         author=kb.identity.name, subject=h.topic.summary)


def write_handout_pdfs(kb: KnowledgeBase, site_dir: Path, context: "PostBuildContext") -> None:
    """Post-build step: training/pdf/<topic>.pdf for every published topic, rendered only when changed."""
    hs = handouts(kb)
    if not hs:
        return
    started = time.monotonic()
    rendered = render_pdfs_cached([(handout_document(kb, h), site_dir / handout_pdf_uri(h.topic)) for h in hs],
                                  context.cache_dir, context.pdf_workers)
    LOG.info("讲义 PDF：共 %d 份，新生成 %d 份，其余取自缓存（%.1f 秒）。", len(hs), rendered, time.monotonic() - started)
