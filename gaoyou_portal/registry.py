"""Extension points through which the domain apps plug into the shared pages.

Each app registers its pieces in its ``AppConfig.ready()``, so the portal's shared files
(navigation, public home, staff dashboard, demo data) never import a domain app directly
and no app depends on another in a cycle.

- ``nav_item``: an entry of the staff navigation, shown to the roles named.
- ``public_summary``: a callable ``() -> dict | None`` giving a block of headline figures for the
  public home page (``{"title", "figures": [(label, value)], "url", "order"}``). It must only
  return public information. A figure that a plan target also shows comes from the registered metric
  (``metric_figure``) and the block names it in ``"metrics": {code: value}``, so a test can hold the
  home and the plan's board to the same number; its label says what it counts ("今年开工", "累计").
- ``dashboard_panel``: a callable ``(request) -> dict | None`` giving a panel for the staff
  dashboard (``{"title", "template", "context", "order"}``); return None when the user may not see it.
- ``unit_panel``: a callable ``(request, unit) -> dict | None`` giving a panel for a unit's page
  (same shape as a dashboard panel), for example its yellow and red projects.
  Panel templates are named one way: ``<app>/_panel.html`` for the dashboard's, and
  ``<app>/_<hook>_panel.html`` for another hook's when it differs (``_unit_panel.html``,
  ``_month_panel.html``, ``_leader_panel.html``).
- ``owed_item``: a callable ``(request, units) -> list of {"text", "url"}``: what else the units owe
  (shown on the reporters' "本月" page next to the monthly reports), for example explanations after year end.
- ``demo_seeder``: a callable ``(*, scale, stdout) -> None`` run by ``seed_demo`` in ``order``.
- ``metric``: a figure an app computes for the plan's derived targets (see ``Metric``).
- ``month_panel``: a callable ``(request, units) -> dict | None`` giving a block of a unit's "this month" page.
- ``private_file``: an uploaded-file field and the rows of its model a user may read; the media
  view (``gaoyou_portal.media``) serves a stored file only through it (see ``private_file``).
- ``unit_memberships``: a callable ``(user) -> iterable of unit ids``, the units a user belongs to
  (registered by org); ``roles.unit_ids_of`` and scoping read it, so the core imports no app.
- ``leader_panel`` / ``leader_waiting``: the blocks of a leader's workspace and what waits on the leader.
- ``link_target``: a kind of record a leader can be linked to (挂钩) that lives in another app (a project):
  its model and which of its records are still open to a new link.
- ``unit_names`` / ``leader_names``: the units and city leaders by the names an import cell may give
  (registered by the app that owns them); the import engine's ``parsers.unit()`` / ``parsers.leader()`` read
  them, so the core loads no app's model by name.
"""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

# The units and leaders by the names an import cell gives (registered by their owning apps).
from .registry_names import leader_names as leader_names
from .registry_names import leaders_by_name as leaders_by_name
from .registry_names import unit_names as unit_names
from .registry_names import units_by_name as units_by_name

# What units owe (the monthly compliance sources, the items owed by a deadline) is registered in its own module.
from .registry_owed import ComplianceSource as ComplianceSource
from .registry_owed import compliance_source as compliance_source
from .registry_owed import compliance_sources as compliance_sources
from .registry_owed import deadline_items as deadline_items
from .registry_owed import items_due as items_due


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str = "circle"
    roles: frozenset = field(default_factory=frozenset)  # empty: every signed-in user
    order: int = 100
    covers: tuple = ()  # names of URLs outside the entry's path that belong to it (the navigation marks it)

    def url(self):
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


_nav: list[NavItem] = []
_public_summaries: list = []
_dashboard_panels: list = []
_demo_seeders: list = []
_unit_panels: list = []
_owed_items: list = []
_leader_panels: list = []
_leader_waiting: list = []


def nav_item(label, url_name, *, icon="circle", roles=(), order=100, covers=()):
    item = NavItem(label=label, url_name=url_name, icon=icon, roles=frozenset(roles), order=order,
                   covers=tuple(covers))
    if item not in _nav:
        _nav.append(item)
        _nav.sort(key=lambda i: i.order)
    return item


def public_summary(func=None, *, order=100):
    def register(f):
        if f not in [s for _o, s in _public_summaries]:
            _public_summaries.append((order, f))
            _public_summaries.sort(key=lambda pair: pair[0])
        return f

    return register(func) if func else register


