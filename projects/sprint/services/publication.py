"""Publishing a scored race (freezing it, notifying the ranked units, proposing the half-year
warnings) and reopening it for rescoring."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError, full_clean
from org.services import notify_unit

from .. import consequences
from ..choices import RaceStatus
from ..models import SprintRace


@transaction.atomic
def race_publish(*, race, user, notify=True) -> SprintRace:
    """Publish a scored draft race (freezing it) and notify every ranked unit (``notify=False`` only for
    back-filled history, such as the demo's past quarters)."""
    race = SprintRace.objects.select_for_update().get(pk=race.pk)
    if race.is_published:
        raise DomainError(_("This race is already published."))
    scores = list(race.scores.select_related("unit"))
    if not scores:
        raise DomainError(_("Score the race before publishing it."))
    race.status, race.published_at, race.published_by = RaceStatus.PUBLISHED, timezone.now(), user
    full_clean(race)
    save_audited(race, user=user, update_fields=["status", "published_at", "published_by"], reason=_("Published"))
    title = _("%(race)s: results published") % {"race": race}
    for score in scores if notify else ():
        flag = {"red": _("red flag"), "yellow": _("yellow flag")}.get(score.flag, _("no flag"))
        notify_unit(
            unit=score.unit, title=title,
            body=_("Score %(score)s, rank %(rank)d in your group, %(flag)s.")
            % {"score": score.score, "rank": score.rank, "flag": flag},
            link=f"/sprint/races/{race.pk}/scores/{score.pk}/",
            kind="race_published",
        )
    consequences.half_year_warn(race=race, user=user, notify=notify)
    return race


@transaction.atomic
def race_reopen(*, race, user, reason) -> SprintRace:
    """Reopen a published race for rescoring; the reason is kept in its history."""
    race = SprintRace.objects.select_for_update().get(pk=race.pk)
    if not race.is_published:
        raise DomainError(_("Only a published race can be reopened."))
    if not (reason or "").strip():
        raise DomainError({"reason": [_("Say why the race is reopened.")]})
    race.status, race.published_at, race.published_by = RaceStatus.DRAFT, None, None
    save_audited(race, user=user, update_fields=["status", "published_at", "published_by"],
                 reason=_("Reopened: %(reason)s") % {"reason": reason.strip()})
    return race
