"""PDFs name the guide from its content (content/guide.yml), never this project's own topic."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ronghe.build.pdf.booklet import booklet_document
from ronghe.build.pdf.checklist_pdf import all_levels_document, checklist_document
from ronghe.build.pdf.document import css_string, running_header
from ronghe.content.checklists import level_checklists
from ronghe.content.loader import load_and_validate

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests/fixtures/mini/content"
ORGAN = "name: 精文减会指南\ntitle: 整治“文山会海”\nsubtitle: 某局的知识库\ntopic: “文山会海”\n"


def _organ_kb(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    (content / "guide.yml").write_text(ORGAN, encoding="utf-8")
    kb, result = load_and_validate(content)
    assert not result.errors
    return kb


def test_another_organs_pdfs_carry_its_name_and_topic(tmp_path):
    kb = _organ_kb(tmp_path)
    lc = level_checklists(kb)[0]
    docs = {"booklet": booklet_document(kb), "checklist": checklist_document(kb, lc),
            "all levels": all_levels_document(kb, level_checklists(kb))}
    for name, doc in docs.items():
        assert "两张皮" not in doc and "融合指南" not in doc, name
        assert '<meta name="author" content="精文减会指南">' in doc, name
        assert 'content: "精文减会指南' in doc, name                      # the running header
    booklet = docs["booklet"]
    assert "<title>精文减会指南：整治“文山会海”</title>" in booklet
    assert re.search(r'class="cover-title">整治“文山会海”<', booklet)
    assert "“文山会海”在机关里的具体表现" in booklet                        # the chapter's introduction


def test_running_header_text_cannot_leave_its_css_string():
    css = running_header('a"; } </style><script>x</script>\\')
    assert "</style>" not in css and "<script>" not in css
    assert css.count('"') == 2                       # only the string's own quotes
    assert css_string("融合指南 · 责任清单") == '"融合指南 · 责任清单"'
