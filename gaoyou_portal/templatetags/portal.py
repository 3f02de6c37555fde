import django_filters
from django import template
from django.template.base import token_kwargs
from django.utils.html import format_html
from django.utils.safestring import mark_safe
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


# --- list tables ------------------------------------------------------------------------------------------------
# One convention for the staff lists (docs/development.md, "How to add a list table"):
#   {% list_table object_list empty=_("No cadre matches.") testid="cadre-table" %}
#     <thead><tr>{% sort_header "name" _("name") %}<th>…</th></tr></thead>
#     <tbody>{% for cadre in object_list %}<tr>…</tr>{% endfor %}</tbody>
#   {% endlist_table %}
# renders includes/list_table.html: the responsive table, the one pagination and the one empty state.
LIST_TABLE_TEMPLATE = "includes/list_table.html"


class ListTableNode(template.Node):
    def __init__(self, rows, options, nodelist):
        self.rows, self.options, self.nodelist = rows, options, nodelist

    def render(self, context):
        rows = self.rows.resolve(context)
        options = {key: value.resolve(context) for key, value in self.options.items()}
        unknown = set(options) - {"empty", "testid", "css", "caption"}
        if unknown:
            raise template.TemplateSyntaxError(f"list_table: unknown option(s) {', '.join(sorted(unknown))}")
        cache = context.render_context.setdefault(self, {})
        if "template" not in cache:
            cache["template"] = context.template.engine.get_template(LIST_TABLE_TEMPLATE)
        table = {**options, "rows": bool(rows)}
        with context.push(list_table=table):
            if rows:  # the body is rendered only when there is something to list
                table["body"] = mark_safe(self.nodelist.render(context))  # noqa: S308 (rendered by the template engine)
            return cache["template"].render(context)


@register.tag
def list_table(parser, token):
    """``{% list_table rows [empty=…] [testid=…] [css=…] [caption=…] %}<thead>…</tbody>{% endlist_table %}``."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("list_table takes the rows to list")
    rows = parser.compile_filter(bits[1])
    options = token_kwargs(bits[2:], parser)
    if len(options) != len(bits) - 2:
        raise template.TemplateSyntaxError("list_table options are name=value")
    nodelist = parser.parse(("endlist_table",))
    parser.delete_first_token()
    return ListTableNode(rows, options, nodelist)


def _ordering_param(filterset):
    """The query parameter of the list's sort (its FilterSet's OrderingFilter) and the sorts it accepts."""
    for name, field in getattr(filterset, "filters", {}).items():
        if isinstance(field, django_filters.OrderingFilter):
            return name, set(field.param_map)
    return None, None


@register.simple_tag(takes_context=True)
def sort_header(context, key, label, css="", param=None):
    """A column header that sorts the list by ``key`` (``"-rank"``: descending on the first click).

    The parameter is the FilterSet's ``OrderingFilter`` (``ordering`` or ``sort``), found in the context's
    ``filter``; a key it does not accept is a template error, so a header never offers a sort the list
    ignores. Clicking the sorted column reverses it; ``aria-sort`` says the current direction.
    """
    name, accepted = _ordering_param(context.get("filter"))
    param = param or name
    if not param:
        raise template.TemplateSyntaxError("sort_header: the list has no OrderingFilter (pass param=)")
    field = key.lstrip("-")
    if accepted is not None and field not in accepted:
        raise template.TemplateSyntaxError(f"sort_header: {param} does not accept {field!r}")
    current = context["request"].GET.get(param, "")
    direction = {field: "ascending", f"-{field}": "descending"}.get(current)
    target = (f"-{field}" if current == field else field) if direction else key
    icon = {"ascending": "bi-sort-up", "descending": "bi-sort-down"}.get(direction, "bi-arrow-down-up opacity-25")
    return format_html(
        '<th scope="col"{}{}><a class="sort-link text-reset" href="?{}">{} '
        '<i class="bi {}" aria-hidden="true"></i></a></th>',
        format_html(' class="{}"', css) if css else "",
        format_html(' aria-sort="{}"', direction) if direction else "",
        query_replace(context, **{param: target, "page": None}),
        label,
        icon,
    )
