"""The fast (libyaml) and the pure-Python parse give the same values, lines and errors."""

from pathlib import Path

import pytest

from ronghe.yamlsource import _parse_yaml_python, parse_yaml

ROOT = Path(__file__).resolve().parent.parent

SNIPPETS = [
    "id: a\ntitle: 标题\ntags: [一, 二]\n",
    "id: a\nid: b\n",                       # duplicate key
    "id: a\n\ttitle: x\n",                  # tab
    "id: a\ntitle: \"x\n",                  # open quote
    "id: a\ntitle: x: y\n",                 # stray colon
    "id: a\ntitle: x\x07\n",                # control character
    "- a\n- b: [\n",                        # unexpected end
    "citations:\n  - source: s\n    passage: |\n      一段\n      两行\n",
    "1: x\n",                               # key not text
    "# only a comment\n",
]


def _shape(parsed):
    return parsed.value, parsed.lines, [(p.line, p.field, p.message, p.hint) for p in parsed.problems]


@pytest.mark.parametrize("text", SNIPPETS)
def test_fast_parse_matches_python_parse(text):
    assert _shape(parse_yaml(text)) == _shape(_parse_yaml_python(text))


def test_fast_parse_matches_on_fixture_content():
    files = sorted((ROOT / "tests/fixtures").rglob("*.yml")) + sorted((ROOT / "content").rglob("*.yml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert _shape(parse_yaml(text)) == _shape(_parse_yaml_python(text)), path
