"""Fuzz the loader: whatever an editor saves, the result is a list of Chinese
errors with file and line, never an exception."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ronghe.content.loader import load_and_validate
from ronghe.content.schema import ENTRY_TYPES

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests/fixtures/mini/content"
FIELD_NAMES = sorted({f.name for t in ENTRY_TYPES.values() for f in t.fields}) + ["tilte", "名称", ""]
DIRS = [t.directory for t in ENTRY_TYPES.values()]

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from(["zhong-yewu-qing-dangjian", "src-demo",
                                                           "dangzu-shuji", "ya-shi-zeren", "zeren"]))
values = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4),
    st.dictionaries(st.sampled_from(FIELD_NAMES), children, max_size=5)), max_leaves=20)
documents = st.dictionaries(st.sampled_from(FIELD_NAMES), values, max_size=10)
yaml_tokens = st.lists(st.sampled_from(
    ["id:", " ", "  ", "\t", "\n", "- ", ":", "'", '"', "|", ">", "&a", "*a", "!!python/object", "{", "}",
     "[", "]", "#", "---", "...", "title", "重业务", "\x00", "\ufeff", "%YAML 1.2", "? ", "!!binary"]),
    max_size=40).map("".join)


def _check(text_or_bytes, directory: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(MINI, content)
        target = content / directory / "fuzz.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text_or_bytes, bytes):
            target.write_bytes(text_or_bytes)
        else:
            target.write_text(text_or_bytes, encoding="utf-8", errors="surrogatepass")
        kb, result = load_and_validate(content, root=Path(tmp))
        for e in result.errors.sorted():
            assert e.path.startswith("content/"), e
            assert e.line >= 0
            assert e.message and any("\u4e00" <= ch <= "\u9fff" for ch in e.message), e
        if kb is None:
            assert result.errors
        formatted = result.errors.report()
        assert isinstance(formatted, str)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(documents, st.sampled_from(DIRS))
def test_structured_documents_never_crash(doc, directory):
    _check(yaml.safe_dump(doc, allow_unicode=True), directory)


@FUZZ
@given(yaml_tokens, st.sampled_from(DIRS))
def test_yaml_token_soup_never_crashes(text, directory):
    _check(text, directory)


@FUZZ
@given(st.binary(max_size=200), st.sampled_from(DIRS))
def test_arbitrary_bytes_never_crash(data, directory):
    _check(data, directory)
