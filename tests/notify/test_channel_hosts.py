"""Channels choose no host (issue 23, hole 5) and messages carry only text (hole 6).

A local listener counts the connections the portal opens: an address that names a server, port or parameter of
its own is refused and no socket is opened, also for an address stored before the checks; a failure is told in
the portal's words by kind, never the far end's; hostile markup in a title or body is escaped for each format."""

import socket
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import requests
from django.core import mail

from gaoyou_portal.errors import DomainError
from notify import channels as robot
from notify import robot_plugins, services
from notify.models import Channel, Delivery
from org.services import notify_unit
from tests.helpers.fake_robots import FakeRobots

DAY = datetime(2026, 11, 4, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
HOSTILE_TITLE = '<img src=x onerror="alert(1)"> 进度[点击](javascript:alert(1)) **粗** http://evil.example/x'
HOSTILE_BODY = "<script>alert(2)</script>\n[钓鱼](https://evil.example/login) `code` # 标题"


class Listener:
    """A TCP listener on 127.0.0.1 that counts connections and greets like a mail server."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while self.running:
            try:
                conn, _addr = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.sendall(b"220 far-end-banner-secret-xyz ESMTP\r\n")
            conn.close()

    def close(self):
        self.running = False
        self.thread.join(2)
        self.sock.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def _daytime(settings, monkeypatch):
    settings.PORTAL_BASE_URL = "https://portal.gaoyou.example"
    settings.NOTIFY_QUIET_HOURS = ""
    settings.NOTIFY_MAX_ATTEMPTS = 1
    monkeypatch.setattr(services, "_now", lambda: DAY)


def _save(user, address, secret=""):
    return services.channel_save(user=user, data={"name": "测试群", "address": address, "secret": secret})


def test_a_mailto_naming_its_own_server_is_refused_and_no_socket_is_opened(users, listener):
    port = listener.port
    for address, named in ((f"mailto://office@gaoyou.example?smtp=127.0.0.1&port={port}", "smtp"),
                           (f"mailtos://user:pass@127.0.0.1:{port}?to=office@gaoyou.example", "user:pass@127.0.0.1"),
                           ("mailto:office@gaoyou.example?to=a@gaoyou.example&from=x@evil.example", "from")):
        with pytest.raises(DomainError) as exc:
            _save(users.office, address)
        message = exc.value.message_dict["address"][0]
        assert message.startswith("地址无效") and named in message, message
    assert not Channel.objects.exists()
    assert listener.connections == 0


@pytest.mark.parametrize("address, secret", [
    ("wecombot://key-1/?verify=no&cto=30", ""),
    ("https://qyapi.weixin.qq.com.evil.example/cgi-bin/webhook/send?key=k1", ""),
    ("https://127.0.0.1:{port}/cgi-bin/webhook/send?key=k1", ""),
    ("https://oapi.dingtalk.com/robot/send?access_token=abc123&host=127.0.0.1", "SECabc"),
    ("dingtalk://SECabc@127.0.0.1:{port}/", ""),
    ("dingtalk://SECabc@tok42/13800000000/?port={port}", ""),
])
def test_a_robot_address_gives_its_key_or_token_only(users, listener, address, secret):
    with pytest.raises(DomainError) as exc:
        _save(users.office, address.format(port=listener.port), secret)
    assert "地址" in exc.value.message_dict["address"][0]
    assert not Channel.objects.exists() and listener.connections == 0


def test_an_address_stored_before_the_checks_sends_nothing_and_says_invalid_address(users, units, listener,
                                                                                    django_capture_on_commit_callbacks):
    Channel.objects.create(name="旧邮件通道", scheme="mailto", url_hint="mailto://…",
                           url_encrypted=robot.encrypt(f"mailto://x@gaoyou.example?smtp=127.0.0.1&port={listener.port}"
                                                       "&to=office@gaoyou.example"))
    with django_capture_on_commit_callbacks(execute=True):
        notify_unit(unit=units.town, kind="task_overdue", title="民生实事 M001 已逾期")
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.last_answer) == ("failed", "地址无效：请重新填写渠道地址")
    assert listener.connections == 0


def test_an_e_mail_channel_uses_the_portals_mail_server_with_escaped_html(users, units, settings,
                                                                          django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _save(users.office, "mailto:office@gaoyou.example,leader@gaoyou.example")
    with django_capture_on_commit_callbacks(execute=True):
        notify_unit(unit=units.town, kind="task_overdue", title=HOSTILE_TITLE, body=HOSTILE_BODY,
                    link="/livelihood/staff/M001/", email=False)
    [message] = mail.outbox
    assert sorted(message.to) == ["leader@gaoyou.example", "office@gaoyou.example"]
    html = message.alternatives[0][0]
    assert "<img" not in html and "<script" not in html and "&lt;img" in html and "&lt;script&gt;" in html
    assert 'href="https://portal.gaoyou.example/livelihood/staff/M001/"' in html
    assert html.count("href=") == 1  # the portal's link only
    assert Delivery.objects.get().state == "sent"


def test_a_timeout_and_a_refusal_are_told_in_the_portals_words(users, units, monkeypatch,
                                                                django_capture_on_commit_callbacks):
    _save(users.office, "wecombot://wecom-key-1")

    def slow(*args, **kwargs):
        raise requests.Timeout("far end text: read timed out from 10.0.0.9")

    monkeypatch.setattr(robot_plugins.requests, "post", slow)
    with django_capture_on_commit_callbacks(execute=True):
        notify_unit(unit=units.town, kind="task_overdue", title="民生实事 M001 已逾期")
    assert Delivery.objects.get().last_answer == "超时：对方未在规定时间内应答"


@pytest.mark.parametrize("address, secret, field", [
    ("wecombot://wecom-key-1", "", ("markdown", "content")),
    ("dingtalk://tok42/", "SECdeadbeef42", ("markdown", "text")),
])
def test_markup_in_a_title_or_body_reaches_the_robots_as_text(users, units, monkeypatch, address, secret, field,
                                                               django_capture_on_commit_callbacks):
    with FakeRobots(monkeypatch) as robots:
        _save(users.office, address, secret)
        with django_capture_on_commit_callbacks(execute=True):
            notify_unit(unit=units.town, kind="task_overdue", title=HOSTILE_TITLE, body=HOSTILE_BODY,
                        link="https://evil.example/phish")
        [request] = robots.requests
    text = request.json[field[0]][field[1]]
    for markup in ("<img", "<script", "](javascript", "](https://evil", "http://evil", "https://evil", "`code`"):
        assert markup not in text, (markup, text)
    assert "＜img src＝x onerror＝\"alert（1）\"＞ 进度［点击］（javascript:alert（1））" in text
    assert "在平台中查看" not in text  # the link was not the portal's: no link at all
    if "title" in request.json["markdown"]:
        assert "<img" not in request.json["markdown"]["title"]


def test_a_portal_link_stays_a_link():
    from org.message_text import markdown_text, portal_link

    assert portal_link("/targets/") == "https://portal.gaoyou.example/targets/"
    assert portal_link("https://portal.gaoyou.example/x/") == "https://portal.gaoyou.example/x/"
    for elsewhere in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)",
                      "https://portal.gaoyou.example.evil.example/"):
        assert portal_link(elsewhere) == ""
    assert markdown_text("见 https://portal.gaoyou.example/a/b/ 与 https://evil.example/") == (
        "见 https://portal.gaoyou.example/a/b/ 与 https：//evil.example/")
