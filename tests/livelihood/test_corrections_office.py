"""Corrections (纠错, issue 27): the office reassigns a correction to the right lead unit (with a reason, in the
history, the new unit told) and removes spam (confirmed, soft: hidden everywhere, kept in the history); the
scoped API /api/v1/corrections/ (list, detail, answer, publish; reassign and remove for the office)."""

import pytest

from livelihood import corrections
from livelihood.models import Correction
from org.models import Notice

pytestmark = pytest.mark.django_db
TEXT = "第三季度进度写的是 60%，实际管网已经全部铺完。"
API = "/api/v1/corrections/"


@pytest.fixture
def correction(task):
    """A citizen's correction of the task, in its lead unit's (the department's) queue."""
    return Correction.objects.create(task=task, unit=task.lead_unit, text=TEXT, contact="13800000000")


# --- reassign -----------------------------------------------------------------------------------------------
def test_the_office_reassigns_a_correction_with_a_reason_and_the_new_unit_is_told(client, correction, units, users):
    client.force_login(users.office)
    page = client.get(f"/corrections/staff/{correction.pk}/").content.decode()
    assert f'href="/corrections/staff/{correction.pk}/reassign/"' in page
    form = client.get(f"/corrections/staff/{correction.pk}/reassign/").content.decode()
    assert units.town.name in form and f'value="{units.dept.pk}"' not in form  # not to the unit it is with

    response = client.post(f"/corrections/staff/{correction.pk}/reassign/",
                           {"unit": units.town.pk, "reason": "管网由镇里牵头"})
    assert response.status_code == 302 and response["Location"] == f"/corrections/staff/{correction.pk}/"
    correction.refresh_from_db()
    assert correction.unit == units.town
    record = correction.history.first()
    assert record.history_user == users.office and "管网由镇里牵头" in record.history_change_reason
    assert units.dept.name in record.history_change_reason and units.town.name in record.history_change_reason
    notice = Notice.objects.get(recipient=users.reporter)
    assert "改派" in notice.title and "管网由镇里牵头" in notice.body and TEXT[:10] in notice.body
    # The queue follows: the town's reporter has it now, the department's no more.
    client.force_login(users.reporter)
    assert TEXT[:10] in client.get("/corrections/staff/").content.decode()
    assert client.get(f"/corrections/staff/{correction.pk}/").status_code == 200
    client.force_login(users.dept_reporter)
    assert TEXT[:10] not in client.get("/corrections/staff/").content.decode()
    assert client.get(f"/corrections/staff/{correction.pk}/").status_code == 404
    # The history shows on the page.
    client.force_login(users.office)
    assert "管网由镇里牵头" in client.get(f"/corrections/staff/{correction.pk}/").content.decode()


def test_a_reassignment_without_a_reason_to_the_same_unit_or_of_an_answered_correction_is_refused(
        client, correction, units, users):
    client.force_login(users.office)
    url = f"/corrections/staff/{correction.pk}/reassign/"
    response = client.post(url, {"unit": units.town.pk, "reason": "  "})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    with pytest.raises(corrections.DomainError, match="已在该单位"):
        corrections.correction_reassign(user=users.office, correction=correction, unit=units.dept, reason="重复")
    corrections.correction_answer(user=users.dept_reporter, correction=correction, answer="已更正", publish=False)
    response = client.post(url, {"unit": units.town.pk, "reason": "改派"})
    assert response.status_code == 200 and "已答复" in response.content.decode()
    correction.refresh_from_db()
    assert correction.unit == units.dept and not Notice.objects.filter(recipient=users.reporter).exists()


@pytest.mark.parametrize("who", ["dept_reporter", "reporter", "leader", "safety", "orgdept", "nobody"])
def test_only_the_office_reassigns_or_removes(client, correction, units, users, who):
    client.force_login(getattr(users, who))
    for action, data in (("reassign", {"unit": units.town.pk, "reason": "越权"}),
                         ("remove", {"removed_as": "spam", "confirm": "on"})):
        url = f"/corrections/staff/{correction.pk}/{action}/"
        assert client.get(url).status_code == 404, (who, action)
        assert client.post(url, data).status_code == 404, (who, action)
    with pytest.raises(corrections.DomainError):
        corrections.correction_reassign(user=getattr(users, who), correction=correction, unit=units.town,
                                        reason="越权")
    correction.refresh_from_db()
    assert correction.unit == units.dept and correction.removed_at is None
    if who == "dept_reporter":  # the unit answers but sees no office buttons
        page = client.get(f"/corrections/staff/{correction.pk}/").content.decode()
        assert "/reassign/" not in page and "/remove/" not in page


def test_anonymous_visitors_are_sent_to_sign_in(client, correction):
    for action in ("reassign", "remove"):
        response = client.post(f"/corrections/staff/{correction.pk}/{action}/", {"reason": "x"})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- remove (spam) ------------------------------------------------------------------------------------------
