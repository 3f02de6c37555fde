from django import template
from django.utils.translation import gettext

from gaoyou_portal.roles import has_role as _has_role

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs):
    """The current query string with some parameters replaced (keeps filters across pages)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.filter
def startswith(value, prefix):
    """True when the path is at or under ``prefix`` (the dashboard "/dashboard/" only matches itself)."""
    return bool(prefix) and str(value).startswith(str(prefix))


@register.filter
def has_role(user, role):
    return _has_role(user, role)


@register.filter
def percent_bar_class(value):
    """Bootstrap colour for a completion percentage."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return "bg-secondary"
    if value >= 100:
        return "bg-success"
    if value >= 60:
        return "bg-info"
    if value >= 30:
        return "bg-warning"
    return "bg-danger"


@register.filter(is_safe=True)
def page_title(value):
    """The tab title "page · site" (the site's name alone when a page has no title of its own)."""
    page = " ".join(str(value).split())
    site = gettext("Gaoyou development-target portal")
    return f"{page} · {site}" if page else site
