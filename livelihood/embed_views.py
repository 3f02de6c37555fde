"""The pledged tasks as the county government's portal frames them (``/embed/livelihood/``): the list with
its filters and search, and one task. No site navigation; links leave the frame for the full page
(``target="_top"``). Same public cache and no cookie, like the full pages; framable by the origins of
``PORTAL_EMBED_ORIGINS`` only (gaoyou_portal/embed.py)."""

from gaoyou_portal.embed import embeddable

from .cache import public_page
from .public_views import detail_page, list_page


@embeddable
@public_page("embed-list")
def task_list(request):
    return list_page(request, "livelihood/embed_list.html")


@embeddable
@public_page("embed-detail")
def task_detail(request, year, number):
    return detail_page(request, year, number, "livelihood/embed_detail.html")
