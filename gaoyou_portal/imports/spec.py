"""How an app declares an import: its columns, how a row becomes data, and the service that applies it."""

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils.translation import gettext as _

_REGISTRY: dict[str, type["ImportSpec"]] = {}


@dataclass(frozen=True)
class Column:
    """One column of the sheet.

    ``header``: the towns' own wording, fixed Chinese whatever the interface language;
    ``key``: the key in a row's ``data``; ``parser``: ``f(value, spec) -> parsed`` raising
    ``ValueError(message)`` (see ``parsers``; default: text); ``required``: an empty cell is an error;
    ``help``: shown under the upload form and in the template's second sheet; ``example``: the
    template's example cell.
    """

    header: str
    key: str
    parser: Any = None
    required: bool = False
    help: str = ""
    example: Any = None


@dataclass
class ImportRow:
    """A checked row: the sheet's row number and what ``ImportSpec.clean_row`` made of it."""

    number: int
    data: Any
    raw: dict = field(default_factory=dict)  # the cells as read (key -> value), for the preview


@dataclass
class PreviewRow:
    cells: list
    note: str = ""


@dataclass
class Outcome:
    total: int = 0
    created: int = 0
    updated: int = 0
    preview: list = field(default_factory=list)


def register(spec):
    """Class decorator: make a spec known to the engine (tasks find it again by ``key``)."""
    if spec.key in _REGISTRY and _REGISTRY[spec.key] is not spec:
        raise RuntimeError(f"two imports declare the key {spec.key!r}")
    _REGISTRY[spec.key] = spec
    return spec


def get_spec(key, **kwargs):
    if "default" in kwargs:
        return _REGISTRY.get(key, kwargs["default"])
    return _REGISTRY[key]


def registered_specs():
    return list(_REGISTRY.values())


class ImportSpec:
    """Subclass, set the class attributes, override ``apply`` (and ``clean_row``/``preview_row`` if needed).

    One instance is made per check or run, with ``user`` and ``params``; lookups cached on it (``units``,
    ``leaders``) are loaded once per file.
    """

    key: str = ""  # "app.thing", unique; stored on the job row
    title: str = ""  # what the pages call it
    columns: list[Column] = []
    batch_size: int | None = None  # None: ``apply`` gets every row at once; N: N rows at a time
    confirm: bool = True  # False: a clean check is applied at once, no preview step
    viewer_roles: tuple = ()  # roles that see every job of this import (the uploader always sees hers)
    upload_url_name: str = ""  # the upload page (every import has one): "upload another file" leads there
    job_url_name: str = "import_job"  # the job page (an app may keep its own URL for it)
    confirm_url_name: str = "import_confirm"
    success_url_name: str = ""  # where the user goes after a done import
    dry_run: bool = True  # the check runs ``apply`` and rolls it back; False: it runs ``check_batch`` instead
    preview_limit: int = 200
    max_rows: int = 50_000

    def __init__(self, *, user, params=None):
        self.user = user
        self.params = params or {}

    # --- hooks ----------------------------------------------------------------------------------------
    def example_params(self):
        """What the upload page's form asks besides the file, filled in for ``self.user`` (e.g. ``{"year": 2026}``):
        the hostile-file test (``tests/portal/test_hostile_files.py``) posts every registered import with it."""
        return {}

    def check_permission(self):
        """Raise ``DomainError`` (or ``Http404``) if ``self.user`` may not run this import."""

    def clean_row(self, data, row):
        """Cross-column checks of one parsed row; report problems with ``row.error(key_or_header, message)``.

        A column whose cell could not be parsed is missing from ``data`` (use ``data.get``); the row is
        then refused whatever this returns.
        Return what ``apply`` needs (the dict itself by default, or a model instance).
        """
        return data

    def apply(self, rows: list[ImportRow]) -> dict:
        """Apply checked rows through the app's services; return ``{"created": n, "updated": m}``.

        Raise ``SpreadsheetError`` (``RowErrors.raise_if_any``) naming row and column for every row a
        service refused. The engine runs it in one transaction (all or nothing) and also during the check,
        rolled back, so the preview already lists the services' own errors.
        """
        raise NotImplementedError

    def success_url(self, job):
        """Where the user goes after a done import (default: ``success_url_name``; None: the job page)."""
        from django.urls import reverse

        return reverse(self.success_url_name) if self.success_url_name else None

    def check_batch(self, rows: list[ImportRow]):
        """With ``dry_run = False``: the checks of ``apply`` that need the database, without writing
        (e.g. one query for rows already on the ledger); raise ``SpreadsheetError`` like ``apply``."""

    def preview_row(self, row: ImportRow) -> PreviewRow:
        """The preview line of a checked row: its cells (default: as typed), and a note (“new”, “replaces …”)."""
        return PreviewRow([display(row.raw.get(c.key)) for c in self.columns])

    def preview_headers(self):
        return [c.header for c in self.columns]

    def template_rows(self):
        """Rows of the downloadable template below the headers (default: one example row)."""
        if any(c.example is not None for c in self.columns):
            return [[c.example for c in self.columns]]
        return []

    @property
    def headers(self):
        return [c.header for c in self.columns]

    # --- the one check of keys repeated within a file ---------------------------------------------------
    def seen_before(self, key, row):
        """The number of the file's earlier row with ``key`` (a code, or a tuple such as (code, month)), or None
        the first time (the row is then remembered). An empty key is never a repeat."""
        if key is None or key == "":
            return None
        seen = self.__dict__.setdefault("_rows_by_key", {})
        if key in seen:
            return seen[key]
        seen[key] = row.number
        return None

    def refuse_repeated_code(self, code, row, column="code"):
        """Refuse ``row`` when an earlier row of the file has the same ``code`` (the sheet's identifier)."""
        earlier = self.seen_before(code, row)
        if earlier is not None:
            row.error(column, _("code %(code)s appears twice (also on row %(row)s)") % {"code": code, "row": earlier})
        return earlier is None

    @classmethod
    def header_for(cls, key):
        return next((c.header for c in cls.columns if c.key == key), key)

    # --- shared lookups, loaded once per file ----------------------------------------------------------
    @cached_property
    def units(self):
        from .parsers import UnitLookup

        return UnitLookup()

    @cached_property
    def leaders(self):
        from .parsers import LeaderLookup

        return LeaderLookup()


class RowContext:
    """What ``clean_row`` gets as ``row``: the row number and a way to report an error on a column."""

    def __init__(self, spec, number, errors):
        self.spec, self.number, self.errors, self.failed = spec, number, errors, False

    def error(self, column, message):
        self.failed = True
        self.errors.add(self.number, self.spec.header_for(column), message)

    def refuse(self, exc):
        """A service's ``ValidationError`` on this row: each message on its column (``engine.row_errors``)."""
        from .engine import row_errors

        self.failed = True
        self.errors.items += row_errors(self.number, exc, self.spec)


def display(value):
    """A parsed value as the preview shows it."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return "、".join(display(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "label") and not isinstance(value, str):
        return str(value.label)
    if hasattr(value, "name") and not isinstance(value, str):
        return str(value.name)
    return str(value)


def empty_message():
    return _("is empty")
