"""The public plan's cache (see gaoyou_portal/public_cache.py): any change to the plan bumps it."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from gaoyou_portal.public_cache import PublicCache

public_cache = PublicCache("targets")


def connect_signals():
    from .models import Explanation, Incident, MonthlyValue, Plan, Quota, Report, ReportNote, Section, Stage, Target

    for model in (Plan, Section, Target, Quota, MonthlyValue, Stage, Incident, Explanation, Report, ReportNote):
        post_save.connect(public_cache.invalidate, sender=model, dispatch_uid=f"targets-cache-save-{model.__name__}")
        post_delete.connect(public_cache.invalidate, sender=model,
                            dispatch_uid=f"targets-cache-delete-{model.__name__}")
    m2m_changed.connect(public_cache.invalidate, sender=Target.responsible_units.through,
                        dispatch_uid="targets-cache-units")
