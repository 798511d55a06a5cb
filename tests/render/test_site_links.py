"""Link checker over the built site (issue 5): every internal link and anchor resolves,
and every page can be reached from the home page by following links."""

from __future__ import annotations

from sitelinks import check_site


def test_session_site_has_no_broken_links_or_anchors(built_site):
    report = check_site(built_site)
    assert report.pages > 10 and report.links > 100
    assert report.broken == [], "\n".join(report.broken[:40])


def test_every_page_is_reachable_from_the_home_page(built_site):
    report = check_site(built_site)
    assert report.unreachable == [], "从首页无法到达的页面：" + "、".join(report.unreachable)


def test_generated_index_pages_are_there_and_linked_from_the_navigation(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for page in ("indexes/index.html", "indexes/matrix.html", "indexes/map.html", "indexes/by-cause.html",
                 "indexes/by-level.html", "indexes/by-tag.html"):
        assert (built_site / page).is_file()
        assert f'href="{page}"' in home, page


def test_checker_reports_broken_links_missing_anchors_and_orphans(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="sub/a.html#here">ok</a> <a href="sub/a.html#nowhere">bad anchor</a> '
        '<a href="missing.html">gone</a> <a href="https://example.org/">outside</a> <a href="#top">top</a>'
        '<p id="top"></p>', encoding="utf-8")
    (tmp_path / "sub/a.html").write_text('<h2 id="here">x</h2><a href="../index.html">home</a>', encoding="utf-8")
    (tmp_path / "sub/orphan.html").write_text("<p>nobody links here</p>", encoding="utf-8")
    report = check_site(tmp_path)
    assert report.broken == ["index.html: 锚点不存在 sub/a.html#nowhere", "index.html: 找不到 missing.html"]
    assert report.unreachable == ["sub/orphan.html"]
