"""Corrections from citizens (纠错, issue 27): from the public page to the lead unit's answer, published as
"答复"; the three-working-day reminder by the official calendar; spam, oversized, replayed and markup-laden
messages; the staff queue's scope."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import signing

from gaoyou_portal.models import Job
from livelihood import corrections
from livelihood.models import Correction
from org.models import Notice
from reporting.choices import DayKind
from reporting.models import CalendarDay
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db
FORM = "/corrections/task/2026/7/"


def _fresh_form(client, url=FORM):
    """The form's token and the answer to its question (read back from the signed token, as a person would)."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"\d 加 \d 等于几？", html), html
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    return token, str(signing.loads(token, salt=corrections.SALT)["r"])


def _send(client, url=FORM, **fields):
    token, answer = _fresh_form(client, url)
    data = {"text": "第三季度进度写的是 60%，实际管网已经全部铺完。", "contact": "13800000000", "token": token,
            "answer": answer, **fields}
    return client.post(url, data)


def test_a_citizens_correction_reaches_the_lead_unit_whose_published_answer_shows_as_答复(client, task, users):
    page = client.get(task.get_absolute_url()).content.decode()
    assert 'data-testid="correction"' in page and f'hx-get="{FORM}"' in page and 'data-testid="answers"' not in page

    response = _send(client)
    assert response.status_code == 200 and 'data-testid="correction-sent"' in response.content.decode()
    correction = Correction.objects.get()
    assert (correction.task, correction.unit, correction.contact) == (task, task.lead_unit, "13800000000")
    assert correction.text.startswith("第三季度进度")
    # The lead unit is told (in-app; the e-mail through the outbox), the other responsible unit is not.
    assert Notice.objects.filter(recipient=users.dept_reporter, title__contains=task.title).exists()
    assert not Notice.objects.filter(recipient=users.reporter).exists()
    assert Job.objects.filter(task="portal.send_mails").exists() or not users.dept_reporter.email

    # The unit answers and publishes.
    client.force_login(users.dept_reporter)
    listing = client.get("/corrections/staff/").content.decode()
    assert "第三季度进度" in listing
    url = f"/corrections/staff/{correction.pk}/"
    response = client.post(url, {"answer": "已核实，进度已更正为 100%。", "publish": "on"})
    assert response.status_code == 302
    correction.refresh_from_db()
    assert correction.answer_public and correction.answered_by == users.dept_reporter
    assert correction.history.first().history_user == users.dept_reporter
    client.logout()
    page = client.get(task.get_absolute_url()).content.decode()
    assert 'data-testid="answers"' in page and "<strong>答复</strong>" in page and "已核实，进度已更正为 100%。" in page


def test_an_answer_not_published_stays_off_the_public_page(client, task, users):
    _send(client)
    correction = Correction.objects.get()
    corrections.correction_answer(user=users.office, correction=correction, answer="内部答复", publish=False)
    page = client.get(task.get_absolute_url()).content.decode()
    assert "内部答复" not in page and 'data-testid="answers"' not in page


def test_the_staff_queue_is_scoped_to_the_lead_unit_and_the_office(client, task, users):
    _send(client)
    correction = Correction.objects.get()
    url = f"/corrections/staff/{correction.pk}/"
    for user in (users.dept_reporter, users.office, users.admin):
        client.force_login(user)
        assert client.get(url).status_code == 200, user
        assert "第三季度进度" in client.get("/corrections/staff/").content.decode(), user
    # The task's other responsible unit, another town, and the roles without a queue: 404, nothing written.
    for user in (users.reporter, users.other_reporter):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
        assert client.post(url, {"answer": "越权"}).status_code == 404, user
        assert "第三季度进度" not in client.get("/corrections/staff/").content.decode(), user
    for user in (users.leader, users.safety, users.orgdept):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
        assert client.get("/corrections/staff/").status_code == 404, user
    correction.refresh_from_db()
    assert correction.answer == ""


@pytest.mark.date_dependent
def test_the_office_sees_and_the_unit_is_reminded_of_corrections_unanswered_after_three_working_days(
        client, task, users):
    shanghai = ZoneInfo("Asia/Shanghai")
    with time_machine.travel(datetime.datetime(2026, 12, 4, 10, tzinfo=shanghai), tick=False):  # a Friday
        _send(client)
    correction = Correction.objects.get()
    assert corrections.answer_due(correction.received_at) == datetime.date(2026, 12, 9)  # Mon, Tue, Wed
    with time_machine.travel(datetime.datetime(2026, 12, 9, 18, tzinfo=shanghai), tick=False):
        client.force_login(users.office)
        assert corrections.corrections_remind() == 0
        assert "第三季度进度" not in client.get("/corrections/staff/?late=1").content.decode()
    before = Notice.objects.filter(recipient=users.dept_reporter).count()
    with time_machine.travel(datetime.datetime(2026, 12, 10, 8, 30, tzinfo=shanghai), tick=False):
        assert corrections.corrections_remind() == 1
        assert corrections.corrections_remind() == 0  # once a day
        client.force_login(users.office)
        late = client.get("/corrections/staff/?late=1").content.decode()
        assert "第三季度进度" in late and "table-danger" in late
    notices = Notice.objects.filter(recipient=users.dept_reporter).order_by("-id")
    assert notices.count() == before + 1 and "三个工作日" in notices.first().title
    assert not Notice.objects.filter(recipient=users.reporter).exists()
    correction.refresh_from_db()
    assert correction.reminded_on == datetime.date(2026, 12, 10)


