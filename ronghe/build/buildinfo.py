"""What a built site was made from: content version (git commit) and build time.

Shown in every page footer, written to ``build-info.json`` in the site and used to
name release bundles, so readers and auditors can tell which version they read.
Without git (or outside a repository) only the build date is known.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

BUILD_INFO_FILE = "build-info.json"


@dataclass(frozen=True)
class BuildInfo:
    build_time: str                  # UTC, "2026-11-24 05:40"
    commit: Optional[str] = None     # short hash of HEAD of the repository holding the content
    commit_date: Optional[str] = None  # committer date of that commit, "2026-11-24"
    modified: bool = False           # content has changes not yet committed

    @property
    def build_date(self) -> str:
        return self.build_time[:10]

    @property
    def version(self) -> str:
        """File-name-safe version: ``20261124-a1b2c3d`` (``-modified`` when uncommitted),
        or the build date and time ``20261124-0540`` without git."""
        if self.commit:
            date = (self.commit_date or self.build_date).replace("-", "")
            return f"{date}-{self.commit}" + ("-modified" if self.modified else "")
        return self.build_time.replace("-", "").replace(":", "").replace(" ", "-")

    @property
    def label(self) -> str:
        """The Chinese footer text; it starts with the version exactly as in the bundle
        name, so an administrator can compare the two (deploy guide, 部署后检查)."""
        text = f"内容版本 {self.version}"
        if self.commit:
            text += f"（{self.commit_date} 提交" + ("，含未提交的修改）" if self.modified else "）")
        return f"{text} · 生成于 {self.build_time} UTC"

    def as_dict(self) -> dict:
        return dict(asdict(self), version=self.version, label=self.label)


def _git(cwd: Path, *args: str) -> Optional[str]:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout.strip() if proc.returncode == 0 else None


def collect(content_dir: Path, now: Optional[datetime] = None) -> BuildInfo:
    """Build information for a build of ``content_dir`` happening ``now``."""
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    build_time = now.strftime("%Y-%m-%d %H:%M")
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        return BuildInfo(build_time=build_time)
    head = _git(content_dir, "log", "-1", "--format=%h %cs")
    if not head:
        return BuildInfo(build_time=build_time)
    commit, commit_date = head.split(" ", 1)
    status = _git(content_dir, "status", "--porcelain", "--", ".")
    return BuildInfo(build_time=build_time, commit=commit, commit_date=commit_date,
                     modified=bool(status))


def write(info: BuildInfo, site_dir: Path) -> Path:
    path = Path(site_dir) / BUILD_INFO_FILE
    path.write_text(json.dumps(info.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def read(site_dir: Path) -> Optional[BuildInfo]:
    """The build information a site was built with, or None for a site without it."""
    path = Path(site_dir) / BUILD_INFO_FILE
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return BuildInfo(build_time=data["build_time"], commit=data.get("commit"),
                     commit_date=data.get("commit_date"), modified=bool(data.get("modified")))


def write_build_info(kb, site_dir: Path, context) -> None:
    """Post-build step: ``build-info.json`` with what the footer shows (same values)."""
    data = (context.extra or {}).get("build_info")
    info = (BuildInfo(build_time=data["build_time"], commit=data.get("commit"),
                      commit_date=data.get("commit_date"), modified=bool(data.get("modified")))
            if data else collect(context.content_dir))
    write(info, site_dir)
