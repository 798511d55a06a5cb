"""Ingest raw reports: ``scripts/ingest.py FILE... --out DIR`` (see ronghe/ingest/command.py)."""
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ronghe.ingest.command import main  # noqa: E402
raise SystemExit(main())
