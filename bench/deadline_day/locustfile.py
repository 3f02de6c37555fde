"""The deadline day (issue 16.4): every unit's reporter submits its month while leaders and citizens read.

Run by ``bench/deadline_day.py`` (which prepares the database, starts gunicorn and checks the result);
by hand: ``locust -f bench/deadline_day/locustfile.py --headless -u 60 -r 10 -t 5m --host http://127.0.0.1:8000``
with ``BENCH_REPORTERS`` (comma-separated usernames) and ``BENCH_PASSWORD`` set.

- ``Reporter`` (one per unit, weight 36): log in, open "this month", submit each owed report shown
  (a form per project, 5–15 s to fill each), every fourth unit instead downloads its sheet, fills it
  (30–60 s) and uploads it (the preview, then its confirm button); then reads "this month" again, and comes back to it
  after 10–30 s.
- ``Leader`` (weight 11: ten leaders and the office): the dashboard, the overview, the project list
  filtered to red, the sprint dashboard, 5–15 s on each page.
- ``Citizen`` (weight 20): the public livelihood list and task pages, 5–15 s on each.

Think times are those of people reading a page or filling a form; ``BENCH_THINK`` scales them all
(``0.1``: ten times as busy, a stress test; default 1). Users arrive over the ramp that
``bench/deadline_day.py`` gives locust (``--ramp-seconds``, a minute by default), not all at once.
Request names group the URLs per action; every request whose answer is not what the page promises
(a 200 page, a redirect after a submission) counts as an error.
"""

import io
import itertools
import json
import os
import random
import re
import threading

import gevent
from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("BENCH_PASSWORD", "demo-pass-2026")
REPORTERS = [u for u in os.environ.get("BENCH_REPORTERS", "reporter").split(",") if u]
LEADERS = [u for u in os.environ.get("BENCH_LEADERS", "leader,office").split(",") if u]
THINK = float(os.environ.get("BENCH_THINK", "1"))
_next_reporter = itertools.count()
_lock = threading.Lock()
# Every report the site said it saved (302 after the form): [project id, month, investment]; written to
# BENCH_SAVED_FILE at the end, so the driver can check each is stored exactly once with that amount.
SAVED = []
UPLOADS_CONFIRMED = []
PROJECT_ID = re.compile(r"/projects/(\d+)/reports/new/")

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM = re.compile(r'<form method="post" action="(/projects/\d+/reports/new/)".*?</form>', re.S)
PREFIX = re.compile(r'name="prefix" value="([^"]+)"')
MONTH = re.compile(r'name="p\d+-month"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="p\d+-month"')
CONFIRM = re.compile(r'action="(/imports/\d+/confirm/)"')
TASK_LINK = re.compile(r'href="(/livelihood/\d{4}/\d+/)"')


def log_in(user, username):
    page = user.client.get("/accounts/login/", name="login page")
    token = CSRF.search(page.text).group(1)
    with user.client.post("/accounts/login/", {"username": username, "password": PASSWORD,
                                               "csrfmiddlewaretoken": token},
                          name="log in", allow_redirects=False, catch_response=True) as response:
        if response.status_code != 302:
            response.failure(f"login of {username}: {response.status_code}")


def think(low, high):
    """A person reading the page or filling the form before the next request."""
    gevent.sleep(random.uniform(low, high) * THINK)


def check_page(response):
    if response.status_code != 200:
        response.failure(f"{response.status_code}")


