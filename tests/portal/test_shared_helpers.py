"""The pieces written once in the core and used by several apps: the read-only admin, the public cache's signal
wiring, the open-data JSON file and the check of keys repeated within an imported file. Each is tested here,
and a test fails if an app writes its own copy again."""

import ast
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group

from gaoyou_portal.admin import ReadOnlyMixin
from gaoyou_portal.imports.spec import ImportSpec, RowContext
from gaoyou_portal.opendata import json_file
from gaoyou_portal.public_cache import PublicCache
from gaoyou_portal.spreadsheets import RowErrors

BASE = Path(settings.BASE_DIR)


def _definitions(name):
    """Where a class or function called ``name`` is defined in the project (outside tests and migrations)."""
    found = []
    for path in BASE.rglob("*.py"):
        parts = set(path.relative_to(BASE).parts)
        if parts & {".venv", "tests", "migrations", "node_modules"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef | ast.FunctionDef) and node.name == name:
                found.append(str(path.relative_to(BASE)))
    return found


def test_each_shared_piece_is_written_once():
    assert _definitions("ReadOnlyMixin") == ["gaoyou_portal/admin.py"]
    assert _definitions("json_file") == ["gaoyou_portal/opendata/__init__.py"]
    offenders = []
    for app in ("projects", "targets", "livelihood"):
        source = (BASE / app / "cache.py").read_text(encoding="utf-8")
        if "post_save" in source or "post_delete" in source:
            offenders.append(app)
    assert offenders == []  # every public cache is wired by PublicCache.watch


@pytest.mark.django_db
def test_the_read_only_admins_refuse_every_write(rf, django_user_model):
    superuser = django_user_model.objects.create_superuser("root-helpers", "r@example.com", "x")
    request = rf.get("/")
    request.user = superuser
    read_only = [model_admin for model_admin in admin.site._registry.values() if isinstance(model_admin, ReadOnlyMixin)]
    assert {type(m).__module__ for m in read_only} >= {"targets.admin", "livelihood.admin"}
    for model_admin in read_only:
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)
        assert model_admin.has_view_permission(request)


@pytest.mark.django_db(transaction=True)
def test_a_watched_model_saved_deleted_or_relinked_bumps_the_generation(django_user_model):
    cache = PublicCache("helpers-test")
    cache.watch(Group, m2m=[django_user_model.groups.through])
    start = cache.generation()
    group = Group.objects.create(name="helpers-test")
    saved = cache.generation()
    assert saved > start
    user = django_user_model.objects.create_user("helpers-test")
    user.groups.add(group)
    linked = cache.generation()
    assert linked > saved
    group.delete()
    assert cache.generation() > linked
    before = cache.generation()
    django_user_model.objects.create_user("helpers-unwatched")  # not watched: nothing changes
    assert cache.generation() == before


def test_the_open_data_json_file():
    response = json_file({"名称": "高邮", "amount": Decimal("1.50"), "day": dt.date(2026, 12, 7)}, "x.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="x.json"'
    body = response.content.decode()
    assert "高邮" in body and "\\u" not in body
    assert json.loads(body) == {"名称": "高邮", "amount": "1.50", "day": "2026-12-07"}
    assert "\n" not in json_file({"a": 1}, "y.json", indent=None).content.decode()


def test_a_key_repeated_in_a_file_names_the_earlier_row():
    spec = ImportSpec(user=None)
    errors = RowErrors()

    def row(number):
        return RowContext(spec, number, errors)

    first, second, third, empty = row(2), row(3), row(4), row(5)
    assert spec.refuse_repeated_code("A-1", first) and not first.failed
    assert not spec.refuse_repeated_code("A-1", third) and third.failed
    assert spec.seen_before(("A-2", "2026-11"), second) is None
    assert spec.seen_before(("A-2", "2026-11"), row(6)) == 3
    assert spec.seen_before("", empty) is None and spec.seen_before("", row(7)) is None  # empty keys never repeat
    assert [(e.row, e.column, e.message) for e in errors.items] == [(4, "code", "编号 A-1 重复（第 2 行也有）")]
