"""``{% word_export_url "kind_code" year=... as url %}``: the Word export of a registered document, or ""
when the user may not export it (the same rule as the Word documents page and its export view)."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from gaoyou_portal import documents

register = template.Library()


@register.simple_tag(takes_context=True)
def word_export_url(context, code, **params):
    request = context.get("request")
    kind = documents.get_kind(code)
    if request is None or kind is None or not kind.can_export(request.user):
        return ""
    query = {k: v for k, v in params.items() if k in kind.params and v not in (None, "")}
    url = reverse("channels:document_export", args=[code])
    return f"{url}?{urlencode(query)}" if query else url
