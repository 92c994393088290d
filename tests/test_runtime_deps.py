"""`make demo` installs requirements.lock only (no dev packages): every third-party module the package imports must
be in it, or a plain install fails where the tests (run with the dev lock) pass."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys

from conftest import ROOT

OPTIONAL = {"ray", "pyarrow"}  # extras, imported only behind their flags (`--executor ray`, `--format parquet`)


def _imported_modules() -> set[str]:
    out: set[str] = set()
    for path in (ROOT / "src" / "kliping").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                out.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                out.add(node.module.split(".")[0])
    return out - set(sys.stdlib_module_names) - {"kliping"}


def test_every_third_party_module_the_package_imports_is_in_the_runtime_lock() -> None:
    lock = {re.split(r"[=<>]", line)[0].strip().lower().replace("_", "-")
            for line in (ROOT / "requirements.lock").read_text().splitlines() if line and line[0].isalnum()}
    dists = importlib.metadata.packages_distributions()
    missing = {}
    for module in sorted(_imported_modules() - OPTIONAL):
        names = {d.lower().replace("_", "-") for d in dists.get(module, [module])}
        if not names & lock:
            missing[module] = sorted(names)
    assert not missing, f"imported by src/kliping but not in requirements.lock: {missing}"
