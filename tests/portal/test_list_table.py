"""The one list-table convention: {% list_table %} (table, pagination, empty state) and {% sort_header %}."""

from pathlib import Path

import django_filters
import pytest
from django.conf import settings
from django.core.paginator import Paginator
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils import translation

from cadres.models import Cadre
from tests.cadres.factories import CadreFactory

ROOT = Path(settings.BASE_DIR)


class _Sorts(django_filters.FilterSet):
    sort = django_filters.OrderingFilter(fields=(("name", "name"), ("year_of_birth", "age")))

    class Meta:
        model = Cadre
        fields = []


def render(source, query="", **context):
    request = RequestFactory().get("/list/" + (f"?{query}" if query else ""))
    with translation.override("zh-hans"):
        return Template("{% load portal %}" + source).render(Context({"request": request, **context}))


HEADER = '{% sort_header "name" "姓名" %}'


def test_an_unsorted_header_links_to_its_sort_and_says_nothing_of_a_direction():
    html = render(HEADER, query="q=王&page=3", filter=_Sorts())
    assert 'href="?q=%E7%8E%8B&amp;sort=name"' in html  # the filters kept, back to page 1
    assert "aria-sort" not in html


def test_the_sorted_header_says_its_direction_and_reverses_on_the_next_click():
    html = render(HEADER, query="sort=name", filter=_Sorts())
    assert 'aria-sort="ascending"' in html and 'href="?sort=-name"' in html
    html = render(HEADER, query="sort=-name", filter=_Sorts())
    assert 'aria-sort="descending"' in html and 'href="?sort=name"' in html


def test_a_header_can_sort_descending_first():
    html = render('{% sort_header "-age" "年龄" css="d-none d-md-table-cell" %}', filter=_Sorts())
    assert 'href="?sort=-age"' in html and 'class="d-none d-md-table-cell"' in html


def test_a_header_never_offers_a_sort_the_list_ignores():
    with pytest.raises(TemplateSyntaxError, match="'rank'"):
        render('{% sort_header "rank" "职级" %}', filter=_Sorts())
    with pytest.raises(TemplateSyntaxError, match="no OrderingFilter"):
        render(HEADER)
    assert 'href="?order=name"' in render('{% sort_header "name" "姓名" param="order" %}')


TABLE = ('{% list_table rows empty="没有记录" testid="t" css="small" %}<tbody>{% for r in rows %}<tr><td>{{ r }}</td>'
         '</tr>{% endfor %}</tbody>{% endlist_table %}')


def test_a_list_table_renders_rows_pagination_and_no_empty_state():
    page = Paginator(["甲", "乙", "丙"], 2).page(1)
    html = render(TABLE, rows=page.object_list, page_obj=page)
    assert '<table class="table table-sm table-hover align-middle list-table small" data-testid="t">' in html
    assert "<td>甲</td>" in html and "<td>丙</td>" not in html
    assert 'href="?page=2" rel="next"' in html
    assert "没有记录" not in html


def test_an_empty_list_table_shows_the_empty_state_only():
    html = render(TABLE, rows=[])
    assert "没有记录" in html and "<table" not in html and "pagination" not in html


def test_a_list_table_refuses_an_unknown_option():
    with pytest.raises(TemplateSyntaxError, match="unknown option"):
        render("{% list_table rows colour='red' %}{% endlist_table %}", rows=[1])


def test_no_template_writes_a_paginated_table_by_hand():
    """Every paginated staff list goes through {% list_table %}: only its include holds both."""
    by_hand = []
    for path in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in path.parts:
            continue
        text = path.read_text()
        if text.lstrip().startswith(('{% extends "public_base.html"', '{% extends "embed_base.html"')):
            continue  # public and embedded pages are not staff lists: their own plain shape, no sorting
        if "<table" in text and "includes/pagination.html" in text:
            by_hand.append(str(path.relative_to(ROOT)))
    assert by_hand == ["templates/includes/list_table.html"]


def test_the_cadre_list_sorts_from_its_headers(client, users, units):
    CadreFactory(unit=units.town, name="甲某", year_of_birth=1970)
    CadreFactory(unit=units.town, name="乙某", year_of_birth=1990)
    client.force_login(users.orgdept)
    page = client.get("/cadres/?sort=-year_of_birth").content.decode()
    assert '<th scope="col" aria-sort="descending"><a class="sort-link text-reset" href="?sort=year_of_birth">' in page
    assert page.index("乙某") < page.index("甲某")  # the youngest first
    page = client.get("/cadres/?sort=year_of_birth").content.decode()
    assert page.index("甲某") < page.index("乙某")
