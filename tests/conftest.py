"""Shared test helpers: fixtures are pages written for the project (never copied from ../shared/data)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kliping", *args], capture_output=True, input=stdin, cwd=ROOT,
                          timeout=300)


@pytest.fixture
def page_text() -> str:
    return (FIXTURES / "warta_banjir.txt").read_text(encoding="utf-8")


def load_report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))
