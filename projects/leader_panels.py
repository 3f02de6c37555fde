"""The projects app's part of a city leader's workspace (``/leaders/<id>/``, org): the problems raised to
the leader (waiting on them, oldest first) and the leader's linked projects with their warning lights, with
the projects of the industries they are linked to.

Wired from ``apps.py``; kept apart from ``views.py`` and ``panels.py`` so the workspace has one home here.
"""

from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoyou_portal import registry
from leaders.choices import LinkKind
from leaders.models import LeaderLink

from . import selectors
from .choices import ProjectStatus
from .lights import light_reasons
from .models import Project, ProjectSettings

# A project in production or suspended has ended: it takes no new leader links.
ENDED_STATUSES = (ProjectStatus.IN_PRODUCTION, ProjectStatus.SUSPENDED)


def register():
    registry.link_target(LinkKind.PROJECT, model=Project, open_q=~Q(status__in=ENDED_STATUSES),
                         unit_fields=("responsible_unit", "service_units"))
    registry.leader_waiting(blockers_waiting)
    registry.leader_panel(projects_panel, order=10)


def blockers_waiting(request, leader):
    """The open problems raised to the leader: the leader resolves them (back to the workspace after)."""
    own = leader.user_id is not None and leader.user_id == request.user.pk
    back = urlencode({"next": request.get_full_path()})  # back to the workspace the leader came from
    items = []
    for blocker in selectors.blockers_for_leader(leader):
        project = blocker.project
        items.append({
            "kind": _("Problem raised"),
            "text": _("%(project)s: %(problem)s (raised by %(unit)s, due %(deadline)s)") % {
                "project": project.name, "problem": blocker.title, "unit": project.responsible_unit.display_name,
                "deadline": blocker.deadline.isoformat()},
            "since": timezone.localdate(blocker.raised_at),
            "url": f"{reverse('projects:blocker_resolve', args=[blocker.pk])}?{back}" if own
            else project.get_absolute_url(),
            "action": _("Resolve") if own else _("Open the project"),
            "overdue": blocker.deadline < timezone.localdate(),
        })
    return items


def projects_panel(request, leader):
    """The leader's linked projects (active links) with their lights and reasons, then the projects of the
    leader's linked industries counted by light."""
    links = LeaderLink.objects.active().filter(leader=leader)
    project_ids = links.filter(kind=LinkKind.PROJECT).values("object_id")
    projects = list(Project.objects.visible_to(request.user).filter(pk__in=project_ids)
                    .select_related("responsible_unit").order_by("light_rank", "code"))
    industries = sorted(set(links.filter(kind=LinkKind.INDUSTRY).values_list("name", flat=True)))
    by_industry = []
    if industries:
        counts = {row["industry"]: row for row in Project.objects.visible_to(request.user)
                  .filter(industry__in=industries).order_by().values("industry")
                  .annotate(red=Count("pk", filter=Q(light_rank=0)), yellow=Count("pk", filter=Q(light_rank=1)),
                            green=Count("pk", filter=Q(light_rank=2)))}
        for name in industries:
            row = counts.get(name, {"red": 0, "yellow": 0, "green": 0})
            by_industry.append({"name": name, "red": row["red"], "yellow": row["yellow"], "green": row["green"],
                                "url": f"{reverse('projects:project_list')}?{urlencode({'industry': name})}"})
    config = ProjectSettings.load()
    for project in projects:
        project.reasons = light_reasons(project, config)
    return {
        "title": _("Linked projects"),
        "template": "projects/_leader_panel.html",
        "context": {"projects": projects, "industries": by_industry},
        "url": f"{reverse('projects:project_list')}?{urlencode({'leader': leader.pk})}",
        "link_label": _("All their projects"),
    }
