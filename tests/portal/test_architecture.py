"""The rules of docs/development.md, one test each, read from the code with ``ast`` (and, for the pages, from the
URL map itself), so a rule is kept by a failing test rather than by a grep someone remembers to run.

- the rooms (apps) import each other only as the layering below allows (``LAYERS``, and the few crossings
  ``CROSSINGS`` declares with their reason); docs/development.md lists the same rooms with the same imports;
- nothing sends to the broker but the outbox (``gaoyou_portal.jobs``);
- an error's messages are read only by the one mapping (``gaoyou_portal.errors`` and the pieces that show them);
- no Python file is over 400 lines but the settings and migrations;
- every page that changes data is a ``ServiceFormView`` or a ``ServiceActionView`` (or one of ``EXCEPTIONS``).
"""

import ast
import inspect
import re
import textwrap
from pathlib import Path

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from gaoyou_portal.views import PostToViewMixin, ServiceActionView, ServiceFormView

BASE = Path(settings.BASE_DIR)
CORE = "gaoyou_portal"
DOMAIN_BASE = (CORE, "org", "leaders", "notify")

# The layering, as data: each room (a top-level package holding a Django app) and the rooms it may import.
# The core imports no app (they plug in through gaoyou_portal.registry); org (units, memberships, notices)
# only the core; leaders and notify org and the core, never the reverse;
# the domain apps org, leaders, notify and the core.
LAYERS = {
    CORE: (),
    "org": (CORE,),
    "leaders": (CORE, "org"),
    "notify": (CORE, "org"),
    "projects": DOMAIN_BASE,
    "livelihood": DOMAIN_BASE,
    "safety": DOMAIN_BASE,
    "cadres": DOMAIN_BASE,
    "targets": DOMAIN_BASE,
    "reporting": DOMAIN_BASE,
}
# Imports between domain rooms the layering does not give, each with its reason. A crossing no longer used
# must be struck off (test_every_declared_crossing_is_used), so the list only shrinks.
CROSSINGS = {
    ("livelihood", "projects"): "the public's corrections (livelihood.corrections) are of tasks and of projects",
    ("livelihood", "reporting"): "a correction's answer is due in working days (reporting.workdays)",
    ("projects", "livelihood"): "a public project page shows the answers to the public's corrections",
    ("projects", "cadres"): "the sprint race provides the reads cadres declares (cadres.hooks: award bar, "
                            "consequences and their signal)",
}

# The only modules that may hand a task to the broker: the outbox sends a job's id after the commit.
OUTBOX = {"gaoyou_portal/jobs.py", "gaoyou_portal/tasks.py"}
BROKER_CALLS = {"apply_async", "delay", "send_task"}

# The one mapping of a refusal to what is shown or kept: these modules read an error's messages.
ERROR_MAPPING = {
    "gaoyou_portal/errors.py": "by_field, messages_of, error_text, on_field: the mapping itself",
    "gaoyou_portal/forms.py": "show_domain_error: a refusal on a form or as messages",
    "gaoyou_portal/api/exceptions.py": "a refusal as the API's 400",
    "gaoyou_portal/imports/engine.py": "a refusal as a sheet's row errors",
}
ERROR_ATTRIBUTES = {"messages", "message_dict", "error_dict", "error_list"}

MAX_LINES = 400

# Pages that change data without the core bases, each with its reason (docs/development.md lists them).
EXCEPTIONS = {
    "livelihood.follow_views.follow": "public, no session: asks to follow a task by e-mail, rate-limited",
    "livelihood.follow_views.cancel": "public, no session: the mail programs' one-click unsubscribe (RFC 8058)",
    "livelihood.correction_views.task_correction": "public form with a challenge and a rate limit (htmx)",
    "livelihood.correction_views.project_correction": "public form with a challenge and a rate limit (htmx)",
    "notify.sandbox_views.SandboxView": "the sandbox robots' webhook: a robot posts JSON, without a session",
}


def rooms():
    """Every top-level package of the project that holds a Django app (or is the core)."""
    return sorted(p.name for p in BASE.iterdir() if (p / "apps.py").exists())


def python_files(*roots, skip_migrations=True):
    for root in roots or [BASE]:
        for path in sorted((BASE / root).rglob("*.py") if root != BASE else BASE.rglob("*.py")):
            rel = path.relative_to(BASE)
            if rel.parts[0] in {".venv", "node_modules"} or (skip_migrations and "migrations" in rel.parts):
                continue
            yield rel, path


def parse(path):
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imported_rooms(path, own):
    """(line, room) for every import of another room, at module level or inside a function."""
    for node in ast.walk(parse(path)):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            room = name.split(".")[0]
            if room in LAYERS and room != own:
                yield node.lineno, room


