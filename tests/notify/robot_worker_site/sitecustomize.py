"""Loaded by the test's Celery worker process only (its PYTHONPATH starts with this folder): points apprise's
WeCom and DingTalk plugins at the test's fake robots (FAKE_ROBOTS_BASE), as tests/helpers/fake_robots.py does
inside the test process. Nothing else in the worker is changed."""

import os

base = os.environ.get("FAKE_ROBOTS_BASE")
if base:
    from apprise.plugins.dingtalk import NotifyDingTalk
    from apprise.plugins.wecombot import NotifyWeComBot

    NotifyWeComBot.notify_url = base + "/cgi-bin/webhook/send?key={key}"
    NotifyDingTalk.notify_url = base + "/robot/send?access_token={token}"
    NotifyWeComBot.request_rate_per_sec = 0
    NotifyDingTalk.request_rate_per_sec = 0
