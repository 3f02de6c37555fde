"""Issue 27: following a task. Its own Atom feed; an e-mail subscription without an account: double opt-in,
one message a day at most, one-click unsubscribe that deletes the address; links used twice or forged change
nothing; the office sees counts only."""

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from livelihood import services
from livelihood.models import Subscription
from livelihood.subscriptions import digests_send

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SH = ZoneInfo("Asia/Shanghai")


def _link(message, kind):
    return re.search(rf"http://[^\s]+/livelihood/follow/{kind}/[^\s]+/", message.body).group(0)


def _path(url):
    return url.split("127.0.0.1:8000", 1)[1] if "127.0.0.1:8000" in url else url


@pytest.fixture
def follow(client, task, django_capture_on_commit_callbacks):
    def ask(email="citizen@example.cn"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/livelihood/{task.year}/{task.number}/follow/", {"email": email})

    return ask


def test_each_task_has_its_own_atom_feed(client, task, users):
    services.update_add(task=task, user=users.reporter, date=timezone.localdate(), percent=30, text="管网铺设过半")
    response = client.get(f"/livelihood/{task.year}/{task.number}/feed/")
    root = ET.fromstring(response.content)
    assert response.status_code == 200 and not response.cookies
    assert "龙虬镇区域供水管网改造" in root.find(f"{ATOM}title").text
    assert [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")] == [f"{task.code} {task.title}: 30%"]
    page = client.get(task.get_absolute_url()).content.decode()
    assert f'href="/livelihood/{task.year}/{task.number}/feed/"' in page
    assert 'action="/livelihood/2026/7/follow/"' in page


@pytest.mark.date_dependent
def test_subscribe_confirm_get_news_once_a_day_and_unsubscribe(client, task, users, follow,
                                                              django_capture_on_commit_callbacks):
    with time_machine.travel(datetime(2026, 12, 7, 9, tzinfo=SH), tick=False):
        response = follow()
        assert response.status_code == 200 and "请查收" in response.content.decode() and not response.cookies
        assert len(mail.outbox) == 1 and mail.outbox[0].to == ["citizen@example.cn"]
        confirmation = mail.outbox[0]
        assert "List-Unsubscribe" in confirmation.extra_headers and _link(confirmation, "cancel")
        subscription = Subscription.objects.get()
        assert subscription.confirmed_at is None
        follow()  # asking again the same day sends nothing more
        assert len(mail.outbox) == 1

        confirm = _path(_link(confirmation, "confirm"))
        assert "您已关注" in client.get(confirm).content.decode()
        subscription.refresh_from_db()
        assert subscription.confirmed_at is not None
        again = client.get(confirm)  # a link used twice: a clear page, nothing changes
        assert again.status_code == 200 and "已使用过" in again.content.decode()

    with time_machine.travel(datetime(2026, 12, 7, 15, tzinfo=SH), tick=False):
        services.update_add(task=task, user=users.reporter, date=timezone.localdate(), percent=40, text="铺设3公里")
        services.update_add(task=task, user=users.reporter, date=timezone.localdate(), percent=50, text="铺设4公里")
    with time_machine.travel(datetime(2026, 12, 7, 18, tzinfo=SH), tick=False):
        assert digests_send() == 0  # the confirmation was today's message
    with time_machine.travel(datetime(2026, 12, 8, 18, tzinfo=SH), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert digests_send() == 1
        news = mail.outbox[-1]
        assert len(mail.outbox) == 2 and "铺设3公里" in news.body and "铺设4公里" in news.body
        assert _link(news, "cancel") and "List-Unsubscribe" in news.extra_headers
    with time_machine.travel(datetime(2026, 12, 8, 19, tzinfo=SH), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            services.update_add(task=task, user=users.reporter, date=timezone.localdate(), percent=60, text="铺设5公里")
            assert digests_send() == 0  # one message a day at most
        assert len(mail.outbox) == 2
    with time_machine.travel(datetime(2026, 12, 9, 18, tzinfo=SH), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert digests_send() == 1
        assert "铺设5公里" in mail.outbox[-1].body and "铺设3公里" not in mail.outbox[-1].body
        assert digests_send() == 0

    cancel = _path(_link(mail.outbox[-1], "cancel"))
    response = client.get(cancel)
    assert response.status_code == 200 and "已删除" in response.content.decode()
    assert not Subscription.objects.exists()  # the address is gone
    assert client.get(cancel).status_code == 410  # used twice: clear page, nothing to change


def test_a_forged_or_altered_link_changes_nothing(client, task, follow):
    follow()
    subscription = Subscription.objects.get()
    confirm = _path(_link(mail.outbox[0], "confirm"))
    forged = confirm[:-6] + ("A" if confirm[-6] != "A" else "B") + confirm[-5:]
    for url in (forged, "/livelihood/follow/confirm/not-a-token/", confirm.replace("/confirm/", "/cancel/")):
        response = client.get(url)
        assert response.status_code == 400 and "不是平台发出的" in response.content.decode(), url
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None and Subscription.objects.count() == 1


def test_a_forged_unsubscribe_link_and_one_post_twice_change_nothing(client, task, follow):
    follow()
    confirmation = mail.outbox[0]
    client.get(_path(_link(confirmation, "confirm")))
    cancel = _path(_link(confirmation, "cancel"))
    forged = cancel[:-6] + ("A" if cancel[-6] != "A" else "B") + cancel[-5:]
    for url in (forged, "/livelihood/follow/cancel/not-a-token/"):
        for method in (client.get, client.post):  # POST: a mail program's one-click unsubscribe
            response = method(url)
            assert response.status_code == 400 and "不是平台发出的" in response.content.decode(), url
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is not None  # still following
    assert client.post(cancel).status_code == 200 and not Subscription.objects.exists()
    again = client.post(cancel)  # the one-click unsubscribe sent twice: a clear page, nothing to change
    assert again.status_code == 410 and "已使用过" in again.content.decode()


def test_a_malformed_address_is_refused(client, task, follow):
    for bad in ("not-an-address", "a@b", "<script>@x.cn", "x" * 250 + "@example.cn"):
        response = follow(bad)
        assert response.status_code == 400 and "有效的电子邮件地址" in response.content.decode(), bad
    assert not Subscription.objects.exists() and not mail.outbox


def test_requests_from_one_address_are_limited(client, task, follow):
    statuses = [follow(f"p{i}@example.cn").status_code for i in range(7)]
    assert statuses == [200] * 5 + [429] * 2
    assert Subscription.objects.count() == 5


def test_the_office_sees_how_many_follow_never_who(client, task, users, follow):
    follow("one@example.cn")
    for message in mail.outbox:
        client.get(_path(_link(message, "confirm")))
    client.force_login(users.office)
    page = client.get(f"/livelihood/staff/{task.pk}/").content.decode()
    assert re.search(r'data-testid="followers">1 ?人', page)
    assert "one@example.cn" not in page