# --- (a) the layering --------------------------------------------------------------------------------------
def test_the_layering_names_every_room_and_the_installed_apps():
    local = set(rooms())
    assert local <= set(LAYERS), f"a new room must be placed in LAYERS: {sorted(local - set(LAYERS))}"
    assert set(LAYERS) == local, f"a room in LAYERS that does not exist: {sorted(set(LAYERS) - local)}"
    installed = {app.split(".")[0] for app in settings.INSTALLED_APPS}
    assert local <= installed | {CORE}
    for room, allowed in LAYERS.items():
        assert room not in allowed
        for other in allowed:  # nothing below imports what is above it
            assert room not in LAYERS[other], f"{room} and {other} may import each other"


def test_rooms_import_only_what_the_layering_allows():
    offending = []
    for room in rooms():
        for rel, path in python_files(room):
            for line, other in imported_rooms(path, room):
                if other not in LAYERS[room] and (room, other) not in CROSSINGS:
                    offending.append(f"{rel}:{line} imports {other}")
    assert offending == []


def test_every_declared_crossing_is_used():
    used = {(room, other) for room in rooms() for _rel, path in python_files(room)
            for _line, other in imported_rooms(path, room)}
    assert set(CROSSINGS) <= used, f"struck off, no longer imported: {sorted(set(CROSSINGS) - used)}"


def test_the_import_reader_sees_function_level_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nclass A:\n    def f(self):\n        from safety.models import ChemicalFirm\n"
                      "        import targets.services\n        from . import models\n")
    assert list(imported_rooms(sample, "org")) == [(4, "safety"), (5, "targets")]


