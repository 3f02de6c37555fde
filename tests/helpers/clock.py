"""The clock in tests: Beijing time, the suite's moment (PORTAL_TEST_NOW) and a test's own (``clock`` marker)."""

import os
from datetime import datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def beijing(year, month, day, hour=10, minute=0):
    """A moment in Beijing time (10:00 unless said otherwise), for ``time_machine.travel``."""
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def moment(value):
    """An ISO date-time as an aware moment, Beijing time unless it says otherwise."""
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=SHANGHAI)


# CI moves the clock of the whole run to prove that the date-dependent tests hold on any day.
SUITE_NOW = moment(os.environ["PORTAL_TEST_NOW"]) if os.environ.get("PORTAL_TEST_NOW", "").strip() else None


def clock_of(node):
    """The moment a test (or module) starts at: its ``clock`` marker, else PORTAL_TEST_NOW, else None (real)."""
    marker = node.get_closest_marker("clock")
    return moment(marker.args[0]) if marker else SUITE_NOW
