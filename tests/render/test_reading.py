"""Reading experience in the built site (issue 18): citations that land on the quoted
passage, internal tags never shown, the tag index, counts that agree or say why, the
maintainers' pages out of the reader's tabs, the home page's way to each checklist,
sitemap.xml, and lang="zh-CN"."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from ronghe.build.sitemap import SITEMAPS, drop_sitemap_without_site_url
from ronghe.content.checklists import level_checklists
from ronghe.content.loader import load_and_validate
from ronghe.content.tags import is_internal, reader_tags
from ronghe.site.citations import locate, passage_anchor, render_source_text, source_paragraphs
from ronghe.site.crossref import MIN_TAG_USES, crossref
from ronghe.site.urls import checklist_uri, entry_uri
from sitelinks import parse

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kb():
    kb, result = load_and_validate(ROOT / "content")
    assert kb is not None, result.errors.report()
    return kb


def _html(site: Path, uri: str) -> str:
    return (site / (uri[:-3] + ".html")).read_text(encoding="utf-8")


# --- citations -------------------------------------------------------------------------------
def test_every_citation_lands_on_the_quoted_passage(built_site, kb):
    """100 %: each citation under a quote links to an anchor that exists on the source page,
    on a mark holding the passage's first characters."""
    expected = sum(len(e.citations) for e in kb.entries.values() if e.type_name not in ("source",))
    found, landed = 0, 0
    cache: dict[Path, tuple[set[str], str]] = {}
    for e in kb.entries.values():
        if not e.citations:
            continue
        page = built_site / (entry_uri(e)[:-3] + ".html")
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'<a class="rh-cite" href="([^"]+)"', html) + \
            re.findall(r'<a href="([^"]+)" class="rh-cite"', html)
        assert len(links) == len(e.citations), e.id
        for href, c in zip(links, e.citations):
            found += 1
            parts = urlsplit(href)
            target = (page.parent / unquote(parts.path)).resolve()
            if target not in cache:
                text = target.read_text(encoding="utf-8")
                cache[target] = (parse(target).ids, text)
            ids, text = cache[target]
            assert parts.fragment == passage_anchor(c.passage)
            assert parts.fragment in ids, f"{e.id}: {href}"
            # the anchor is on the mark that begins the passage
            mark = re.search(rf'(?:<mark class="rh-quoted" id="{parts.fragment}"[^>]*>|<span class="rh-quoted-anchor" '
                             rf'id="{parts.fragment}"></span>(?:<span[^>]*></span>)*<mark[^>]*>)', text)
            assert mark, e.id
            after = re.sub(r"<[^>]+>|\s+", "", text[mark.end():mark.end() + 600])   # glossary links may sit inside
            assert after[:4] == re.sub(r"\s+", "", c.passage)[:4], e.id
            landed += 1
    assert found == expected and landed == found and found > 100


def test_passages_are_found_across_paragraphs_and_overlaps_keep_both_anchors():
    text = "第一段开头。\n第二段：甲乙丙丁。\n第三段戊己。"
    paras = source_paragraphs(text)
    spans = locate(paras, "甲乙丙丁。\n第三段")
    assert [(s.para, paras[s.para][s.start:s.end]) for s in spans] == [(1, "甲乙丙丁。"), (2, "第三段")]
    html, anchors = render_source_text(text, ["甲乙丙丁。 第三段", "乙丙", "段开头"])
    assert len(anchors) == 3
    for passage in ("甲乙丙丁。 第三段", "乙丙", "段开头"):
        assert f'id="{passage_anchor(passage)}"' in html
    # an edited passage that is not word for word in the text lands on the closest paragraph
    html, anchors = render_source_text(text, ["戊己（略）"])
    assert anchors and f'id="{anchors[0]}"' in html.split("\n")[2]


def test_quoted_passages_cannot_inject_markup():
    html, _ = render_source_text('正文<script>alert(1)</script>结束', ["<script>alert(1)</script>"])
    assert "<script>" not in html and "&lt;script&gt;" in html


# --- tags --------------------------------------------------------------------------------------
def test_internal_tags_are_never_shown_to_readers(built_site, kb):
    internal = {t for e in kb.entries.values() for t in e.tags if is_internal(t)}
    assert internal, "the content uses internal tags (_重复稿, _问题提法)"
    for path in built_site.rglob("*.html"):
        if path.relative_to(built_site).parts[0] == "guide":
            continue            # the editing guide explains the rule with these very tags
        html = path.read_text(encoding="utf-8")
        for tag in internal:
            assert f">{tag}<" not in html and f">{tag}（" not in html, (path, tag)
            assert f">{tag.lstrip('_')}<" not in html, (path, tag)


