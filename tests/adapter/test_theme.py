"""ronghe.adapter.theme: the style sheets and scripts reach a page as one file each, and a site
can still replace one of their parts with its own file."""

from __future__ import annotations

from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from ronghe.adapter import theme


def _project(tmp_path, extra: str = ""):
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: 试验\ntheme:\n  name: material\nplugins:\n  - search\n" + extra, encoding="utf-8")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    return docs, config


def _assets(config):
    config.plugins._current_plugin = "ronghe"    # as while MkDocs runs the plugin's events
    theme.install(config)
    files = get_files(config)
    theme.add_assets(files, config)
    return files


def test_a_page_links_one_style_sheet_and_one_script_holding_every_part_in_order(tmp_path):
    _docs, config = _project(tmp_path)
    files = _assets(config)
    assert [u for u in config.extra_css if "ronghe" in str(u)] == [theme.SITE_CSS]
    assert [str(s) for s in config.extra_javascript if "ronghe" in str(s)] == [theme.SITE_JS]
    for uri, parts in ((theme.SITE_CSS, theme.STYLES), (theme.SITE_JS, theme.SCRIPTS)):
        text = files.get_file_from_path(uri).content_string
        where = [text.index(f"/* {part} */") for part, _path in parts]
        assert where == sorted(where), uri                         # the cascade keeps its order
        for _part, path in parts:
            assert text.count(path.read_text(encoding="utf-8").rstrip()) == 1, path.name
        # the parts themselves are not written to the site: nothing links them
        assert all(files.get_file_from_path(part) is None for part, _path in parts)


def test_a_sites_own_part_takes_the_packages_place(tmp_path):
    docs, config = _project(tmp_path)
    (docs / "assets/ronghe.css").write_text(":root { --rh-own: 1; }\n", encoding="utf-8")
    files = _assets(config)
    text = files.get_file_from_path(theme.SITE_CSS).content_string
    assert ":root { --rh-own: 1; }" in text
    assert "Chinese system font stack" not in text                # the package's ronghe.css is not
    assert "/* assets/ronghe-checklist.css */" in text            # the other parts still are


def test_parts_listed_in_mkdocs_yml_are_not_linked_twice(tmp_path):
    # a site set up before the parts were joined may list them itself
    _docs, config = _project(tmp_path, "extra_css:\n  - assets/ronghe-xref.css\n  - assets/own.css\n"
                                       "extra_javascript:\n  - assets/ronghe-tooltip.js\n")
    _assets(config)
    assert list(config.extra_css) == ["assets/own.css", theme.SITE_CSS]
    assert [str(s) for s in config.extra_javascript] == [theme.SITE_JS]
