"""Release bundle of a built site: ``ronghe-guide-<version>.tar.gz`` and ``.zip``.

Each archive holds one folder ``ronghe-guide-<version>/`` with

- ``site/``        the built site, unchanged;
- ``SHA256SUMS``   SHA-256 of every file of the bundle (``sha256sum -c`` format);
- ``DEPLOY.txt``   the Chinese deployment guide (docs/guide/deploy.md, UTF-8 with BOM
                   so that Windows Notepad shows it correctly).

The output folder gets ``SHA256SUMS`` for the archives themselves. The version is
the content version the site was built with (``build-info.json``, the same text
as in the page footer). Archives are reproducible: same site, same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import tarfile
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from . import buildinfo

NAME = "ronghe-guide"
GUIDE = Path("docs") / "guide" / "deploy.md"   # relative to the project folder (where mkdocs.yml is)
SUMS = "SHA256SUMS"
DEPLOY = "DEPLOY.txt"


class PackageError(Exception):
    """A problem the user can fix; the message is Chinese."""


@dataclass(frozen=True)
class Bundle:
    version: str
    folder: str            # top-level folder inside the archives
    tar_gz: Path
    zip: Path
    sums: Path             # SHA256SUMS next to the archives
    files: int             # files of the site


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _site_files(site_dir: Path) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())


def _deploy_text(guide: Path, info: buildinfo.BuildInfo) -> bytes:
    if not guide.is_file():
        raise PackageError(f"找不到部署说明 {guide}，无法生成发布包。")
    head = f"融合指南 发布包 {NAME}-{info.version}\n{info.label}\n\n"
    return ("\ufeff" + head + guide.read_text(encoding="utf-8")).encode("utf-8")


def build_bundle(site_dir: Path, out_dir: Path, guide: Path = GUIDE,
                 version: Optional[str] = None) -> Bundle:
    """Write the two archives and their checksums for ``site_dir`` into ``out_dir``."""
    site_dir, out_dir = Path(site_dir), Path(out_dir)
    if not (site_dir / "index.html").is_file():
        raise PackageError(f"{site_dir} 不是已生成的站点（缺少 index.html）。请先运行 make build。")
    info = buildinfo.read(site_dir)
    if info is None:
        raise PackageError(f"{site_dir} 中缺少 {buildinfo.BUILD_INFO_FILE}（内容版本信息）。"
                           "请用 make build 重新生成站点后再打包。")
    version = version or info.version
    folder = f"{NAME}-{version}"
    # all entries get the build time, so that the same site always gives the same bytes
    mtime = datetime.strptime(info.build_time, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc)

    members: list[tuple[str, Path | bytes]] = [(f"site/{rel}", site_dir / rel) for rel in _site_files(site_dir)]
    members.append((DEPLOY, _deploy_text(guide, info)))
    sums = "".join(f"{_sha(src)}  {name}\n" for name, src in members).encode("utf-8")
    members.append((SUMS, sums))

    out_dir.mkdir(parents=True, exist_ok=True)
    tar_path = out_dir / f"{folder}.tar.gz"
    zip_path = out_dir / f"{folder}.zip"
    _write_tar(tar_path, folder, members, mtime)
    _write_zip(zip_path, folder, members, mtime)
    sums_path = _update_sums(out_dir, [tar_path, zip_path])
    return Bundle(version=version, folder=folder, tar_gz=tar_path, zip=zip_path, sums=sums_path,
                  files=len(members) - 2)


def _sha(src: Path | bytes) -> str:
    return hashlib.sha256(src).hexdigest() if isinstance(src, bytes) else sha256_file(src)


def _data(src: Path | bytes) -> bytes:
    return src if isinstance(src, bytes) else src.read_bytes()


def _dirs(names: list[str]) -> list[str]:
    dirs = set()
    for name in names:
        parts = name.split("/")[:-1]
        dirs.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
    return sorted(dirs)


def _write_tar(path: Path, folder: str, members, mtime: datetime) -> None:
    stamp = int(mtime.timestamp())

    def info(name: str, size: int = 0, is_dir: bool = False) -> tarfile.TarInfo:
        ti = tarfile.TarInfo(f"{folder}/{name}" if name else folder)
        ti.mtime, ti.uid, ti.gid, ti.uname, ti.gname = stamp, 0, 0, "", ""
        ti.type = tarfile.DIRTYPE if is_dir else tarfile.REGTYPE
        ti.mode = 0o755 if is_dir else 0o644
        ti.size = size
        return ti

    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=stamp) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
        tar.addfile(info("", is_dir=True))
        for d in _dirs([name for name, _ in members]):
            tar.addfile(info(d, is_dir=True))
        for name, src in members:
            data = _data(src)
            tar.addfile(info(name, len(data)), io.BytesIO(data))
    tmp.replace(path)


def _write_zip(path: Path, folder: str, members, mtime: datetime) -> None:
    date_time = mtime.timetuple()[:6]
    tmp = path.with_name(path.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, src in members:
            zi = zipfile.ZipInfo(f"{folder}/{name}", date_time=date_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 3        # permissions above are Unix ones
            zf.writestr(zi, _data(src))
    tmp.replace(path)


def _update_sums(out_dir: Path, archives: list[Path]) -> Path:
    """``SHA256SUMS`` of the output folder: this bundle's archives plus the entries of
    earlier bundles whose archives are still there."""
    path = out_dir / SUMS
    entries: dict[str, str] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            digest, _, name = line.partition("  ")
            if name and (out_dir / name).is_file():
                entries[name] = digest
    for archive in archives:
        entries[archive.name] = sha256_file(archive)
    path.write_text("".join(f"{d}  {n}\n" for n, d in sorted(entries.items())), encoding="utf-8")
    return path


def make_package_command(site: Path, out: Path, guide: Path = GUIDE) -> int:
    """``ronghe package``: the bundle, and what to run to check it."""
    import sys

    try:
        bundle = build_bundle(site, out, guide)
    except PackageError as err:
        print(f"打包失败：{err}", file=sys.stderr)
        return 1
    print(f"已生成发布包（版本 {bundle.version}，站点文件 {bundle.files} 个）：")
    for p in (bundle.tar_gz, bundle.zip, bundle.sums):
        print(f"  {p}")
    print(f"校验：cd {bundle.sums.parent} && sha256sum -c {SUMS}")
    return 0
