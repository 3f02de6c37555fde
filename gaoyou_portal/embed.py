"""Pages other sites may frame (the county government's portal embeds the pledged tasks and the plan).

Every page of the portal answers ``X-Frame-Options: DENY`` and CSP ``frame-ancestors 'none'``; a view
wrapped in ``embeddable`` answers instead ``frame-ancestors 'self'`` plus the origins of the setting
``PORTAL_EMBED_ORIGINS`` (the portal's own editor page previews them), and no ``X-Frame-Options``
(it cannot list origins; browsers that know CSP ignore it anyway). The decorator goes outside the
public cache's, so a page served from the cache gets the headers too.
"""

import functools

from csp.constants import SELF
from django.conf import settings


def frame_ancestors():
    return [SELF, *settings.PORTAL_EMBED_ORIGINS]


def embeddable(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.xframe_options_exempt = True
        response._csp_replace = {"frame-ancestors": frame_ancestors()}
        return response

    return wrapper