def test_tag_index_lists_shared_tags_grouped_with_counts(built_site, kb):
    html = _html(built_site, "indexes/by-tag.md")
    counts: dict[str, int] = {}
    for e in kb.entries.values():
        for t in reader_tags(e.tags):
            counts[t] = counts.get(t, 0) + 1
    shared = {t for t, n in counts.items() if n >= MIN_TAG_USES}
    listed = dict(re.findall(r'<h3 id="t-[0-9a-f]+">([^<（]+)（(\d+)）', html))
    assert set(listed) == shared
    assert all(int(listed[t]) == counts[t] for t in shared)
    groups = re.findall(r'<h2 id="tg-[^"]+">([^<]+)<', html)
    assert len(groups) >= 3
    assert html.count('class="rh-tag"') < 2 * len(counts)   # far fewer buttons than tags in the content


def test_entry_pages_link_only_tags_the_index_lists(built_site, kb):
    index_ids = parse(built_site / "indexes/by-tag.html").ids
    xr = crossref(kb)
    for e in kb.entries.values():
        html = _html(built_site, entry_uri(e))
        for anchor in re.findall(r'by-tag\.html#(t-[0-9a-f]+)', html):
            assert anchor in index_ids, e.id
        once = [t for t in reader_tags(e.tags) if len(xr.entries_by_tag[t]) < MIN_TAG_USES]
        kicker = html.split('class="rh-kicker"', 1)[1].split("</p>", 1)[0]
        for t in once:
            assert f">{t}<" not in kicker


# --- counts --------------------------------------------------------------------------------------
def test_level_counts_agree_or_say_why(built_site, kb):
    by_level = _html(built_site, "indexes/by-level.md")
    for lc in level_checklists(kb):
        acc = lc.accounting(kb)
        row = re.search(rf'<tr>\s*<td><a href="#l-{lc.level.id}">.*?</tr>', by_level, re.S).group(0)
        cells = re.findall(r"<td>(.*?)</td>", row, re.S)
        measures, items = int(cells[2]), int(re.search(r"(\d+) 项", cells[4]).group(1))
        assert items == len(lc.items()) and measures == acc.measures
        checklist = _html(built_site, checklist_uri(lc))
        assert f"共 {len(lc.items())} 项" in checklist
        if measures != items:   # a visible note on both pages says why
            short = lc.level.short or lc.level.title
            plain = re.sub(r"<[^>]+>", "", by_level)      # level names may be glossary links
            assert f"{short}：本层级在各对策中共有 {measures} 项举措" in plain
            plain = re.sub(r"<[^>]+>", "", checklist)
            assert f"本层级在各对策中共有 {measures} 项举措" in plain and f"清单共 {items} 项" in plain


# --- navigation -------------------------------------------------------------------------------
MAINTAINER = ("guide/",)


def test_maintainer_pages_are_not_in_the_reader_tabs_but_in_the_footer(built_site):
    for page in ("index.html", "problems/index.html", "guide/editing.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        tabs = html.split('class="md-tabs"', 1)[1].split("</nav>", 1)[0]
        assert "guide/" not in tabs and "编辑指南" not in tabs
        footer = html.split('class="rh-footer-links"', 1)[1].split("</nav>", 1)[0]
        for name in ("编辑指南", "字段参考", "部署与发布", "搜索说明", "性能与规模", "安全与不可信内容"):
            assert name in footer
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="guide/editing.html"' in home.split("<article", 1)[1]


def test_home_page_links_to_each_level_checklist(built_site, kb):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    block = home.split('class="rh-home-cl"', 1)[1].split("</ul>", 1)[0]
    for lc in level_checklists(kb):
        assert f'href="{checklist_uri(lc)[:-3]}.html"' in block
        assert f"{len(lc.items())} 项" in block
    # a page that quotes the marker (the plugin guide, in code) keeps it as it is
    assert "&lt;!-- ronghe:level-checklists --&gt;" in (built_site / "guide/plugin.html").read_text(encoding="utf-8")


def test_pages_declare_simplified_chinese(built_site):
    for page in ("index.html", "problems/index.html", "404.html"):
        assert '<html lang="zh-CN"' in (built_site / page).read_text(encoding="utf-8")


# --- sitemap ------------------------------------------------------------------------------------
def test_no_empty_sitemap_without_a_site_url(built_site, tmp_path):
    assert not (built_site / "sitemap.xml").exists()      # the project builds without site_url
    for name in SITEMAPS:
        (tmp_path / name).write_text("<urlset/>")

    class Ctx:
        site_url = "http://intranet.example/dangjian/"

    drop_sitemap_without_site_url(None, tmp_path, Ctx)
    assert all((tmp_path / n).exists() for n in SITEMAPS)
    Ctx.site_url = ""
    drop_sitemap_without_site_url(None, tmp_path, Ctx)
    assert not any((tmp_path / n).exists() for n in SITEMAPS)


@pytest.mark.slow
def test_with_a_site_url_the_sitemap_lists_every_page(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RONGHE_SITE_URL="http://intranet.example/dangjian/")
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "ronghe", "build", "--no-pdf", "--site-dir", str(site)], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert len(urls) > 100 and all(u.startswith("http://intranet.example/dangjian/") for u in urls)
    assert "http://intranet.example/dangjian/problems/index.html" in urls
