from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from gaoyou_portal.audit import person

register = template.Library()


register.filter("person", person)


@register.filter
def points_gap(points):
    """How far investment stands from the plan to date: "落后 3.2 个百分点" or "超前 0.9 个百分点"
    (never "落后 -0.9")."""
    if points is None:
        return ""
    points = Decimal(str(points))
    if points < 0:
        return _("%(points)s points ahead") % {"points": number_format(-points, 1)}
    return _("%(points)s points behind") % {"points": number_format(points, 1)}