def dashboard_panel(func=None, *, order=100):
    def register(f):
        if f not in [p for _o, p in _dashboard_panels]:
            _dashboard_panels.append((order, f))
            _dashboard_panels.sort(key=lambda pair: pair[0])
        return f

    return register(func) if func else register


def demo_seeder(func=None, *, order=100):
    def register(f):
        if f not in [s for _o, s in _demo_seeders]:
            _demo_seeders.append((order, f))
            _demo_seeders.sort(key=lambda pair: pair[0])
        return f

    return register(func) if func else register


def unit_panel(func=None, *, order=100):
    def register(f):
        if f not in [p for _o, p in _unit_panels]:
            _unit_panels.append((order, f))
            _unit_panels.sort(key=lambda pair: pair[0])
        return f

    return register(func) if func else register


def leader_panel(func=None, *, order=100):
    """A block on a leader's workspace (``/leaders/<id>/``): ``func(request, leader)`` returns
    ``{"title", "template", "context"}`` (optionally ``"url"``, ``"link_label"``) or None."""
    def register(f):
        if f not in [p for _o, p in _leader_panels]:
            _leader_panels.append((order, f))
            _leader_panels.sort(key=lambda pair: pair[0])
        return f

    return register(func) if func else register


def leader_waiting(func):
    """What waits on a leader: ``func(request, leader)`` returns ``[{"text", "url", "since", "kind"}]``
    (``since`` a date; the workspace lists all apps' items together, oldest first, with the days open).
    Optional keys: ``"action"`` (the button's label, e.g. 办结, when the viewer can act; else "查看") and
    ``"overdue"`` (true: shown as past its deadline)."""
    if func not in _leader_waiting:
        _leader_waiting.append(func)
    return func


@dataclass(frozen=True)
class LinkTarget:
    """A kind of record in another app that a leader's link (org ``LeaderLink``) may name."""

    kind: str
    model: type  # the model class, registered by the app that owns it
    open_q: object  # a Q: the records still open to a new link (an ended one is refused)
    unit_fields: tuple = ()  # lookups from the model to org.Unit: the units whose users see the leader's page


_link_targets: dict = {}


def link_target(kind, *, model, open_q, unit_fields=()):
    """Register the model (the class, from its own app) a link of ``kind`` names; registering the kind
    again replaces it."""
    _link_targets[kind] = LinkTarget(kind=kind, model=model, open_q=open_q, unit_fields=tuple(unit_fields))
    return _link_targets[kind]


def get_link_target(kind):
    return _link_targets.get(kind)


def leader_panels(request, leader):
    panels = []
    for _order, func in _leader_panels:
        panel = func(request, leader)
        if panel:
            panels.append(panel)
    return panels


def waiting_on(request, leader):
    """Everything the registered apps say waits on ``leader``, oldest first."""
    items = [item for func in _leader_waiting for item in (func(request, leader) or [])]
    return sorted(items, key=lambda item: item["since"])


def owed_item(func):
    if func not in _owed_items:
        _owed_items.append(func)
    return func


def owed_for(request, units):
    """Everything the registered apps say the units owe, as ``[{"text", "url"}]``."""
    return [item for func in _owed_items for item in (func(request, units) or [])]


def nav_for(roles):
    """The navigation entries for a user holding ``roles`` (``roles.roles_of(user)``), as ``(item, url)``."""
    items = []
    for item in _nav:
        if item.roles and not (item.roles & roles):
            continue
        url = item.url()
        if url:
            items.append((item, url))
    return items


def nav_active(items, request):
    """The URL of the one navigation entry the page belongs to: the entry that ``covers`` the page's URL
    name, else the entry with the longest URL the path starts with (the dashboard only matches itself)."""
    from django.urls import Resolver404, resolve

    try:
        name = resolve(request.path_info).view_name
    except Resolver404:
        name = None
    for item, url in items:
        if name in item.covers:
            return url
    path, dashboard = request.path, reverse("dashboard")
    matches = [url for _item, url in items if path == url or (url != dashboard and path.startswith(url))]
    return max(matches, key=len, default=None)


def public_summaries():
    blocks = []
    for _order, func in _public_summaries:
        block = func()
        if block:
            blocks.append(block)
    return blocks


def dashboard_panels(request):
    panels = []
    for _order, func in _dashboard_panels:
        panel = func(request)
        if panel:
            panels.append(panel)
    return panels


