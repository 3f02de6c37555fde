"""Builders for the consequence tests: published scores, leader links, confirmed cases."""

from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from leaders.choices import LinkKind
from leaders.models import LeaderLink
from projects.models import Project
from projects.sprint import services
from projects.sprint.choices import RaceStatus
from projects.sprint.models import ConsequenceCase, SprintRace, SprintScore

from .factories import ProjectFactory, SchemeFactory


def published_scores(year, scores_by_quarter):
    """Published races of ``year``: ``{quarter: [(unit, score, flag)]}``."""
    scheme = SchemeFactory(year=year)
    for quarter, rows in scores_by_quarter.items():
        race, _created = SprintRace.objects.get_or_create(
            year=year, quarter=quarter, defaults={"scheme": scheme, "status": RaceStatus.PUBLISHED})
        for position, (unit, score, flag) in enumerate(rows, start=1):
            SprintScore.objects.create(race=race, unit=unit, group=unit.group, score=Decimal(score), rank=position,
                                       position=position, flag=flag)
    return scheme


LINKED_SINCE = date(2020, 1, 1)  # before every race year of the tests


def link_unit(leader, unit):
    return LeaderLink.objects.create(leader=leader, kind=LinkKind.UNIT, unit=unit, started_on=LINKED_SINCE)


def link_projects(leader, lights, unit):
    """Projects of ``unit`` with the given stored lights ("red", "yellow", "green"), linked to ``leader``."""
    ct = ContentType.objects.get_for_model(Project)
    projects = []
    for light in lights:
        project = ProjectFactory(responsible_unit=unit)
        Project.objects.filter(pk=project.pk).update(light_rank=("red", "yellow", "green").index(light))
        LeaderLink.objects.create(leader=leader, kind=LinkKind.PROJECT, content_type=ct, object_id=project.pk,
                                  started_on=LINKED_SINCE)
        projects.append(project)
    return projects


def confirmed_case(unit, year, kind, user, evidence="后2位"):
    case = ConsequenceCase.objects.create(unit=unit, year=year, kind=kind, evidence=evidence)
    return services.case_confirm(case=case, user=user, reason="经市委研究同意")


def decided(case):
    """The local day of the office's decision on a case, as its citation gives it."""
    from django.utils import timezone

    return timezone.localdate(ConsequenceCase.objects.get(pk=case.pk).decided_at).isoformat()
