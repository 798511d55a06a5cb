"""Hypothesis fuzz over hostile YAML: values YAML converts (dates, numbers, !!tags), escapes
that make surrogates and control characters, anchors and aliases, deep nesting, in every
field of a real entry. Whatever is saved: no exception, every error Chinese with its
line, and what passes ``check`` can be written as UTF-8 (so it builds). A few examples
also go through the real ``ronghe check`` and ``ronghe build``."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile.cases import MINI, PROBLEM, run
from ronghe.content.loader import load_and_validate

FIELDS = ["title", "summary", "tags", "body", "order", "date", "see_also", "citations", "x"]

dates = st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 9999), st.integers(0, 99),
                  st.integers(0, 99))
escapes = st.builds(lambda text, code, kind: '"' + text + (f"\\u{code:04x}" if kind else f"\\x{code % 256:02x}") + '"',
                    st.text(alphabet="党建业务融合 ab", max_size=5), st.integers(0, 0xFFFF), st.booleans())
tagged = st.builds(lambda tag, v: f"!!{tag} {v}", st.sampled_from(
    ["int", "float", "bool", "timestamp", "binary", "str", "null", "set", "omap", "python/name:os.system",
     "python/object/apply:os.system"]), st.sampled_from(["abc", "12", "2020-13-45", "[a]", "{a: 1}", "'x'", "~"]))
numbers = st.one_of(st.integers(1, 6000).map(lambda n: "9" * n), st.sampled_from(
    ["1e999", "1.0e+999", "-.inf", ".nan", "0x" + "f" * 50, "0o777", "1_000", "+12", "0b101", "190:20:30"]))
nested = st.integers(1, 120).flatmap(lambda n: st.sampled_from(["[" * n + "]" * n, "{a: " * n + "1" + "}" * n]))
aliases = st.integers(1, 12).map(
    lambda n: "&a [x, x]\nz:\n" + "".join(f"  - &a{i} [*a{i - 1 if i else ''}, *a{i - 1 if i else ''}]\n"
                                          .replace("*a-1", "*a").replace("*a ", "*a") for i in range(n)))
plain = st.text(max_size=20).map(lambda t: t.replace("\n", " "))
values = st.one_of(dates, escapes, tagged, numbers, nested, aliases, plain)


def _load(field: str, value: str):
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(MINI, content)
        path = content / PROBLEM
        path.write_text(path.read_text(encoding="utf-8") + f"{field}: {value}\n", encoding="utf-8",
                        errors="surrogatepass")
        kb, result = load_and_validate(content, root=Path(tmp))
        return kb, result.errors.sorted()


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIELDS), values)
def test_hostile_values_give_chinese_errors_at_their_line(field, value):
    kb, errors = _load(field, value)
    for e in errors:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in e.message), e
        if e.path.endswith(PROBLEM):
            assert e.line >= 1, e
    if kb is not None:
        for entry in kb.entries.values() if isinstance(kb.entries, dict) else kb.entries:
            for text in _strings(vars(entry)):
                text.encode("utf-8")     # what check passes, the build can write


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.sampled_from(FIELDS), values)
def test_check_and_build_agree_and_never_show_a_traceback(tmp_path_factory, field, value):
    base = tmp_path_factory.mktemp("fuzz")
    content = base / "content"
    shutil.copytree(MINI, content)
    path = content / PROBLEM
    path.write_text(path.read_text(encoding="utf-8") + f"{field}: {value}\n", encoding="utf-8",
                    errors="surrogatepass")
    check = run("check", content, base / "site")
    build = run("build", content, base / "site")
    for proc in (check, build):
        assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr[-3000:]
        assert proc.returncode in (0, 1), proc.stderr[-3000:]
    assert check.returncode == build.returncode, (check.stderr[-2000:], build.stderr[-2000:])
    shutil.rmtree(base)
