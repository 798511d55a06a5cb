"""Content errors: where (file, line, field), what is wrong and how to fix it.

Every message a user sees is Simplified Chinese. Errors are collected, never
raised one at a time, so an editor sees all problems of a run at once.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    path: str          # path as shown to the user (relative to the project root when possible)
    line: int          # 1-based; 0 when the whole file is concerned
    field: str         # dotted field path such as "measures[0].levels[1]"; "" for the whole file
    message: str       # what is wrong
    hint: str = ""     # how to fix it

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field_part = f"字段“{self.field}”：" if self.field else ""
        text = f"{where}：{field_part}{self.message}"
        if self.hint:
            text += f"\n    修改建议：{self.hint}"
        return text


@dataclass
class ErrorCollector:
    """Accumulates errors for one run; shared by the loader and the validators."""

    root: Path | None = None
    errors: list[ContentError] = field(default_factory=list)
    # what an editor should look at but that does not stop a build (shown by check and build)
    warnings: list[ContentError] = field(default_factory=list)

    # path as given -> path as shown: a build names the same file in many messages (a knowledge base of
    # thousands of entries whose 常见说法 repeat gets tens of thousands of warnings at every rebuild)
    _shown: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def display_path(self, path: Path | str) -> str:
        key = os.fspath(path)
        shown = self._shown.get(key)
        if shown is None:
            shown = self._shown[key] = self._display_path(Path(path))
        return shown

    def _display_path(self, p: Path) -> str:
        if self.root is not None:
            # the path as written first: a symbolic link is named as the link, not its target; the real
            # paths (which ask the file system) only when the path as written is outside the root
            try:
                return Path(os.path.abspath(p)).relative_to(self._root_as_written).as_posix()
            except ValueError:
                pass
            try:
                return p.resolve().relative_to(self._root_resolved).as_posix()
            except ValueError:
                pass
        return p.as_posix()

    @functools.cached_property
    def _root_as_written(self) -> Path:
        return Path(os.path.abspath(self.root))

    @functools.cached_property
    def _root_resolved(self) -> Path:
        return self.root.resolve()

    def add(self, path: Path | str, line: int, field: str, message: str, hint: str = "") -> None:
        self.errors.append(ContentError(self.display_path(path), line, field, message, hint))

    def warn(self, path: Path | str, line: int, field: str, message: str, hint: str = "") -> None:
        self.warnings.append(ContentError(self.display_path(path), line, field, message, hint))

    def warnings_report(self) -> str:
        return "\n".join("提醒：" + w.format() for w in sorted(set(self.warnings)))

    def __bool__(self) -> bool:  # truthy when there are errors
        return bool(self.errors)

    def __len__(self) -> int:
        return len(self.errors)

    def sorted(self) -> list[ContentError]:
        return sorted(set(self.errors))

    def report(self) -> str:
        errs = self.sorted()
        lines = [e.format() for e in errs]
        files = len({e.path for e in errs})
        lines.append(f"共发现 {len(errs)} 处错误，涉及 {files} 个文件。")
        return "\n".join(lines)


class ContentInvalid(Exception):
    """Raised by adapters (build, hooks) when content does not pass validation."""

    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__(self.report())

    def report(self) -> str:
        lines = ["内容校验未通过，站点未生成（原有站点保持不变）："]
        lines += [e.format() for e in self.errors]
        lines.append(f"共发现 {len(self.errors)} 处错误，涉及 {len({e.path for e in self.errors})} 个文件。")
        return "\n".join(lines)
