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


def _display(record, field, value):
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        related = getattr(record, field.name, None)
        return str(related) if related is not None else str(value)
    if isinstance(field, models.DateTimeField) and hasattr(value, "tzinfo"):
        from django.utils import formats, timezone

        return formats.date_format(timezone.localtime(value) if value.tzinfo else value, "Y-m-d H:i")
    if isinstance(field, models.BooleanField):
        from django.utils.translation import gettext as _

        return _("yes") if value else _("no")
    if isinstance(field, models.ManyToManyField) and isinstance(value, list):
        # simple-history gives the through rows as dicts: name the related objects instead.
        ids = [row.get(field.m2m_reverse_field_name()) for row in value if isinstance(row, dict)]
        names = field.related_model._default_manager.in_bulk(ids)
        return "、".join(str(names.get(pk, pk)) for pk in ids) or "—"
    return str(value)


def history_rows(obj, *, limit=30):
    """The last ``limit`` changes of ``obj``: who, when, what kind, and each field's old and new value."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    rows = []
    model = type(obj)
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, foreign_keys_are_objs=False)
            for change in delta.changes:
                try:
                    field = model._meta.get_field(change.field)
                except Exception:  # a field removed since: show its name
                    changes.append((change.field, str(change.old), str(change.new)))
                    continue
                changes.append(
                    (
                        str(field.verbose_name),
                        _display(previous, field, change.old),
                        _display(record, field, change.new),
                    )
                )
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
