"""China's official holidays and make-up working days (调休), as the State Council's notices published them:
the seed of ``CalendarDay`` (migration 0002). The office enters later years on ``/reporting/calendar/``.

Sources, checked day by day (tests/reporting/test_calendar.py writes the notices out independently):
- 2025: 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12, 新华社), the first year
  under the revised 全国年节及纪念日放假办法 (春节 and 劳动节 one day longer): 248 working days.
- 2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04, 新华社; e.g. politics.gmw.cn/2025-11/04/
  content_38391083.htm): 248 working days.
- 2027: no notice found when this was checked (2026-12-07): only the statutory holidays (全国年节及纪念日放假办法:
  元旦 1, 春节 4 from 除夕, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3 days) are seeded, without the moved days; the
  year stays provisional and the office completes it from the notice (the page shows which years are provisional).
"""

from datetime import date, timedelta


def _span(first, last):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


HOLIDAYS = {  # name: (first day off, last day off)
    2025: [("元旦", date(2025, 1, 1), date(2025, 1, 1)), ("春节", date(2025, 1, 28), date(2025, 2, 4)),
           ("清明节", date(2025, 4, 4), date(2025, 4, 6)), ("劳动节", date(2025, 5, 1), date(2025, 5, 5)),
           ("端午节", date(2025, 5, 31), date(2025, 6, 2)), ("国庆节、中秋节", date(2025, 10, 1), date(2025, 10, 8))],
    2026: [("元旦", date(2026, 1, 1), date(2026, 1, 3)), ("春节", date(2026, 2, 15), date(2026, 2, 23)),
           ("清明节", date(2026, 4, 4), date(2026, 4, 6)), ("劳动节", date(2026, 5, 1), date(2026, 5, 5)),
           ("端午节", date(2026, 6, 19), date(2026, 6, 21)), ("中秋节", date(2026, 9, 25), date(2026, 9, 27)),
           ("国庆节", date(2026, 10, 1), date(2026, 10, 7))],
    2027: [("元旦", date(2027, 1, 1), date(2027, 1, 1)), ("春节", date(2027, 2, 5), date(2027, 2, 8)),
           ("清明节", date(2027, 4, 5), date(2027, 4, 5)), ("劳动节", date(2027, 5, 1), date(2027, 5, 2)),
           ("端午节", date(2027, 6, 9), date(2027, 6, 9)), ("中秋节", date(2027, 9, 15), date(2027, 9, 15)),
           ("国庆节", date(2027, 10, 1), date(2027, 10, 3))],
}

WORKDAYS = {  # weekends worked: (name of the holiday they make up for, day)
    2025: [("春节", date(2025, 1, 26)), ("春节", date(2025, 2, 8)), ("劳动节", date(2025, 4, 27)),
           ("国庆节、中秋节", date(2025, 9, 28)), ("国庆节、中秋节", date(2025, 10, 11))],
    2026: [("元旦", date(2026, 1, 4)), ("春节", date(2026, 2, 14)), ("春节", date(2026, 2, 28)),
           ("劳动节", date(2026, 5, 9)), ("国庆节", date(2026, 9, 20)), ("国庆节", date(2026, 10, 10))],
    2027: [],
}

PROVISIONAL_YEARS = {2027}  # statutory days only: the notice's moved days still to be entered


def days(year):
    """``[(date, kind, name)]`` of a year: every holiday day off on a weekday, every weekend worked."""
    rows = [(day, "holiday", name) for name, first, last in HOLIDAYS.get(year, []) for day in _span(first, last)
            if day.weekday() < 5]
    rows += [(day, "workday", f"{name}调休上班") for name, day in WORKDAYS.get(year, [])]
    return sorted(rows)
