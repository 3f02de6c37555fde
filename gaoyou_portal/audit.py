"""Audit helpers on top of django-simple-history, used by every app.

Every domain model has ``history = HistoricalRecords()``. Web requests record the acting user
through ``HistoryRequestMiddleware``; services, imports and Celery tasks pass the user explicitly
with ``save_audited`` so no write escapes the history.
"""

from django.db import models


def save_audited(obj, *, user, update_fields=None, reason=""):
    """Save ``obj`` recording ``user`` (may be None for the system) and a reason in its history."""
    obj._history_user = user
    if reason:
        obj._change_reason = reason
    obj.save(update_fields=update_fields)
    return obj


# Fields whose values mean nothing to a reader (digests, ids, machine data): never shown in a history.
HIDDEN_FIELDS = {"id", "updated_at", "created_at", "breakdown", "evidence_data"}


def _hidden(field):
    return (
        field.name in HIDDEN_FIELDS
        or field.name.endswith(("digest", "_hash", "token"))
        or isinstance(field, (models.AutoField, models.UUIDField, models.JSONField, models.FileField))
    )


def person(user):
    """A user's name for display, "system" when there is none (imports, scheduled jobs)."""
    from django.utils.translation import gettext as _

    if user is None:
        return _("system")
    return user.get_full_name() or user.username


def display_value(field, value, *, related=None):
    """One value of a field as a reader should see it: a choice's label, a person's or a record's
    name, a local time to the minute, 是/否; never an id. ``related`` maps a related model to
    ``{pk: object}`` already fetched (else the object is fetched here)."""
    from django.contrib.auth import get_user_model
    from django.utils import formats, timezone
    from django.utils.translation import gettext as _

    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        model = field.related_model
        obj = (related or {}).get(model, {}).get(value) if related else None
        if obj is None:
            obj = model._default_manager.filter(pk=value).first()
        if obj is None:
            return _("(deleted)")
        return person(obj) if model is get_user_model() else str(obj)
    if isinstance(field, models.DateTimeField) and hasattr(value, "tzinfo"):
        return formats.date_format(timezone.localtime(value) if value.tzinfo else value, "Y-m-d H:i")
    if isinstance(field, models.DateField) and hasattr(value, "year"):
        return formats.date_format(value, "Y-m-d")
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(field, models.ManyToManyField) and isinstance(value, list):
        # simple-history gives the through rows as dicts: name the related objects instead.
        ids = [row.get(field.m2m_reverse_field_name()) for row in value if isinstance(row, dict)]
        names = field.related_model._default_manager.in_bulk(ids)
        return "、".join(str(names.get(pk, pk)) for pk in ids) or "—"
    return str(value)


def field_changes(model, previous, record, *, exclude=()):
    """``[(label, old, new)]`` between two historical records of ``model``, as a reader should see them:
    the fields' verbose names and display values; digests, ids and machine data left out."""
    changes = []
    delta = record.diff_against(previous, foreign_keys_are_objs=False, excluded_fields=list(exclude))
    for change in delta.changes:
        try:
            field = model._meta.get_field(change.field)
        except Exception:  # a field removed since: nothing a reader can make sense of
            continue
        if _hidden(field):
            continue
        changes.append((str(field.verbose_name), display_value(field, change.old)[:80],
                        display_value(field, change.new)[:80]))
    return changes


def history_rows(obj, *, limit=30):
    """The last ``limit`` changes of ``obj``: who, when, what kind, and each field's old and new value."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    rows = []
    model = type(obj)
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = field_changes(model, previous, record) if previous is not None else []
        rows.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "type": record.get_history_type_display(),
                "reason": record.history_change_reason or "",
                "changes": changes,
            }
        )
    return rows
