"""The rooms built on org point one way: leaders/ and notify/ import org and the core, org imports neither
(what org needs of them comes through its signals, ``org/signals.py``), and the two do not import each other.

Every import statement of every module (migrations aside) is read with ast, at module level and inside
functions alike, so a cycle cannot hide behind a function-level import."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# app -> the apps of the project it may import (the core, gaoyou_portal, always)
ALLOWED = {"org": set(), "leaders": {"org"}, "notify": {"org"}}
PROJECT_APPS = {p.name for p in ROOT.iterdir() if (p / "apps.py").exists()} - {"gaoyou_portal"}


def imports_of(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_the_app_imports_only_what_the_layering_allows(app):
    files = [p for p in sorted((ROOT / app).rglob("*.py")) if "migrations" not in p.parts]
    assert len(files) >= 8
    offending = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in files
        for line, module in imports_of(path)
        if module.split(".")[0] in PROJECT_APPS - ALLOWED[app] - {app}
    ]
    assert offending == []


def test_the_checker_sees_a_function_level_import(tmp_path):
    module = tmp_path / "x.py"
    module.write_text("def f():\n    from notify.services import notice_route\n", encoding="utf-8")
    assert list(imports_of(module)) == [(2, "notify.services")]
