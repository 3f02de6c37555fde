"""The pages, by role: who sees what, who acts, the drill-down, exports, and fixed query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from projects.sprint.choices import RaceStatus
from projects.sprint.models import ConsequenceCase, ScoringRun, SprintRace, SprintScore
from tests.factories import UnitFactory
from tests.helpers.permissions import assert_access, assert_constant_queries

from .factories import add_project

pytestmark = pytest.mark.django_db


def _score(race, unit):
    return SprintScore.objects.get(race=race, unit=unit)


def test_the_dashboard_shows_rankings_and_flags_to_staff(client, users, scored):
    race, _scheme, _project = scored
    responses = assert_access(client, "/sprint/", inside=[users.leader, users.office, users.reporter, users.safety],
                              outside=[users.nobody])
    page = responses["t-leader"].content.decode()
    assert "测试甲镇" in page and 'data-flag="red"' in page and 'data-flag="yellow"' in page
    assert "chart-town" in page


def test_a_draft_race_is_hidden_from_reporters_and_anonymous(client, users, scored):
    race, _scheme, _project = scored
    race.status = RaceStatus.DRAFT
    race.save()
    assert_access(client, f"/sprint/races/{race.pk}/", inside=[users.office, users.leader],
                  outside=[users.reporter, users.safety, users.nobody])
    assert_access(client, f"/api/v1/sprint/races/{race.pk}/", inside=[users.office], outside=[users.reporter],
                  anonymous=401)
    assert not SprintRace.objects.visible_to(AnonymousUser()).exists()


def test_a_published_race_its_breakdowns_trends_and_scheme_are_read_by_all_staff(client, users, units, scored):
    """Issue 10, finding 2: a published race is circulated to every unit, as the printed bulletin is."""
    race, scheme, project = scored
    staff = [users.reporter, users.other_reporter, users.dept_reporter, users.safety, users.orgdept, users.leader,
             users.office, users.admin]
    other = _score(race, units.other_town)
    indicator = scheme.ind["invest"]
    for url in (f"/sprint/races/{race.pk}/", f"/sprint/races/{race.pk}/scores/{other.pk}/",
                f"/sprint/races/{race.pk}/scores/{other.pk}/indicators/{indicator.pk}/",
                f"/sprint/units/{units.other_town.code}/?year=2026", "/sprint/schemes/", "/sprint/schemes/2026/"):
        assert_access(client, url, inside=staff, outside=[users.nobody])


def test_a_draft_race_and_its_scores_stay_with_the_office_leaders_and_administrators(client, users, units, scored):
    from projects.sprint import services

    race, _scheme, _project = scored
    services.race_reopen(race=race, user=users.office, reason="重新核分")
    own = _score(race, units.town)
    for url in (f"/sprint/races/{race.pk}/", f"/sprint/races/{race.pk}/scores/{own.pk}/"):
        assert_access(client, url, inside=[users.office, users.leader, users.admin],
                      outside=[users.reporter, users.safety, users.orgdept, users.nobody])
    client.force_login(users.reporter)
    trend = client.get(f"/sprint/units/{units.town.code}/?year=2026")
    assert trend.status_code == 200 and not trend.context["by_q"]


def test_no_link_on_the_sprint_home_leads_a_reporter_to_a_404(client, users, units, scored):
    import re

    client.force_login(users.reporter)
    page = client.get("/sprint/").content.decode()
    links = set(re.findall(r'href="(/sprint/[^"#]*)"', page))
    assert any("/scores/" in link for link in links) and "/sprint/schemes/" in links
    assert any("/sprint/units/" in link for link in links)
    for link in links:
        assert client.get(link.replace("&amp;", "&")).status_code == 200, link


def test_the_drill_down_reaches_the_projects_behind_a_figure(client, users, units, scored):
    race, scheme, project = scored
    client.force_login(users.leader)
    score = _score(race, units.town)
    page = client.get(f"/sprint/races/{race.pk}/scores/{score.pk}/").content.decode()
    assert "完成投资" in page and "400.00" in page
    url = f"/sprint/races/{race.pk}/scores/{score.pk}/indicators/{scheme.ind['invest'].pk}/"
    page = client.get(url).content.decode()
    assert f'href="/projects/{project.pk}/"' in page and project.name in page
    dept = _score(race, units.dept)  # a department sees the projects it serves
    page = client.get(f"/sprint/races/{race.pk}/scores/{dept.pk}/indicators/{scheme.ind['invest'].pk}/")
    assert project.name in page.content.decode()


def test_only_the_office_scores_publishes_and_reopens(client, users, scored, django_capture_on_commit_callbacks):
    race, _scheme, _project = scored
    for user in (users.leader, users.reporter, users.safety, users.orgdept):
        client.force_login(user)
        assert client.post(f"/sprint/races/{race.pk}/reopen/", {"reason": "x"}).status_code == 404
        assert client.post("/sprint/score/", {"year": 2026, "quarter": 1}).status_code == 404
    race.refresh_from_db()
    assert race.is_published
    client.force_login(users.office)
    response = client.post(f"/sprint/races/{race.pk}/reopen/", {"reason": "数据更正"}, follow=True)
    race.refresh_from_db()
    assert race.status == RaceStatus.DRAFT and "数据更正" in race.history.first().history_change_reason
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post("/sprint/score/", {"year": 2026, "quarter": 1})
    assert len(callbacks) == 1  # the task is queued after the commit
    assert response.status_code == 302 and response["Location"] == f"/sprint/races/{race.pk}/"
    run = ScoringRun.objects.order_by("-id").first()
    assert run.status == "succeeded" and run.started_by == users.office and run.trigger == "office"
    client.post(f"/sprint/races/{race.pk}/publish/")
    race.refresh_from_db()
    assert race.is_published


def test_administrators_act_as_the_office_on_the_race(client, users, scored):
    """DESIGN: administrators change every record through the staff site except cadre records; the race's
    scope already let them (``editable_by``), the pages now agree (they refused them before)."""
    race, _scheme, _project = scored
    assert SprintRace.objects.editable_by(users.admin).filter(pk=race.pk).exists()
    client.force_login(users.admin)
    assert client.post(f"/sprint/races/{race.pk}/reopen/", {"reason": "管理员更正"}).status_code == 302
    race.refresh_from_db()
    assert race.status == RaceStatus.DRAFT
    assert client.post(f"/sprint/races/{race.pk}/publish/").status_code == 302
    race.refresh_from_db()
    assert race.is_published


def test_rescoring_a_published_race_shows_the_message_and_changes_nothing(client, users, scored):
    race, _scheme, _project = scored
    before = list(race.scores.values_list("id", "score"))
    client.force_login(users.office)
    response = client.post("/sprint/score/", {"year": 2026, "quarter": 1}, follow=True)
    assert "已发布" in response.content.decode()
    assert list(race.scores.values_list("id", "score")) == before


def test_scoring_a_future_quarter_is_refused_with_a_message(client, users, scored):
    client.force_login(users.office)
    future = timezone.localdate().year + 1  # a quarter that has not begun, whatever the day
    response = client.post("/sprint/score/", {"year": future, "quarter": 1}, follow=True)
    assert not SprintRace.objects.filter(year=future).exists()
    assert response.status_code == 200 and ScoringRun.objects.filter(year=future).count() == 0


def test_the_bulletin_and_the_excel_export(client, users, scored):
    import io

    from openpyxl import load_workbook

    race, _scheme, _project = scored
    assert_access(client, f"/sprint/races/{race.pk}/bulletin/", inside=[users.leader, users.reporter],
                  outside=[users.nobody])
    client.force_login(users.leader)
    page = client.get(f"/sprint/races/{race.pk}/bulletin/").content.decode()
    assert "data-print" in page and "sprint/sprint.css" in page
    response = client.get(f"/sprint/races/{race.pk}/export.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming
                                     else response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 5 and any("测试甲镇" in str(row) for row in rows)


def test_the_office_edits_the_scheme_in_the_browser_and_bad_weights_save_nothing(client, users, scored):
    race, scheme, _project = scored
    assert_access(client, "/sprint/schemes/2026/indicators/", inside=[users.office],
                  outside=[users.leader, users.reporter])
    client.force_login(users.office)
    indicators = list(scheme.indicators.all())
    data = {"form-TOTAL_FORMS": len(indicators), "form-INITIAL_FORMS": len(indicators)}
    for n, ind in enumerate(indicators):
        data.update({f"form-{n}-id": ind.id, f"form-{n}-code": ind.code, f"form-{n}-name": ind.name,
                     f"form-{n}-weight": "50" if n == 0 else ind.weight, f"form-{n}-measure": ind.measure,
                     f"form-{n}-groups": ind.groups, f"form-{n}-derivation": ind.derivation,
                     f"form-{n}-min_investment": "0", f"form-{n}-order": n})
    response = client.post("/sprint/schemes/2026/indicators/", data)
    assert response.status_code == 200 and "110" in response.content.decode()
    assert scheme.indicators.get(pk=indicators[0].pk).weight == 40
    data["form-0-weight"] = "30"
    data["form-1-weight"] = "50"
    assert client.post("/sprint/schemes/2026/indicators/", data).status_code == 302
    assert scheme.indicators.get(pk=indicators[0].pk).weight == 30


def test_the_office_sets_targets_and_a_zero_target_is_refused(client, users, units, scored):
    race, scheme, _project = scored
    url = f"/sprint/schemes/2026/indicators/{scheme.ind['signed'].pk}/targets/"
    assert_access(client, url, inside=[users.office], outside=[users.leader, users.reporter])
    client.force_login(users.office)
    response = client.post(url, {f"unit_{units.town.id}": "0", f"unit_{units.park.id}": "8"})
    assert response.status_code == 200
    assert scheme.ind["signed"].targets.get(unit=units.park).target == 4
    assert client.post(url, {f"unit_{units.town.id}": "6", f"unit_{units.park.id}": "8"}).status_code == 302
    assert scheme.ind["signed"].targets.get(unit=units.park).target == 8


def test_the_office_decides_a_case_and_others_cannot(client, users, units, scored):
    case = ConsequenceCase.objects.create(unit=units.town, year=2025, kind="interview", evidence="四季度综合后3位")
    assert_access(client, f"/sprint/cases/{case.pk}/", inside=[users.office, users.leader, users.orgdept,
                                                                 users.reporter],
                  outside=[users.other_reporter, users.safety])
    for user in (users.leader, users.reporter):
        client.force_login(user)
        assert client.post(f"/sprint/cases/{case.pk}/confirm/", {"reason": "x"}).status_code == 404
    client.force_login(users.office)
    client.post(f"/sprint/cases/{case.pk}/confirm/", {"reason": ""})
    case.refresh_from_db()
    assert case.status == "proposed"
    client.post(f"/sprint/cases/{case.pk}/dismiss/", {"reason": "已整改到位"})
    case.refresh_from_db()
    assert case.status == "dismissed" and case.reason == "已整改到位"
    assert_access(client, "/sprint/cases/?status=dismissed", inside=[users.office], outside=[users.nobody])


def test_the_unit_page_panel_lists_scores_and_confirmed_cases(client, users, units, scored):
    ConsequenceCase.objects.create(unit=units.town, year=2025, kind="no_awards", evidence="x", status="confirmed",
                                   reason="同意", decided_at="2026-01-05T10:00:00+08:00")
    client.force_login(users.reporter)
    page = client.get(f"/units/{units.town.code}/").content.decode()
    assert "不得评优" in page


def test_the_dashboard_panel_and_the_public_summary_show_published_results_only(client, users, scored):
    race, _scheme, _project = scored
    client.force_login(users.reporter)
    assert "甲镇" in client.get("/dashboard/").content.decode()
    client.logout()
    assert "甲镇" in client.get("/").content.decode()
    race.status = RaceStatus.DRAFT
    race.save()
    from django.core.cache import cache

    cache.clear()
    assert "甲镇" not in client.get("/").content.decode()


def test_the_ranking_dashboard_runs_a_fixed_number_of_queries(client, users, units, scored):
    race, scheme, _project = scored

    def grow():
        from projects.sprint import services
        from projects.sprint.models import AnnualTarget

        for n in range(20):
            unit = UnitFactory(code=f"grow-{n}", name=f"增长镇{n}", kind="town" if n % 2 else "department")
            for indicator in scheme.indicators.all():
                AnnualTarget.objects.create(indicator=indicator, unit=unit, target=Decimal(10))
            add_project(unit, reports=[(date(2026, 1, 1), n + 1)])
        services.race_reopen(race=race, user=users.office, reason="扩大范围")
        services.race_score(year=2026, quarter=1, today=date(2026, 11, 28))
        services.race_publish(race=race, user=users.office)

    assert_constant_queries(client, "/sprint/?year=2026&quarter=1", grow=grow, user=users.leader)
    assert race.scores.count() == 24


def test_the_race_page_shows_the_run_and_its_progress(client, users, scored):
    race, _scheme, _project = scored
    client.force_login(users.office)
    page = client.get(f"/sprint/races/{race.pk}/").content.decode()
    assert 'id="progress"' in page and "data-run-status" in page
    response = client.get(f"/sprint/races/{race.pk}/progress/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response["HX-Refresh"] == "true"
    assert_access(client, f"/sprint/races/{race.pk}/progress/", inside=[users.leader], outside=[users.reporter])
