"""The published JSON Schemas: current, and they accept good files and reject bad ones
the way VS Code's YAML extension will (red underlines, completion)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from ronghe.content.schema import ENTRY_TYPES, TYPE_BY_DIRECTORY, json_schema

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "docs/schemas"


class Yaml12Loader(yaml.SafeLoader):
    """Like the VS Code YAML extension (YAML 1.2): dates stay strings."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def validator(name: str) -> jsonschema.Draft7Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.mark.parametrize("name", list(ENTRY_TYPES) + ["categories", "synonyms"])
def test_committed_schema_is_current(name):
    committed = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(name), "docs/schemas 已过期：请运行 make schema"


def _content_files():
    for content in (ROOT / "content", ROOT / "tests/fixtures/mini/content"):
        for directory, etype in TYPE_BY_DIRECTORY.items():
            for path in sorted((content / directory).rglob("*.yml")):
                if not path.name.startswith("_"):
                    yield etype.name, path


@pytest.mark.parametrize("type_name,path", list(_content_files()),
                         ids=lambda v: v.name if isinstance(v, Path) else v)
def test_every_content_file_passes_its_schema(type_name, path):
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    errors = [e.message for e in validator(type_name).iter_errors(data)]
    assert not errors, f"{path}: {errors}"


def test_schema_flags_what_an_editor_gets_wrong():
    v = validator("countermeasure")
    bad = {"id": "Bad ID", "tilte": "x", "summary": "", "category": "zeren",
           "measures": [{"text": "做某事"}]}
    messages = " | ".join(e.message for e in v.iter_errors(bad))
    assert "'title' is a required property" in messages
    assert "'tilte' was unexpected" in messages
    assert "does not match" in messages            # id pattern
    assert "'levels' is a required property" in messages
    # descriptions in Chinese feed VS Code's hover and completion
    schema = json.loads((SCHEMAS / "countermeasure.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["measures"]["items"]["properties"]["levels"]["description"].startswith("责任层级")


def test_vscode_settings_map_every_content_folder_to_its_schema():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for name, etype in ENTRY_TYPES.items():
        globs = mapping[f"./docs/schemas/{name}.schema.json"]
        assert f"content/{etype.directory}/**/*.yml" in globs
        assert (ROOT / "docs/schemas" / f"{name}.schema.json").is_file()


def test_schema_command_writes_files(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "ronghe", "schema", "--out", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{n}.schema.json" for n in list(ENTRY_TYPES) + ["categories", "synonyms", "guide"])


def test_schema_asks_a_draft_only_for_what_identifies_it():
    """VS Code must not mark a draft's missing fields (make check does not either)."""
    v = validator("countermeasure")
    draft = {"id": "cao-gao", "title": "草稿对策", "draft": True}
    assert list(v.iter_errors(draft)) == []
    published = {"id": "cao-gao", "title": "草稿对策"}
    missing = {e.message for e in v.iter_errors(published)}
    assert {"'summary' is a required property", "'measures' is a required property",
            "'citations' is a required property"} <= missing
    assert [e.message for e in v.iter_errors({"title": "无编号", "draft": True})] == ["'id' is a required property"]
