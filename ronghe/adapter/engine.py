"""The site engine: MkDocs 1.6, or ProperDocs (its maintained fork, a drop-in replacement).

ProperDocs answers every ``mkdocs.*`` import once ``properdocs.replacement`` is
imported, so the plugin and Material run on it unchanged. Choose the engine before
anything imports MkDocs: ``load(name)`` imports it.
"""

from __future__ import annotations

import importlib.util
import os
import warnings
from dataclasses import dataclass
from typing import Callable, Optional

ENGINES = ("mkdocs", "properdocs")


@dataclass(frozen=True)
class Engine:
    name: str
    version: str
    load_config: Callable
    build: Callable
    serve: Callable
    Abort: type


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def available() -> list[str]:
    return [name for name in ENGINES if _installed(name)]


def load(name: Optional[str] = None) -> Engine:
    """``name``: "mkdocs", "properdocs", or None (the environment's RONGHE_ENGINE, else MkDocs
    when installed, else ProperDocs)."""
    name = name or os.environ.get("RONGHE_ENGINE") or next(iter(available()), "mkdocs")
    if name not in ENGINES:
        raise ValueError(f"未知的站点引擎“{name}”，可选：{'、'.join(ENGINES)}。")
    if not _installed(name):
        raise ValueError(f"没有安装站点引擎 {name}（pip install {name}）。")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")   # Material's notice about MkDocs 2.0
    # jieba 0.42 (imported by Material's search plugin and ours) imports setuptools' deprecated pkg_resources
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
    if name == "properdocs":
        import properdocs.replacement  # noqa: F401  (mkdocs.* imports now give properdocs.*)
        import properdocs as package
    else:
        import mkdocs as package
    from mkdocs.commands.build import build
    from mkdocs.commands.serve import serve
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    return Engine(name, package.__version__, load_config, build, serve, Abort)