class Reporter(HttpUser):
    weight = 36
    wait_time = between(10 * THINK, 30 * THINK)

    def on_start(self):
        with _lock:
            self.username = REPORTERS[next(_next_reporter) % len(REPORTERS)]
        self.by_excel = REPORTERS.index(self.username) % 4 == 3
        log_in(self, self.username)

    def _this_month(self):
        with self.client.get("/projects/this-month/", name="this month", catch_response=True) as response:
            check_page(response)
            return response.text

    @task
    def submit_the_month(self):
        if self.by_excel:
            self.upload_the_sheet()
            return
        body = self._this_month()
        for form in FORM.finditer(body):
            action, html = form.group(1), form.group(0)
            month = MONTH.search(html)
            if not month:
                continue
            think(5, 15)
            prefix = PREFIX.search(html).group(1)
            data = {"csrfmiddlewaretoken": CSRF.search(html).group(1), "prefix": prefix,
                    "next": "/projects/this-month/", f"{prefix}-month": month.group(1) or month.group(2),
                    f"{prefix}-investment": f"{random.randint(10, 900)}.5", f"{prefix}-workload": "主体施工",
                    f"{prefix}-narrative": "按计划推进"}
            with self.client.post(action, data, name="submit a report", allow_redirects=False,
                                  catch_response=True) as response:
                # 302 back to "this month": saved. 200: the form again with the service's refusal (a report
                # already sent by a colleague in the meantime), not an error of the site.
                if response.status_code == 302:
                    SAVED.append([int(PROJECT_ID.search(action).group(1)), data[f"{prefix}-month"],
                                  data[f"{prefix}-investment"]])
                elif response.status_code != 200:
                    response.failure(f"{response.status_code}")
        self._this_month()

    def upload_the_sheet(self):
        from openpyxl import load_workbook

        sheet = self.client.get("/projects/reports/upload/?template=1", name="download the unit's sheet")
        if sheet.status_code != 200:
            return
        book = load_workbook(io.BytesIO(sheet.content))
        rows = list(book.active.iter_rows(min_row=2))
        for row in rows[:20]:
            row[2].value = random.randint(10, 900)
        for row in rows[20:]:  # a unit sends the reports it has, not the whole ledger, in one sheet
            for cell in row:
                cell.value = None
        out = io.BytesIO()
        book.save(out)
        think(30, 60)
        page = self.client.get("/projects/reports/upload/", name="upload page")
        token = CSRF.search(page.text).group(1)
        with self.client.post("/projects/reports/upload/", {"csrfmiddlewaretoken": token},
                              files={"file": ("月报.xlsx", out.getvalue())}, name="upload the sheet (preview)",
                              catch_response=True) as response:
            check_page(response)
            confirm = CONFIRM.search(response.text)
            if not confirm:
                return  # refused with row errors (a report already sent and locked): shown to the user
        with self.client.post(confirm.group(1), {"csrfmiddlewaretoken": token},
                              name="upload the sheet (confirm)", allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code == 302:
                UPLOADS_CONFIRMED.append(self.username)
            elif response.status_code != 200:
                response.failure(f"{response.status_code}")


class Leader(HttpUser):
    weight = 11
    wait_time = between(5 * THINK, 15 * THINK)

    def on_start(self):
        log_in(self, random.choice(LEADERS))

    @task(3)
    def dashboard(self):
        with self.client.get("/dashboard/", name="staff dashboard", catch_response=True) as response:
            check_page(response)

    @task(2)
    def overview(self):
        with self.client.get("/projects/overview/", name="projects overview", catch_response=True) as response:
            check_page(response)

    @task(2)
    def red_projects(self):
        with self.client.get("/projects/?light=red&ordering=-behind", name="red projects by points behind",
                             catch_response=True) as response:
            check_page(response)

    @task(1)
    def rankings(self):
        with self.client.get("/sprint/", name="sprint rankings", catch_response=True) as response:
            check_page(response)


class Citizen(HttpUser):
    weight = 20
    wait_time = between(5 * THINK, 15 * THINK)
    tasks_seen = []

    @task(2)
    def task_list(self):
        with self.client.get("/livelihood/", name="public livelihood list", catch_response=True) as response:
            check_page(response)
            if not Citizen.tasks_seen:
                Citizen.tasks_seen = TASK_LINK.findall(response.text)[:50]

    @task(3)
    def task_page(self):
        if Citizen.tasks_seen:
            with self.client.get(random.choice(Citizen.tasks_seen), name="public task page",
                                 catch_response=True) as response:
                check_page(response)


@events.test_stop.add_listener
def write_saved(**_kwargs):
    path = os.environ.get("BENCH_SAVED_FILE")
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump({"saved": SAVED, "uploads_confirmed": len(UPLOADS_CONFIRMED)}, handle)
