"""Helpers the tests share: the demo plugin as a registry, and as an installed distribution.

``install_dist`` writes a ``*.dist-info`` folder with an ``entry_points.txt``
next to a copy of the plugin, exactly what pip leaves in site-packages, so
importlib.metadata finds the ``fiscalint`` entry point once the folder is on
``sys.path`` (or ``PYTHONPATH`` for a subprocess).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from fiscalint.plugins import Registry, build_registry

PACKAGE_DIR = Path(__file__).resolve().parent


def demo_registry() -> Registry:
    """Built-in rules plus the demo plugin, registered as an in-process plugin."""
    import demo_plugin

    return build_registry((demo_plugin,))


def install_dist(
    site: Path,
    dist: str = "demo_plugin",
    version: str = "0.1",
    entry_points: str = "demo = demo_plugin",
    copy_package: bool = True,
) -> Path:
    """Make ``site`` look like a site-packages folder holding the plugin distribution."""
    site.mkdir(parents=True, exist_ok=True)
    if copy_package and not (site / "demo_plugin").exists():
        shutil.copytree(PACKAGE_DIR, site / "demo_plugin", ignore=shutil.ignore_patterns("__pycache__"))
    info = site / f"{dist}-{version}.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[fiscalint]\n{entry_points}\n", encoding="utf-8")
    return info


SCHEMA_PATH = PACKAGE_DIR.parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"


def validate_sarif(log: dict) -> None:
    """Validate a SARIF log against the official 2.1.0 schema (draft-04), read from ../shared.

    The schema is not vendored; where ../shared/schemas is absent (a user's
    clone) the calling test is skipped with the reason.
    """
    import json

    import jsonschema
    import pytest

    if not SCHEMA_PATH.is_file():
        pytest.skip(f"SARIF schema not found at {SCHEMA_PATH}; schema tests need ../shared/schemas")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
