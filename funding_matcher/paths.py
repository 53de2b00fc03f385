"""Where the project's folders are: the repository root holds programs/, templates/, instance/."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PROJECT_ROOT / "templates"
MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
STATIC_DIR = Path(__file__).resolve().parent / "static"


def catalogue_dir() -> Path:
    """The programme catalogue folder; FUNDING_MATCHER_CATALOGUE_DIR overrides it."""
    return Path(os.environ.get("FUNDING_MATCHER_CATALOGUE_DIR", PROJECT_ROOT / "programs"))


def instance_dir() -> Path:
    """The folder for local state; FUNDING_MATCHER_INSTANCE overrides it."""
    return Path(os.environ.get("FUNDING_MATCHER_INSTANCE", PROJECT_ROOT / "instance")).resolve()
