"""Issue 27: a page of another site frames /embed/livelihood/: the browser shows it for a listed origin and
refuses it for any other (CSP frame-ancestors); a page that is not an embed stays unframable."""

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import override_settings
from django.utils.html import escape

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class _Column(BaseHTTPRequestHandler):
    """A column of another website: a page that frames the address in ``?src=``."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        src = parse_qs(urlsplit(self.path).query).get("src", [""])[0]
        body = (f'<!doctype html><html lang="zh-CN"><title>栏目</title>'
                f'<iframe id="portal" title="高邮" src="{escape(src)}" style="width:100%;height:600px"></iframe>')
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@contextmanager
def _site():
    """Another website on the loopback (a real server: Chromium's local-network checks refuse a frame of
    localhost in a page that did not come from a local address)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Column)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _framed_heading(page, origin, src):
    page.goto(f"{origin}/column.html?src={src}")  # waits for the load event, which waits for the frame
    frame = next(f for f in page.frames if f.parent_frame is not None)
    if not frame.url.startswith(src.split("?")[0]):
        return None  # Chromium refused the frame and shows its error page instead
    return frame.locator("h1").text_content()


def test_a_listed_origin_frames_the_tasks_and_another_cannot(page, live_server, task):
    src = f"{live_server.url}/embed/livelihood/?year={task.year}"
    with _site() as listed, _site() as other, override_settings(PORTAL_EMBED_ORIGINS=[listed]):
        assert _framed_heading(page, listed, src) == f"{task.year}年民生实事"
        link = page.frame_locator("#portal").get_by_role("link", name="龙虬镇区域供水管网改造")
        assert link.get_attribute("target") == "_top"

        assert _framed_heading(page, other, src) is None  # an origin not listed

        full = f"{live_server.url}/livelihood/?year={task.year}"
        assert _framed_heading(page, listed, full) is None  # not an embed: unframable even for a listed origin
