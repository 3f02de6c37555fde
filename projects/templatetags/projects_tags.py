from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def person(user):
    """A user's name for display, "system" when there is none (imports, scheduled jobs)."""
    if user is None:
        return _("system")
    return user.get_full_name() or user.username
