"""Fixtures of the safety tests: today is 2026-11-28 for every test, and a town-kind fixture setup."""

import datetime as dt

import pytest

from .factories import TODAY


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """Freeze timezone.localdate() (the deadline and overdue rules depend on it)."""
    from django.utils import timezone

    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    yield


@pytest.fixture
def later():
    return TODAY + dt.timedelta(days=30)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (queued tasks) of the block, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