def test_the_office_removes_spam_after_confirming_and_it_is_hidden_everywhere_but_kept(
        client, correction, task, users):
    corrections.correction_answer(user=users.dept_reporter, correction=correction, answer="广告答复", publish=True)
    client.force_login(users.office)
    form = client.get(f"/corrections/staff/{correction.pk}/remove/").content.decode()
    assert "data-confirm=" in form
    url = f"/corrections/staff/{correction.pk}/remove/"
    response = client.post(url, {"removed_as": "spam"})  # not confirmed: nothing happens
    assert response.status_code == 200
    correction.refresh_from_db()
    assert correction.removed_at is None

    response = client.post(url, {"removed_as": "spam", "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/corrections/staff/"
    correction.refresh_from_db()
    assert correction.removed_at and correction.removed_by == users.office and correction.removed_as == "spam"
    assert Correction.objects.filter(pk=correction.pk).exists()  # soft
    assert correction.history.first().history_change_reason.startswith("删除")
    # Gone from the queue, the public page (its published answer too), the reminders and the API ...
    assert TEXT[:10] not in client.get("/corrections/staff/").content.decode()
    assert client.get(API).json()["count"] == 0
    assert client.get(f"{API}{correction.pk}/").status_code == 404
    assert corrections.overdue(Correction.objects.all()) == []
    client.logout()
    assert "广告答复" not in client.get(task.get_absolute_url()).content.decode()
    # ... kept for the office in its "removed" list and on its page; the unit no more reaches it.
    client.force_login(users.office)
    removed = client.get("/corrections/staff/?removed=1").content.decode()
    assert TEXT[:10] in removed
    page = client.get(f"/corrections/staff/{correction.pk}/").content.decode()
    assert 'data-testid="correction-removed"' in page and "/remove/" not in page
    assert client.post(url, {"removed_as": "spam", "confirm": "on"}).status_code == 404  # not twice
    client.force_login(users.dept_reporter)
    assert client.get(f"/corrections/staff/{correction.pk}/").status_code == 404
    assert TEXT[:10] not in client.get("/corrections/staff/?removed=1").content.decode()
    with pytest.raises(corrections.DomainError, match="已被考核办删除"):
        corrections.correction_answer(user=users.dept_reporter, correction=correction, answer="再答", publish=True)


def test_a_removal_for_another_reason_needs_the_reason(client, correction, users):
    client.force_login(users.office)
    url = f"/corrections/staff/{correction.pk}/remove/"
    response = client.post(url, {"removed_as": "other", "confirm": "on", "reason": ""})
    assert response.status_code == 200 and "请说明删除理由" in response.content.decode()
    correction.refresh_from_db()
    assert correction.removed_at is None
    client.post(url, {"removed_as": "other", "confirm": "on", "reason": "重复提交"})
    correction.refresh_from_db()
    assert correction.removal_reason == "重复提交" and correction.removed_as == "other"


# --- the API ------------------------------------------------------------------------------------------------
def test_the_api_lists_the_callers_scope_and_404s_outside_it(client, correction, users):
    assert client.get(API).status_code == 401
    assert client.get(f"{API}{correction.pk}/").status_code == 401
    for user in (users.dept_reporter, users.office, users.admin):
        client.force_login(user)
        body = client.get(API).json()
        assert body["count"] == 1 and body["results"][0]["text"] == TEXT, user
        detail = client.get(f"{API}{correction.pk}/").json()
        assert detail["unit"] == "t-dept" and detail["task"] == "2026-7" or detail["task"], user
        assert detail["due"] and detail["answer_public"] is False
    for user in (users.reporter, users.other_reporter):
        client.force_login(user)
        assert client.get(API).json()["count"] == 0, user
        assert client.get(f"{API}{correction.pk}/").status_code == 404, user
        response = client.post(f"{API}{correction.pk}/answer/", {"answer": "越权"}, content_type="application/json")
        assert response.status_code == 404, user
    for user in (users.leader, users.safety, users.orgdept, users.nobody):
        client.force_login(user)
        assert client.get(API).status_code == 404, user
        assert client.get(f"{API}{correction.pk}/").status_code == 404, user
    correction.refresh_from_db()
    assert correction.answer == ""


def test_the_unit_answers_and_publishes_through_the_api(client, correction, task, users):
    client.force_login(users.dept_reporter)
    url = f"{API}{correction.pk}/"
    response = client.post(f"{url}publish/", {"publish": True}, content_type="application/json")
    assert response.status_code == 400 and "先答复" in str(response.json())
    response = client.post(f"{url}answer/", {"answer": " "}, content_type="application/json")
    assert response.status_code == 400
    response = client.post(f"{url}answer/", {"answer": "已核实，进度已更正。"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["answer_public"] is False
    correction.refresh_from_db()
    assert correction.answered_by == users.dept_reporter
    assert "已核实" not in client.get(task.get_absolute_url()).content.decode()
    response = client.post(f"{url}publish/", {"publish": True}, content_type="application/json")
    assert response.status_code == 200 and response.json()["answer_public"] is True
    client.logout()
    assert "已核实，进度已更正。" in client.get(task.get_absolute_url()).content.decode()
    client.force_login(users.office)
    assert client.post(f"{url}publish/", {"publish": False}, content_type="application/json").status_code == 200
    client.logout()
    assert "已核实，进度已更正。" not in client.get(task.get_absolute_url()).content.decode()
    assert client.get(f"{API}?open=1").status_code == 401


def test_the_office_reassigns_and_removes_through_the_api_and_no_one_else(client, correction, units, users):
    url = f"{API}{correction.pk}/"
    client.force_login(users.dept_reporter)
    for action, data in (("reassign", {"unit": "t-town", "reason": "越权"}), ("remove", {"removed_as": "spam"})):
        assert client.post(f"{url}{action}/", data, content_type="application/json").status_code == 404
    client.force_login(users.office)
    response = client.post(f"{url}reassign/", {"unit": "t-town"}, content_type="application/json")
    assert response.status_code == 400 and "reason" in response.json()
    response = client.post(f"{url}reassign/", {"unit": "t-town", "reason": "镇里牵头"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["unit"] == "t-town"
    assert Notice.objects.filter(recipient=users.reporter, body__contains="镇里牵头").exists()
    assert client.post(f"{url}remove/", {"removed_as": "spam"}, content_type="application/json").status_code == 204
    correction.refresh_from_db()
    assert correction.unit == units.town and correction.removed_at is not None
    assert client.get(url).status_code == 404