def unit_panels(request, unit):
    panels = []
    for _order, func in _unit_panels:
        panel = func(request, unit)
        if panel:
            panels.append(panel)
    return panels


def demo_seeders():
    return [func for _order, func in _demo_seeders]


# --- metrics: figures one app computes for another (the plan's derived targets) -------------------------
@dataclass(frozen=True)
class Metric:
    """A figure an app computes from its own records, for the targets of the year's plan.

    ``compute(*, year, deadline)`` returns the figure (a number) from one SQL aggregate, counting what
    happened in ``year`` up to ``deadline``. ``records(*, year, deadline)`` returns the records behind it:
    a list of ``{"label", "url", "counted" (bool), "note"}``, those counted first. ``confidential``
    metrics rest on cadre records and are shown to the organisation department only. ``by_unit(*, year,
    deadline)``, when given, returns ``{unit_id: figure}``: each unit's own figure, so the sprint scheme may
    assess units by it (an indicator whose actual value comes from the metric).
    """

    code: str
    label: str
    unit: str
    compute: object
    records: object
    confidential: bool = False
    order: int = 100
    by_unit: object = None


_metrics: dict[str, Metric] = {}


def metric(code, label, *, unit, compute, records, confidential=False, order=100, by_unit=None):
    """Register a metric under ``code`` (registering the same code again replaces it)."""
    item = Metric(code=code, label=label, unit=unit, compute=compute, records=records,
                  confidential=confidential, order=order, by_unit=by_unit)
    _metrics[code] = item
    return item


def get_metric(code):
    return _metrics.get(code)


def metric_figure(code, *, year, deadline):
    """The figure of metric ``code`` in ``year`` up to ``deadline``, or None when no app registers it. Every
    screen that shows the same thing calls this (the plan's board does, through its targets), so one figure
    has one number everywhere."""
    found = _metrics.get(code)
    return None if found is None else found.compute(year=year, deadline=deadline)


def metrics():
    return sorted(_metrics.values(), key=lambda m: (m.order, m.code))


# --- the "本月" (this month) page of a unit: each app adds what the unit owes this month ----------------------
_month_panels: list = []


def month_panel(func=None, *, order=100):
    """Register ``(request, units) -> dict | None``: a block of the units' "this month" page
    (``{"title", "template", "context", "order"}``, as a dashboard panel)."""

    def register(f):
        if f not in [p for _o, p in _month_panels]:
            _month_panels.append((order, f))
            _month_panels.sort(key=lambda pair: pair[0])
        return f

    return register(func) if func else register


def month_panels(request, units):
    panels = []
    for _order, func in _month_panels:
        panel = func(request, units)
        if panel:
            panels.append(panel)
    return panels
# --- uploaded files --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrivateFile:
    model: str  # "app_label.ModelName"
    field: str
    prefixes: tuple
    readable: object  # (user) -> queryset of the model's rows the user may read
    on_read: object = None  # (request, obj) -> None, e.g. the cadre access log

    def rows(self, user):
        return self.readable(user)


_private_files: list[PrivateFile] = []


def private_file(model, field, *, prefixes, readable, on_read=None):
    """Declare an upload field: a file stored under one of ``prefixes`` (its ``upload_to`` folders,
    today's and any earlier ones) is served only to users for whom ``readable(user)`` (a queryset of
    ``model``) contains the row holding it; ``on_read(request, obj)`` runs before a file is sent.
    Files that no declared field holds are never served."""
    entry = PrivateFile(model=model, field=field, prefixes=tuple(prefixes), readable=readable, on_read=on_read)
    if entry not in _private_files:
        _private_files.append(entry)
    return entry


def private_files_for(path):
    """The declared fields whose folders could hold ``path`` (longest prefix first)."""
    matches = [(max(len(p) for p in e.prefixes if path.startswith(p)), e)
               for e in _private_files if any(path.startswith(p) for p in e.prefixes)]
    return [e for _n, e in sorted(matches, key=lambda pair: -pair[0])]


def private_files():
    return list(_private_files)


# --- unit memberships: which units a user belongs to (org hands them to scoping) ------------------------
_unit_memberships: list = []


def unit_memberships(func):
    """Register ``(user) -> iterable of unit ids`` (org does, once); the last registration wins."""
    _unit_memberships[:] = [func]
    return func


def unit_ids_for(user):
    """The ids of the units the user belongs to, by the registered lookup (none before one is registered)."""
    return _unit_memberships[0](user) if _unit_memberships else ()
