"""A local stand-in for the WeCom and DingTalk robot endpoints (no internet in tests).

    with FakeRobots(monkeypatch) as robots:
        robots.answers = [500, 200]      # status codes for the next requests, then 200
        robots.answers = [{"errcode": 310000, "errmsg": "sign not match"}]   # HTTP 200 with this body
        ...
        robots.requests[0].json, robots.requests[0].query

apprise's WeCom and DingTalk plugins (and the portal's subclasses of them, notify/robot_plugins.py) are
pointed at it through their ``notify_url`` class attribute.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from types import SimpleNamespace
from urllib.parse import parse_qs, urlparse


class FakeRobots:
    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch
        self.requests = []
        self.answers = []

    def __enter__(self):
        robots = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                parsed = urlparse(self.path)
                robots.requests.append(SimpleNamespace(
                    path=parsed.path, query={k: v[0] for k, v in parse_qs(parsed.query).items()},
                    headers=dict(self.headers), raw=raw, json=json.loads(raw.decode("utf-8"))))
                status = robots.answers.pop(0) if robots.answers else 200
                if isinstance(status, dict):
                    status, reply = 200, status
                else:
                    reply = {"errcode": 0, "errmsg": "ok"} if status == 200 else {"errcode": 500, "errmsg": "busy"}
                body = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = base = f"http://127.0.0.1:{self.server.server_port}"
        from apprise.plugins.dingtalk import NotifyDingTalk
        from apprise.plugins.wecombot import NotifyWeComBot

        from notify.robot_plugins import register

        register()

        self.monkeypatch.setattr(NotifyWeComBot, "notify_url", base + "/cgi-bin/webhook/send?key={key}")
        self.monkeypatch.setattr(NotifyDingTalk, "notify_url", base + "/robot/send?access_token={token}")
        # apprise waits between requests to one service; tests need no pause.
        self.monkeypatch.setattr(NotifyWeComBot, "request_rate_per_sec", 0)
        self.monkeypatch.setattr(NotifyDingTalk, "request_rate_per_sec", 0)
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