# --- (b) the outbox ----------------------------------------------------------------------------------------
def broker_sends(path):
    for node in ast.walk(parse(path)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in BROKER_CALLS:
            yield node.lineno, node.func.attr


def test_nothing_is_sent_to_the_broker_but_through_the_outbox():
    offending = [f"{rel}:{line} calls {call}()" for rel, path in python_files(*rooms())
                 for line, call in broker_sends(path) if str(rel) not in OUTBOX]
    assert offending == [], "queue with gaoyou_portal.tasks.enqueue (the outbox), never straight to the broker"


def test_the_outbox_check_finds_a_send(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from django.db import transaction\n"
                      "transaction.on_commit(lambda: deliver.apply_async(args=[1]))\nmail.delay(2)\n")
    assert sorted(broker_sends(sample)) == [(2, "apply_async"), (3, "delay")]


# --- (c) the one error mapping -----------------------------------------------------------------------------
def error_reads(path):
    for node in ast.walk(parse(path)):
        if isinstance(node, ast.Attribute) and node.attr in ERROR_ATTRIBUTES and isinstance(node.ctx, ast.Load):
            yield node.lineno, ast.unparse(node)


def test_error_texts_only_through_the_one_mapping():
    offending = [f"{rel}:{line} reads {text}" for rel, path in python_files(*rooms())
                 for line, text in error_reads(path) if str(rel) not in ERROR_MAPPING]
    assert offending == [], ("show a refusal with gaoyou_portal.forms.show_domain_error, or ask "
                             "gaoyou_portal.errors (error_text, by_field, on_field) for it as data")


def test_the_error_check_finds_a_hand_written_join(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('try:\n    pass\nexcept ValueError as exc:\n    text = "；".join(exc.messages)\n'
                      "    errors = exc.message_dict\n")
    assert sorted(error_reads(sample)) == [(4, "exc.messages"), (5, "exc.message_dict")]


# --- (d) file length -----------------------------------------------------------------------------------------
def test_no_file_is_over_400_lines_but_settings_and_migrations():
    long = []
    for rel, path in python_files():
        if rel.name == "settings.py" or rel.parts[-2:-1] == ("settings",):
            continue
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > MAX_LINES:
            long.append(f"{rel}: {count} lines")
    assert long == [], "split it by concept (a models/ or services/ package re-exporting from __init__)"


# --- (e) pages that change data ------------------------------------------------------------------------------
WRITE_METHODS = ("post", "put", "patch", "delete")


def url_callbacks(patterns=None):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name != "admin":  # the admin site's pages are Django's own
                yield from url_callbacks(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            yield entry.callback


def is_ours(obj):
    return obj.__module__.split(".")[0] in LAYERS


def writes(view_class):
    allowed = {m.lower() for m in view_class.http_method_names}
    return [m for m in WRITE_METHODS if m in allowed and hasattr(view_class, m)]


def handles_post_itself(view_class):
    """Whether one of the class's own methods compares ``request.method`` (a POST taken in ``dispatch``)."""
    for klass in view_class.__mro__:
        if klass is object or not is_ours(klass):
            continue
        for node in ast.walk(ast.parse(textwrap.dedent(inspect.getsource(klass)))):
            if isinstance(node, ast.Attribute) and node.attr == "method" and \
                    isinstance(node.value, ast.Name) and node.value.id == "request":
                return True
    return False


def through_the_bases(view_class):
    if issubclass(view_class, ServiceFormView | ServiceActionView):
        return True
    if issubclass(view_class, PostToViewMixin):  # the page's form posts to a ServiceFormView / ServiceActionView
        return view_class.post_view is not None and \
            issubclass(view_class.post_view, ServiceFormView | ServiceActionView)
    return False


def function_writes(func):
    """Whether a function view takes a POST: it is wrapped by require_POST / require_http_methods with POST, or
    its body reads ``request.POST`` or compares ``request.method``."""
    func = inspect.unwrap(func)
    tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("POST", "method") and \
                isinstance(node.value, ast.Name) and node.value.id == "request":
            return True
    source = Path(inspect.getsourcefile(func)).read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and node.name == func.__name__:
            for decorator in node.decorator_list:
                text = ast.unparse(decorator)
                if "require_POST" in text or ("require_http_methods" in text and "POST" in text):
                    return True
    return False


def pages_that_write():
    seen = set()
    for callback in url_callbacks():
        view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
        target = view_class or callback
        if not is_ours(target) or target in seen:
            continue
        seen.add(target)
        if view_class is not None:
            from rest_framework.views import APIView

            if issubclass(view_class, APIView):
                continue  # the API answers refusals through gaoyou_portal.api.exceptions
            if writes(view_class) or handles_post_itself(view_class):
                yield f"{view_class.__module__}.{view_class.__qualname__}", through_the_bases(view_class)
        elif not inspect.isfunction(inspect.unwrap(callback)):
            continue  # a callable object: the syndication feeds (GET only)
        elif function_writes(callback):
            func = inspect.unwrap(callback)
            yield f"{func.__module__}.{func.__qualname__}", False


def test_every_page_that_changes_data_goes_through_the_core_bases():
    pages = list(pages_that_write())
    assert len(pages) > 60  # the check sees the portal's pages
    offending = [name for name, ok in pages if not ok and name not in EXCEPTIONS]
    assert offending == [], "subclass gaoyou_portal.views.ServiceFormView or ServiceActionView"
    assert len(EXCEPTIONS) <= 6, "at most a handful of exceptions"


def test_every_exception_is_a_page_that_still_writes():
    names = {name for name, _ok in pages_that_write()}
    assert set(EXCEPTIONS) <= names, f"no longer a page that writes: {sorted(set(EXCEPTIONS) - names)}"


def test_the_page_check_tells_a_hand_written_post_from_the_bases():
    from django.views import View

    class HandWritten(View):
        def post(self, request):
            return None

    class Action(ServiceActionView):
        pass

    class Page(PostToViewMixin, View):
        post_view = Action

    assert writes(HandWritten) == ["post"] and not through_the_bases(HandWritten)
    assert through_the_bases(Action) and through_the_bases(Page)


# --- the rooms in docs/development.md ------------------------------------------------------------------------
def documented_rooms():
    """{room: set of rooms it may import} from the "Rooms" section of docs/development.md."""
    text = (BASE / "docs" / "development.md").read_text(encoding="utf-8")
    section = text.split("## Rooms", 1)[1].split("\n## ", 1)[0]
    found = {}
    for block in re.split(r"\n(?=### )", section):
        heading = re.match(r"### `(\w+)/`", block)
        if heading:
            line = re.search(r"\*May import:\* (.*)", block)
            assert line, f"the paragraph of {heading.group(1)} says what it may import"
            found[heading.group(1)] = set(re.findall(r"`(\w+)`", line.group(1))) & set(LAYERS)
    return found


def test_the_documented_rooms_are_the_layering():
    documented = documented_rooms()
    assert set(documented) == set(LAYERS)
    for room, allowed in LAYERS.items():
        crossings = {other for (source, other) in CROSSINGS if source == room}
        assert documented[room] == set(allowed) | crossings, f"docs/development.md: what {room}/ may import"


def test_the_documented_exceptions_are_the_listed_ones():
    text = (BASE / "docs" / "development.md").read_text(encoding="utf-8")
    section = text.split("### Pages outside the bases", 1)[1].split("\n#", 1)[0]
    assert set(re.findall(r"`([\w.]+)`:", section)) == set(EXCEPTIONS)
