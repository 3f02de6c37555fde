"""The public plan as the county government's portal frames it (``/embed/targets/``): see
livelihood/embed_views.py and gaoyou_portal/embed.py."""

from django.shortcuts import render

from gaoyou_portal.embed import embeddable

from .cache import public_cache
from .choices import STATUS_BADGE, Status
from .public_views import _public_plan


@embeddable
@public_cache.page("embed-list")
def plan_list(request):
    plan, rows = _public_plan(request)
    counts = {s: 0 for s in Status.values}
    sections = {}
    for row in sorted(rows, key=lambda r: (r.target.section.order, r.target.order, r.target.code)):
        counts[row.evaluation.status] += 1
        sections.setdefault(row.target.section_id, {"section": row.target.section, "rows": []})["rows"].append(row)
    context = {"plan": plan, "sections": list(sections.values()), "total": len(rows),
               "status_cards": [(s, Status(s).label, counts[s], STATUS_BADGE[s]) for s in Status.values]}
    return render(request, "targets/embed_list.html", context)
