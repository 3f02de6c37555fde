"""Numbers of the right kind: a count (户, 个, 次 …) is a whole number on every screen, in the API and the exports;
expected-by-today rounds down ("序时 4", not 4.34); a fractional count is refused with a Chinese message."""

import html
import io
import json
import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from targets import services
from targets.measures import COUNT_MEASURES, decimals_for, written
from targets.models import MonthlyValue, Quota

FRACTION = re.compile(r"(?<![\d.])\d+\.\d+(?!\d)(?!\s*%)")  # 4.34, not 28.6% and not a date
AUGUST = datetime(2026, 8, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def text(fragment):
    """What a reader sees of an HTML fragment: no tags, no attributes, no scripts."""
    fragment = re.sub(r"<script.*?</script>", " ", fragment, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


@pytest.fixture
def counted(make_target, units, plan):
    """One reported target of 7 for every count measure, 2 done by January: on 15 August 4.34 are due."""
    targets = []
    for measure in sorted(COUNT_MEASURES):
        target = make_target(title=f"计数目标（{measure}）", figure=Decimal(7), measure=measure)
        MonthlyValue.objects.create(target=target, unit=target.lead_unit, month=date(plan.year, 1, 1), value=2)
        targets.append(target)
    return targets


def test_a_measure_declares_its_decimals():
    assert [decimals_for(m) for m in ("户", "个", "次", "头", "名", "名次", "万元", "亿元", "%", "公里")] == \
        [0, 0, 0, 0, 0, 0, 2, 2, 1, 2]
    assert written(Decimal("10.74"), 0) == "11" and written(Decimal("120.5"), 2) == "120.50"


@pytest.mark.clock("2026-08-15T10:00")  # written for 15 August 2026: 4.34 of 7 due, shown as 4
def test_counts_are_whole_on_the_board_pages_api_and_exports(client, users, counted, plan):
    codes = {t.code for t in counted}
    client.force_login(users.office)
    with time_machine.travel(AUGUST, tick=False):
        board = client.get(reverse("targets:board")).content.decode()
        rows = re.findall(r'<tr class="target-row" data-code="(\w+)".*?</tr>', board, flags=re.S)
        assert codes <= set(rows)
        for code, row in re.findall(r'<tr class="target-row" data-code="(\w+)"(.*?)</tr>', board, flags=re.S):
            seen = text(row)
            assert not FRACTION.findall(seen), (code, seen)
            assert "序时 4" in seen or "expected 4" in seen, seen  # 7 × 226/364 = 4.34, rounded down
        printed = text(client.get(reverse("targets:board"), {"print": 1}).content.decode())
        assert not FRACTION.findall(printed)
        for target in counted:
            page = client.get(target.get_absolute_url()).content.decode()
            facts = text(re.search(r'<dl class="row small mt-3 mb-0">.*?</dl>', page, flags=re.S).group(0))
            assert not FRACTION.findall(facts), facts
            chart = json.loads(re.search(r'id="chart-target-trend"[^>]*>(.*?)</script>', page, flags=re.S).group(1))
            points = [p for series in chart["series"] for p in series["data"] if p is not None]
            assert points and all(isinstance(p, int) for p in points), points
            public = text(client.get(target.get_public_url()).content.decode())
            assert not FRACTION.findall(public), public
        body = client.get("/api/v1/targets/", {"page_size": 100}).json()
        api_rows = body["results"] if isinstance(body, dict) else body
        for row in api_rows:
            assert "." not in row["figure"] + row["actual"] + row["expected"], row
            assert row["expected"] == "4"
        values = client.get(f"/api/v1/targets/{counted[0].pk}/values/").json()
        assert [v["value"] for v in values] == ["2"]
        sheet = load_workbook(io.BytesIO(client.get(reverse("targets:board_export")).content)).active
        for line in list(sheet.iter_rows(values_only=True))[1:]:
            assert all(isinstance(cell, int) for cell in (line[3], line[5], line[6])), line
        doc = Document(io.BytesIO(client.get(reverse("channels:document_export", args=["targets_board"])).content))
        cells = [[c.text for c in r.cells] for r in doc.tables[0].rows][1:]
        assert cells and not any(FRACTION.findall(c[3] + c[4]) for c in cells)
        csv_text = client.get(reverse("targets:open_data_csv")).content.decode("utf-8-sig")
        assert not FRACTION.findall(",".join(line.split(",")[5] for line in csv_text.splitlines()[1:]))


def test_a_fractional_count_is_refused_and_nothing_saved(users, units, households, make_target):
    with pytest.raises(ValidationError) as exc:
        services.quotas_set(target=households, quotas={units.town: "400.5", units.other_town: "199.5"},
                            user=users.office)
    assert "“400.5”不是整数" in str(exc.value)
    assert sorted(Quota.objects.filter(target=households).values_list("figure", flat=True)) == [200, 400]
    target = make_target(figure=Decimal(12), measure="次")
    target.figure = Decimal("12.5")
    with pytest.raises(ValidationError) as exc:
        services.target_save(target=target, user=users.office)
    assert "“12.5”不是整数" in str(exc.value)
    target.refresh_from_db()
    assert target.figure == 12
    with pytest.raises(ValidationError) as exc:
        services.parse_amount("10.74", measure="次")
    assert "“10.74”不是整数" in str(exc.value)
    assert services.parse_amount("120.5", measure="万元") == Decimal("120.5")
    with pytest.raises(ValidationError) as exc:
        services.parse_amount("120.555", measure="万元")
    assert "最多保留 2 位小数" in str(exc.value)
