"""seed_demo is idempotent and creates the demo users; writes keep their history with the user."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from gaoyou_portal.audit import history_rows, save_audited
from gaoyou_portal.roles import Role, roles_of
from leaders.models import Leader
from org.models import Unit

# The demo as seeded on 7 December 2026, the day these figures were written for (tests/portal/test_demo_in_time.py
# seeds it on other days of the year).
pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-07T10:00")]


def test_seed_demo_is_idempotent_and_creates_one_user_per_role():
    call_command("seed_demo")
    counts = (Unit.objects.count(), Leader.objects.count(), get_user_model().objects.count(),
              Unit.history.count(), Leader.history.count())
    call_command("seed_demo")
    # The same data, and no new history rows either.
    assert (Unit.objects.count(), Leader.objects.count(), get_user_model().objects.count(),
            Unit.history.count(), Leader.history.count()) == counts
    assert Unit.objects.filter(name="龙虬镇", kind="town").exists()
    assert Unit.objects.filter(name="高邮经济开发区", kind="park").exists()
    assert Unit.objects.filter(name="商务局", kind="department").exists()
    expected = {
        "admin": Role.ADMIN, "office": Role.OFFICE, "leader": Role.LEADER,
        "reporter": Role.REPORTER, "safety": Role.SAFETY, "orgdept": Role.ORGDEPT,
    }
    for username, role in expected.items():
        user = get_user_model().objects.get(username=username)
        assert user.check_password("demo-pass-2026")
        assert role in roles_of(user)
    assert get_user_model().objects.get(username="reporter").memberships.get().unit.name == "龙虬镇"
    # Leaders of the 市委 and the 市政府; units that run the race are not assessed in it; "高邮" is the city.
    titles = set(Leader.objects.values_list("title", flat=True))
    assert {"市委书记", "市委副书记、市长", "市委常委、常务副市长", "副市长"} <= titles
    assert Leader.objects.get(user__username="leader").title == "市委副书记、市长"
    assert set(Unit.objects.filter(in_sprint_race=False).values_list("code", flat=True)) == {"khb", "zzb"}
    assert not Unit.objects.filter(short_name="高邮").exists()


def test_a_change_is_recorded_with_its_user(users, units):
    units.town.short_name = "新简称"
    save_audited(units.town, user=users.admin, reason="更名")
    rows = history_rows(units.town)
    assert rows[0]["user"] == users.admin
    assert rows[0]["reason"] == "更名"
    assert ("简称", "甲镇", "新简称") in rows[0]["changes"]


def test_a_units_page_shows_its_history_including_system_changes(client, users, units):
    units.town.short_name = "改名"
    save_audited(units.town, user=users.admin)
    client.force_login(users.leader)
    body = client.get(f"/units/{units.town.code}/").content.decode()
    assert "变更记录" in body
    assert "t-admin" in body
    assert "系统" in body  # the factory's creation had no user
