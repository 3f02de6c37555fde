"""The core (``gaoyou_portal``) imports no domain app: apps plug into it through the registry.

Every ``import`` / ``from ... import`` statement of every module under gaoyou_portal/ is read with ast,
at module level and inside functions and classes alike, so a circle cannot hide behind a
function-level import.
"""

import ast
from pathlib import Path

from django.conf import settings

CORE = Path(settings.BASE_DIR) / "gaoyou_portal"
DOMAIN_APPS = {"org", "leaders", "notify", "projects", "livelihood", "safety", "cadres", "targets", "reporting"}


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def test_domain_apps_are_the_installed_ones():
    """The list below stays in step with the settings (a new app must be added to it)."""
    installed = {app.split(".")[0] for app in settings.INSTALLED_APPS}
    assert DOMAIN_APPS <= installed
    local = {p.name for p in Path(settings.BASE_DIR).iterdir() if (p / "apps.py").exists()} - {"gaoyou_portal"}
    assert local == DOMAIN_APPS


def test_the_core_imports_no_domain_app():
    files = sorted(CORE.rglob("*.py"))
    assert len(files) > 30
    offending = [
        f"{path.relative_to(settings.BASE_DIR)}:{line} imports {module}"
        for path in files
        for line, module in imported_modules(path)
        if module.split(".")[0] in DOMAIN_APPS
    ]
    assert offending == []


def test_the_check_sees_function_level_imports(tmp_path):
    """The reader finds an import hidden inside a method (the way the old circle hid)."""
    sample = tmp_path / "sample.py"
    sample.write_text("class A:\n    def f(self):\n"
                      "        from org.models import Unit\n        import projects.lights\n")
    assert [m for _line, m in imported_modules(sample)] == ["org.models", "projects.lights"]
