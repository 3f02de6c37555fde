from django.urls import translate_url
from django.utils import translation

from . import registry
from .roles import roles_of


def portal(request):
    """Navigation for the user's roles, the language switch and unread notices."""
    current = translation.get_language() or "zh-hans"
    other = "en" if current.startswith("zh") else "zh-hans"
    context = {
        "portal_name": "高邮市高质量发展目标管理平台",
        "language_switch_url": translate_url(request.get_full_path(), other),
        "language_switch_code": other,
    }
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["nav_items"] = registry.nav_for(roles_of(user))
        context["nav_active_url"] = registry.nav_active(context["nav_items"], request)
        context["user_roles"] = roles_of(user)
        context["unread_notice_count"] = user.notices.filter(read_at__isnull=True).count()
    return context