@pytest.mark.date_dependent
def test_the_three_working_days_follow_the_official_calendar(task):
    CalendarDay.objects.update_or_create(date=datetime.date(2026, 12, 8), defaults={"kind": DayKind.HOLIDAY,
                                                                                    "name": "测试假日"})
    received = datetime.datetime(2026, 12, 4, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert corrections.answer_due(received) == datetime.date(2026, 12, 10)
    with time_machine.travel(datetime.datetime(2026, 12, 10, 20, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        Correction.objects.create(task=task, unit=task.lead_unit, text="x", received_at=received)
        assert corrections.corrections_remind() == 0


def test_a_wrong_answer_a_forged_or_replayed_form_changes_nothing(client, task):
    token, answer = _fresh_form(client)
    wrong = client.post(FORM, {"text": "错了", "token": token, "answer": str(int(answer) + 1)})
    assert wrong.status_code == 400 and "问题的答案不对" in wrong.content.decode()
    forged = client.post(FORM, {"text": "错了", "token": token[:-3] + "abc", "answer": answer})
    assert forged.status_code == 400 and "表单已损坏" in forged.content.decode()
    assert not Correction.objects.exists()
    assert client.post(FORM, {"text": "错了", "token": token, "answer": answer}).status_code == 200
    replay = client.post(FORM, {"text": "错了", "token": token, "answer": answer})
    assert replay.status_code == 400 and "已经提交过" in replay.content.decode()
    other = client.post(f"/corrections/task/2026/{task.number}/", {"text": "x", "token": "", "answer": "1"})
    assert other.status_code == 400
    assert Correction.objects.count() == 1


def test_spam_and_oversized_messages_are_refused_and_markup_is_kept_as_plain_text(client, task, users):
    long = _send(client, text="长" * 2001)
    assert long.status_code == 400 and "最多 2000 个字" in long.content.decode()
    links = _send(client, text="便宜 http://a.example http://b.example www.c.example")
    assert links.status_code == 400 and "广告" in links.content.decode()
    bot = _send(client, website="http://spam.example")
    assert bot.status_code == 400
    empty = _send(client, text="   ")
    assert empty.status_code == 400 and "请写明" in empty.content.decode()
    assert not Correction.objects.exists()

    assert _send(client, text='<script>alert(1)</script><b>进度</b>').status_code == 200
    correction = Correction.objects.get()
    assert correction.text == "<script>alert(1)</script><b>进度</b>"  # stored as typed, shown as text
    corrections.correction_answer(user=users.office, correction=correction, answer="<i>已更正</i>", publish=True)
    page = client.get(task.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "&lt;i&gt;已更正&lt;/i&gt;" in page
    client.force_login(users.office)
    staff = client.get(f"/corrections/staff/{correction.pk}/").content.decode()
    assert "&lt;b&gt;进度&lt;/b&gt;" in staff and "<b>进度</b>" not in staff


def test_corrections_are_rate_limited_per_address(client, task):
    for _i in range(5):
        assert _send(client).status_code == 200
    refused = _send(client)
    assert refused.status_code == 429 and "一小时后再试" in refused.content.decode()
    assert Correction.objects.count() == 5


def test_a_public_projects_correction_goes_to_its_responsible_unit(client, units, users):
    project = ProjectFactory(responsible_unit=units.town, is_public=True)
    hidden = ProjectFactory(responsible_unit=units.town)
    assert client.get(f"/corrections/project/{hidden.code}/").status_code == 404
    page = client.get(f"/projects/public/{project.code}/").content.decode()
    assert f'hx-get="/corrections/project/{project.code}/"' in page
    assert _send(client, f"/corrections/project/{project.code}/").status_code == 200
    correction = Correction.objects.get()
    assert (correction.project, correction.unit) == (project, units.town)
    corrections.correction_answer(user=users.reporter, correction=correction, answer="已改正里程碑日期", publish=True)
    assert "已改正里程碑日期" in client.get(f"/projects/public/{project.code}/").content.decode()


def test_the_form_loads_into_the_page_as_a_fragment_and_the_pages_stay_cookie_free(client, task):
    fragment = client.get(FORM, HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert "<html" not in html and 'id="correction-box"' in html and fragment["Cache-Control"].startswith("max-age=0")
    assert not client.get(FORM).cookies and not client.get(task.get_absolute_url()).cookies


def test_the_queue_reads_in_a_constant_number_of_queries(client, task, users, django_assert_max_num_queries):
    for i in range(3):
        Correction.objects.create(task=task, unit=task.lead_unit, text=f"留言{i}")
    client.force_login(users.office)
    client.get("/corrections/staff/")
    with django_assert_max_num_queries(14) as few:
        assert client.get("/corrections/staff/").status_code == 200
    for i in range(20):
        Correction.objects.create(task=task, unit=task.lead_unit, text=f"更多留言{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/corrections/staff/").status_code == 200
