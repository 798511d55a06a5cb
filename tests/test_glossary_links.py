"""Glossary links: the first mention of a term (or alias) on a page links to its
glossary entry with its meaning as tooltip; never inside headings, links or code."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from ronghe.site.glossary_links import GlossaryLinker, GlossaryTerm, link_glossary_terms
from ronghe.content.loader import load_and_validate

MINI = Path(__file__).resolve().parent / "fixtures/mini/content"


@pytest.fixture(scope="module")
def kb():
    kb, result = load_and_validate(MINI)
    assert kb is not None, result.errors.report()
    return kb


def _links(html: str) -> list[tuple[str, str, str]]:
    return re.findall(r'<a class="rh-term" href="([^"]+)" title="([^"]+)">([^<]+)</a>', html)


def test_first_mention_links_with_tooltip(kb):
    html = "<p>落实一岗双责。再说一岗双责。</p>"
    out = link_glossary_terms(kb, html, "problems/x.html")
    assert _links(out) == [("../glossary/yi-gang-shuang-ze.html",
                            "一岗双责：领导干部既抓业务工作，又抓分管领域的党建工作。", "一岗双责")]
    assert out.endswith("再说一岗双责。</p>")


def test_alias_counts_as_mention_of_the_term(kb):
    out = link_glossary_terms(kb, "<p>落实一岗两责，也叫一岗双责。</p>", "index.html")
    assert [(h, t) for h, _, t in _links(out)] == [("glossary/yi-gang-shuang-ze.html", "一岗两责")]


@pytest.mark.parametrize("html", [
    '<h2 id="x">一岗双责</h2>',
    '<p><a href="a.html">什么是一岗双责</a></p>',
    "<p><code>一岗双责</code></p>",
    "<pre><code>一岗双责\n</code></pre>",
    '<nav class="rh-crumbs"><span>一岗双责</span></nav>',
    '<svg><text>一岗双责</text></svg>',
])
def test_never_inside_headings_links_code_navigation_or_drawings(kb, html):
    assert link_glossary_terms(kb, html, "problems/x.html") == html


def test_skipped_text_does_not_use_up_the_first_mention(kb):
    out = link_glossary_terms(kb, "<h1>一岗双责</h1><p>正文里的一岗双责</p>", "problems/x.html")
    assert out.startswith("<h1>一岗双责</h1><p>正文里的<a class=\"rh-term\"")


def test_a_term_is_not_linked_on_its_own_page(kb):
    html = "<p>一岗双责</p>"
    assert link_glossary_terms(kb, html, "glossary/yi-gang-shuang-ze.html") == html


def test_a_term_the_page_already_links_to_is_not_linked_again(kb):
    """The 术语 index lists each term as a link followed by its meaning: the meaning must
    not underline the very term it defines."""
    html = '<li><a href="yi-gang-shuang-ze.html">一岗双责</a>：落实一岗双责的要求。</li>'
    assert link_glossary_terms(kb, html, "glossary/index.html") == html
    # a link elsewhere on the site (relative to another folder) counts the same
    html = '<p><a href="../glossary/yi-gang-shuang-ze.html#x">见术语</a>，一岗双责。</p>'
    assert link_glossary_terms(kb, html, "problems/x.html") == html
    # a link to some other page does not
    out = link_glossary_terms(kb, '<p><a href="../causes/y.html">原因</a>，一岗双责。</p>', "problems/x.html")
    assert len(_links(out)) == 1


def test_longest_term_wins_and_markup_is_kept():
    short = GlossaryTerm("dangjian", "党建", "党的建设。", "glossary/dangjian.html")
    long_ = GlossaryTerm("jiguan-dangjian", "机关党建", "机关里的党建。", "glossary/jiguan-dangjian.html")
    linker = GlossaryLinker([short, long_], {"党建": short, "机关党建": long_})
    out = linker.apply('<p class="a">抓<strong>机关党建</strong>和党建&amp;业务</p>', "x.html")
    assert [t for _, _, t in _links(out)] == ["机关党建", "党建"]
    assert out.startswith('<p class="a">抓<strong><a class="rh-term"') and "&amp;业务</p>" in out


class _TermLinks:
    """Glossary links of a built page and the elements they sit in."""

    def __init__(self, html: str):
        from html.parser import HTMLParser

        self.found: list[tuple[str, list[str]]] = []   # (href, open elements)
        stack: list[str] = []
        found = self.found

        class P(HTMLParser):
            def handle_starttag(self, tag, attrs):
                a = dict(attrs)
                if tag == "a" and "rh-term" in (a.get("class") or ""):
                    found.append((a.get("href"), list(stack)))
                if tag not in ("br", "img", "input", "meta", "link", "hr", "wbr", "source", "col"):
                    stack.append(tag)

            def handle_endtag(self, tag):
                if tag in stack:
                    while stack.pop() != tag:
                        pass

        P().feed(html)


def test_built_site_links_each_term_once_per_page_and_never_in_headings_or_links(built_site):
    pages_with_terms = 0
    for path in built_site.rglob("*.html"):
        links = _TermLinks(path.read_text(encoding="utf-8")).found
        pages_with_terms += bool(links)
        hrefs = [h for h, _ in links]
        assert len(hrefs) == len(set(hrefs)), f"{path}: a term linked twice"
        for href, open_elements in links:
            bad = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "nav", "svg"} & set(open_elements)
            assert not bad, f"{path}: glossary link {href} inside {bad}"
    assert pages_with_terms > 10


def test_a_shorter_term_is_not_found_inside_a_longer_one_already_linked():
    jg = GlossaryTerm("jiguan-dangwei", "机关党委", "机关的党委。", "glossary/jiguan-dangwei.html")
    sj = GlossaryTerm("dangwei-shuji", "党委书记", "党委的书记。", "glossary/dangwei-shuji.html")
    linker = GlossaryLinker([jg, sj], {"机关党委": jg, "党委书记": sj})
    out = linker.apply("<p>机关党委负责。机关党委书记主持。党委书记带头。</p>", "x.html")
    assert [t for _, _, t in _links(out)] == ["机关党委", "党委书记"]
    assert "机关党委书记主持。" in out and out.count('class="rh-term"') == 2


# --- whole words and at most PER_PARAGRAPH links per paragraph (issue 18) -------------------
ROOT = Path(__file__).resolve().parent.parent
WORDS = ROOT / "tests/fixtures/glossary_words.yml"


@pytest.fixture(scope="module")
def project_kb():
    kb, result = load_and_validate(ROOT / "content")
    assert kb is not None, result.errors.report()
    return kb


def _score(linker, cases) -> tuple[float, float]:
    tp = fp = fn = 0
    for case in cases:
        got = {t for _, _, t in _links(linker.apply(f"<p>{case['text']}</p>", "problems/x.html"))}
        want = set(case["links"])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    return tp / (tp + fp), tp / (tp + fn)


def test_whole_words_on_the_evaluation_set(project_kb):
    """Precision and recall on sentences written for the test (docs/guide/editing.md § 术语链接)."""
    import yaml

    from ronghe.site import glossary_links

    cases = yaml.safe_load(WORDS.read_text(encoding="utf-8"))
    assert len(cases) >= 40
    linker = GlossaryLinker.from_kb(project_kb)
    precision, recall = _score(linker, cases)
    assert precision >= 0.93 and recall >= 0.9, (precision, recall)

    class EveryMatch(glossary_links.GlossaryLinker):     # the linker without the word rules
        def whole_word(self, text, start, end):
            return True

    plain = EveryMatch(linker.terms, {html.unescape(s): t for s, t in linker._by_spelling.items()})
    plain_precision, _ = _score(plain, cases)
    assert plain_precision < precision - 0.1


@pytest.mark.parametrize("text", ["机关要聚焦主责主业。", "明确上下级工委的指导关系。", "述职述廉报告。"])
def test_fragments_of_longer_words_are_not_linked(project_kb, text):
    assert _links(link_glossary_terms(project_kb, f"<p>{text}</p>", "problems/x.html")) == []


def test_a_vocabulary_word_holding_a_term_is_read_whole(project_kb):
    # 考核结果运用 is a tag of the content: one word, not 考核 + 结果运用
    assert _links(link_glossary_terms(project_kb, "<p>考核结果运用要到位。</p>", "problems/x.html")) == []
    assert len(_links(link_glossary_terms(project_kb, "<p>考核要到位。</p>", "problems/x.html"))) == 1


def test_at_most_three_links_in_a_paragraph_the_rest_later(project_kb):
    para = "<p>落实一岗双责，压实主体责任，签订目标责任书，推行联述联评联考，防止两张皮。</p>"
    out = link_glossary_terms(project_kb, para + "<p>再谈联述联评联考和两张皮。</p>", "problems/x.html")
    first, second = out.split("</p>", 1)
    assert len(_links(first)) == 3
    # a term first met in a full paragraph is linked at its next mention
    assert [t for _, _, t in _links(second)] == ["联述联评联考", "两张皮"]


def test_built_site_has_no_paragraph_with_more_than_three_glossary_links(built_site):
    from html.parser import HTMLParser

    from ronghe.site.glossary_links import BLOCK_ELEMENTS

    worst = 0
    for path in built_site.rglob("*.html"):
        counts = [0]

        class P(HTMLParser):
            def handle_starttag(self, tag, attrs):
                if tag in BLOCK_ELEMENTS:
                    counts.append(0)
                if tag == "a" and "rh-term" in (dict(attrs).get("class") or ""):
                    counts[-1] += 1

            def handle_endtag(self, tag):
                if tag in BLOCK_ELEMENTS:
                    counts.append(0)

        P().feed(path.read_text(encoding="utf-8"))
        worst = max(worst, max(counts))
        assert max(counts) <= 3, path
    assert worst >= 1
