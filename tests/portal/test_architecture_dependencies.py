"""Declared dependencies only: no module loads another app's model by name (``apps.get_model``).

A model of another app is reached by importing it (an import the layering tests see) or through what its
app registers (``gaoyou_portal.registry``, a hook the consumer declares such as ``cadres/hooks.py``), never by
a string no import scan sees. Every ``.py`` of the project outside migrations/ and tests/ is read with ast;
a ``get_model(...)`` call must name a model of its own app by a literal (a computed name cannot be checked,
so it fails too).
"""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

BASE = Path(settings.BASE_DIR)
SKIPPED = {"migrations", "tests", ".venv", "node_modules", "static", "bench"}


def project_files():
    for path in sorted(BASE.rglob("*.py")):
        parts = set(path.relative_to(BASE).parts[:-1])
        if not parts & SKIPPED and not any(p.startswith(".") for p in parts):
            yield path


def app_label_of(path):
    """The label of the installed app whose folder holds ``path`` (the deepest one), or None."""
    owners = [config for config in apps.get_app_configs() if Path(config.path) in path.parents]
    return max(owners, key=lambda c: len(Path(c.path).parts)).label if owners else None


def get_model_calls(source, filename="<source>"):
    """``(line, app_label or None)`` of each ``get_model(...)`` call (None: the label is not a literal)."""
    for node in ast.walk(ast.parse(source, filename=filename)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name != "get_model":
            continue
        first = node.args[0] if node.args else None
        label = first.value.split(".")[0] if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
        yield node.lineno, label


def offences():
    found = []
    for path in project_files():
        own = app_label_of(path)
        for line, label in get_model_calls(path.read_text(encoding="utf-8"), str(path)):
            if label is None or label != own:
                found.append(f"{path.relative_to(BASE)}:{line} get_model of {label or 'a computed name'} "
                             f"(in app {own})")
    return found


def test_no_app_loads_another_apps_model_by_name():
    files = list(project_files())
    assert len(files) > 200  # the walk reaches every app
    assert {app_label_of(p) for p in files} >= {"org", "projects", "sprint", "cadres", "safety", "targets",
                                                "livelihood", "gaoyou_portal"}
    assert offences() == []


def test_the_check_finds_a_load_by_name_however_it_is_written():
    sample = (
        "from django.apps import apps\n"
        "def f(name):\n"
        "    a = apps.get_model('org', 'Unit')\n"
        "    b = apps.get_model('sprint.SprintScore')\n"
        "    c = apps.get_model(name)\n"
        "    from django.apps import apps as registry\n"
        "    return registry.get_model(app_label='x')\n"
    )
    assert list(get_model_calls(sample)) == [(3, "org"), (4, "sprint"), (5, None), (7, None)]


def test_a_file_belongs_to_its_deepest_app():
    assert app_label_of(BASE / "projects" / "sprint" / "for_cadres.py") == "sprint"
    assert app_label_of(BASE / "projects" / "selectors.py") == "projects"
    assert app_label_of(BASE / "gaoyou_portal" / "imports" / "parsers.py") == "gaoyou_portal"


# --- every dependency is used -----------------------------------------------------------------------------------
# Runtime dependencies no module imports by name, each with why it stays.
USED_WITHOUT_IMPORT = {
    "gunicorn": "the application server (Dockerfile, Makefile)",
    "psycopg": "Django's PostgreSQL backend (settings: DATABASES)",
    "defusedxml": "openpyxl parses with it when it is installed (no XML entity expansion)",
    "docxcompose": "docxtpl's sub-documents (the tables of exported Word documents)",
    "crispy-bootstrap5": "the forms' template pack (CRISPY_TEMPLATE_PACK)",
}


def _requirement_names():
    import re
    import tomllib

    project = tomllib.loads((BASE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [re.match(r"[A-Za-z0-9_.\-]+", req).group(0) for req in project["dependencies"]]


def _modules_of(distribution):
    """The top-level modules a distribution installs (its own name, normalised, when it is not installed)."""
    from importlib.metadata import packages_distributions

    wanted = distribution.lower().replace("-", "_")
    found = {module for module, dists in packages_distributions().items()
             if any(d.lower().replace("-", "_") == wanted for d in dists)}
    return found or {wanted}


def _used_modules():
    """Top-level modules the project imports (outside tests) or names in a setting ("django_htmx.middleware...");
    being in INSTALLED_APPS alone is no use (an installed app nothing calls is the case this test is for)."""
    used = set()
    for path in project_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        installed = {id(const) for node in ast.walk(tree) if isinstance(node, ast.Assign)
                     and any(getattr(t, "id", None) == "INSTALLED_APPS" for t in node.targets)
                     for const in ast.walk(node.value)}
        for node in ast.walk(tree):
            if id(node) in installed:
                continue
            if isinstance(node, ast.Import):
                used |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                used.add(node.module.split(".")[0])
            elif path.name.startswith("settings") and isinstance(node, ast.Constant) and isinstance(node.value, str):
                used.add(node.value.split(".")[0])
    return used


def test_every_dependency_is_used():
    used = _used_modules()
    unused = [name for name in _requirement_names()
              if name.lower() not in USED_WITHOUT_IMPORT and not _modules_of(name) & used]
    assert unused == []
    assert "django-import-export" not in [n.lower() for n in _requirement_names()]
