"""A small limit on how often one client address may do something (a public form), kept in the shared cache.

The address is the one the login lockout sees (django-axes, ``PROXY_COUNT`` proxies in front), so one rule
holds for every public form: ``allow(request, "follow", limit=5, seconds=3600)``.
"""

from axes.helpers import get_client_ip_address
from django.core.cache import cache


def client_address(request):
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(request, scope, *, limit, seconds):
    """True while the client has done ``scope`` fewer than ``limit`` times in the current window."""
    key = f"ratelimit:{scope}:{client_address(request)}"
    if cache.add(key, 1, timeout=seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)
        return True
    return count <= limit
