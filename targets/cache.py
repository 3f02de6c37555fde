"""The public plan's cache (see gaoyou_portal/public_cache.py): any change to the plan bumps it."""

from gaoyou_portal.public_cache import PublicCache

public_cache = PublicCache("targets")


def connect_signals():
    from .models import Explanation, Incident, MonthlyValue, Plan, Quota, Report, ReportNote, Section, Stage, Target

    public_cache.watch(Plan, Section, Target, Quota, MonthlyValue, Stage, Incident, Explanation, Report, ReportNote,
                       m2m=[Target.responsible_units.through])
