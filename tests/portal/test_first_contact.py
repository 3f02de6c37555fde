"""Issue 10, "first contact": what a newcomer sees on the first screens of every role."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cadres.models import Cadre
from projects.models import Blocker
from projects.sprint.models import ConsequenceCase
from tests.cadres.factories import CadreFactory
from tests.projects.factories import ProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.date_dependent]


# --- finding 1: no query string means the default filter, never nothing ---------------------------------------
def test_project_list_without_a_query_string_lists_the_projects(client, users, units):
    ProjectFactory(name="甲镇新能源项目", responsible_unit=units.town)
    client.force_login(users.reporter)
    response = client.get(reverse("projects:project_list"))
    assert response.status_code == 200
    assert "甲镇新能源项目" in response.content.decode()
    assert response.context["paginator"].count == 1


def test_consequence_case_list_without_a_query_string_lists_the_cases(client, users, units):
    ConsequenceCase.objects.create(unit=units.town, year=2026, kind="no_awards", evidence="两次黄旗")
    client.force_login(users.office)
    response = client.get(reverse("sprint:case_list"))
    assert response.status_code == 200
    assert list(response.context["object_list"]) == list(ConsequenceCase.objects.all())


def test_cadre_list_without_a_query_string_lists_the_cadres(client, users, units):
    CadreFactory(unit=units.town)
    client.force_login(users.orgdept)
    response = client.get(reverse("cadres:cadre_list"))
    assert response.status_code == 200
    assert response.context["paginator"].count == Cadre.objects.count() == 1


# --- finding 3: titles "page · site", no English labels ---------------------------------------------------------
def test_tab_titles_read_page_then_site(client, users):
    client.force_login(users.reporter)
    page = client.get(reverse("dashboard")).content.decode()
    assert "<title>工作台 · 高邮市高质量发展目标管理平台</title>" in page
    assert 'aria-label="当前位置"' in client.get(reverse("sprint:scheme_list")).content.decode()


def test_sort_and_filter_choices_are_in_chinese(client, users):
    client.force_login(users.office)
    page = client.get(reverse("sprint:case_list")).content.decode()
    for english in ("Year", "Proposed at", "descending", "---------"):
        assert english not in page
    assert "年度（降序）" in page and "全部" in page
    client.force_login(users.orgdept)
    page = client.get(reverse("cadres:cadre_list")).content.decode()
    assert "姓名（降序）" in page and "未知" not in page and "---------" not in page


# --- finding 4: the right words -----------------------------------------------------------------------------------
def test_a_cadres_rank_reads_zhiji_and_a_units_rank_reads_mingci(client, users, units):
    cadre = CadreFactory(unit=units.town)
    client.force_login(users.orgdept)
    for url in (reverse("cadres:cadre_list"), reverse("cadres:cadre_detail", args=[cadre.pk])):
        page = client.get(url).content.decode()
        assert "职级" in page and "名次" not in page, url


def test_the_cadre_types_are_described_in_the_articles_words():
    from django.utils import translation

    from cadres.choices import CadreType

    with translation.override("zh-hans"):
        labels = [str(label) for label in CadreType.labels]
    assert "老黄牛型（埋头苦干、实绩突出）" in labels
    assert "狮子型（善解难题、攻坚克难）" in labels
    assert "猎豹型（思维敏捷、开拓创新）" in labels


def test_investment_ahead_of_plan_reads_ahead_not_minus_behind():
    from django.utils import translation

    from projects.templatetags.projects_tags import points_gap

    with translation.override("zh-hans"):
        assert points_gap(-0.9) == "超前 0.9 个百分点"
        assert points_gap(3.25) == "落后 3.2 个百分点"


# --- finding 5: a history people can read ---------------------------------------------------------------------------
def test_project_history_shows_labels_names_and_local_minutes(client, users, units):
    from projects import services
    from tests.projects.factories import link_leader

    project = ProjectFactory(responsible_unit=units.town)
    link_leader(project, users.leader.leader)
    users.leader.first_name = "王市长"
    users.leader.save()
    deadline = timezone.localdate() + timedelta(days=9)
    blocker = services.blocker_raise(project=project, title="用地指标", deadline=deadline, user=users.reporter)
    services.blocker_resolve(blocker=blocker, resolution="已协调", user=users.leader)
    client.force_login(users.reporter)
    page = client.get(reverse("projects:project_detail", args=[project.pk]) + "?changes=all").content.decode()
    assert '状态：<del class="text-muted">未解决</del> → <ins>已解决</ins>' in page
    assert "open" not in page and "resolved" not in page
    assert "<ins>王市长</ins>" in page and f"<ins>{users.leader.pk}</ins>" not in page
    resolved_at = timezone.localtime(Blocker.objects.get().resolved_at).strftime("%Y-%m-%d %H:%M")
    assert f"<ins>{resolved_at}</ins>" in page and "+00:00" not in page


def test_race_history_and_page_show_no_digest(client, users, units):
    from projects.sprint import services
    from tests.sprint.factories import make_scheme

    make_scheme([units.town, units.other_town])
    users.office.first_name = "考核办李科长"
    users.office.save()
    run = services.race_score(year=2026, quarter=1, today=date(2026, 11, 28))
    services.race_publish(race=run.race, user=users.office)
    race = run.race
    race.refresh_from_db()
    assert len(race.input_digest) == 64
    client.force_login(users.office)
    page = client.get(reverse("sprint:race_detail", args=[race.pk])).content.decode()
    assert race.input_digest[:12] not in page
    history = page.split('id="history-heading"')[1]
    assert "发布人：<del class=\"text-muted\">—</del> → <ins>考核办李科长</ins>" in history
    assert "状态：<del class=\"text-muted\">草稿</del> → <ins>已发布</ins>" in history


# --- finding 8: an explanation owed after year end is seen ----------------------------------------------------------
def test_an_explanation_owed_after_year_end_shows_on_this_month_the_office_list_and_the_public_pages(
        client, users, units):
    from tests.livelihood.factories import TaskFactory

    last_year = timezone.localdate().year - 1
    owed = TaskFactory(year=last_year, number=7, title="老旧小区加装电梯", lead_unit=units.town,
                       deadline=date(last_year, 12, 31), percent=60)
    TaskFactory(year=last_year, number=8, title="别镇的事", lead_unit=units.other_town,
                deadline=date(last_year, 12, 31))
    assert owed.explanation_owed
    client.force_login(users.reporter)
    page = client.get(reverse("projects:this_month")).content.decode()
    assert "老旧小区加装电梯" in page and "须向公众作出说明" in page and "别镇的事" not in page
    assert reverse("livelihood:explanation_edit", args=[owed.pk]) in page
    client.force_login(users.office)
    page = client.get(reverse("livelihood:task_list")).content.decode()
    assert f"?year={last_year}&amp;needs_explanation=true" in page and "2 项应作说明" in page
    listed = client.get(reverse("livelihood:task_list"), {"year": last_year, "needs_explanation": "true"})
    assert {t.number for t in listed.context["object_list"]} == {7, 8}
    client.logout()
    assert "说明待发布" in client.get(reverse("livelihood:public_list"), {"year": last_year}).content.decode()
    assert "说明待发布" in client.get(owed.get_absolute_url()).content.decode()


# --- findings 9 and 11: what is seen in the browser -----------------------------------------------------------------
def test_the_navigation_marks_this_month_not_projects_on_the_upload_page(client, users):
    client.force_login(users.reporter)
    page = client.get(reverse("projects:report_upload")).content.decode()
    active = [line for line in page.splitlines() if 'class="nav-link active"' in line]
    assert len(active) == 1 and reverse("projects:this_month") in active[0]


def test_lights_and_flags_differ_in_shape_and_icon(client, users, units):
    ProjectFactory(responsible_unit=units.town)
    client.force_login(users.leader)
    page = client.get(reverse("projects:project_list")).content.decode()
    assert "bi-stoplights-fill" in page and "bi-flag" not in page.split("<main")[1]
    from django.template.loader import render_to_string

    flag = render_to_string("sprint/_flag.html", {"flag": "red"})
    assert "flag-badge" in flag and "bi-flag-fill" in flag and "stoplights" not in flag


def test_decorative_icons_are_hidden_from_screen_readers(client, users):
    import re

    client.force_login(users.office)
    for url in (reverse("dashboard"), reverse("sprint:home"), reverse("projects:project_list")):
        icons = re.findall(r'<i class="bi [^>]*>', client.get(url).content.decode())
        assert icons and all("aria-hidden" in i or "aria-label" in i for i in icons), url


def test_citizens_see_no_api_link_and_an_overdue_task_has_a_red_bar(client, units):
    from tests.livelihood.factories import TaskFactory

    year = timezone.localdate().year
    task = TaskFactory(year=year, number=3, lead_unit=units.town, deadline=date(year, 1, 31), percent=40)
    task.status = "overdue"
    task.save()
    page = client.get(task.get_absolute_url()).content.decode()
    assert "/api/" not in page and ">JSON<" not in page
    assert "progress-bar bg-danger" in page


def test_the_filters_say_all_not_dashes_or_unknown(client, users):
    client.force_login(users.safety)
    page = client.get(reverse("safety:firm_list")).content.decode()
    assert "---------" not in page and "未知" not in page and ">全部<" in page
