from datetime import date

import pytest

from .factories import add_project, make_scheme, office_value


@pytest.fixture
def scored(units, users):
    """A scheme for the four test units, a project of the town, and 2026 Q1 scored and published."""
    from projects.sprint import services

    scheme = make_scheme([units.town, units.other_town, units.park, units.dept])
    project = add_project(units.town, reports=[(date(2026, 1, 1), 400)], served_by=[units.dept])
    office_value(scheme, units.town, 1, 30)
    run = services.race_score(year=2026, quarter=1, today=date(2026, 11, 28))
    services.race_publish(race=run.race, user=users.office)
    run.race.refresh_from_db()
    return run.race, scheme, project
