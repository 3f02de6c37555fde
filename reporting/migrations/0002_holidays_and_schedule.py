"""The official calendar of 2025–2027 (reporting/holidays.py) and the escalation job: 09:00 and 15:00 daily.

Sources: 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12) and 国务院办公厅关于2026年
部分节假日安排的通知 (2025-11-04), both as 新华社 published them; checked day by day on 2026-12-07 (holidays and
调休 make-up working days alike: no correction was needed). 2027: statutory holidays only, provisional.
"""

from django.db import migrations

TASK_NAME = "reporting.send_escalations"
SCHEDULE_NAME = "reporting: escalating reminders (09:00 and 15:00)"


def seed(apps, schema_editor):
    from reporting.holidays import days

    CalendarDay = apps.get_model("reporting", "CalendarDay")
    for year in (2025, 2026, 2027):
        for day, kind, name in days(year):
            CalendarDay.objects.update_or_create(date=day, defaults={"kind": kind, "name": name})
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="9,15", day_of_week="*", day_of_month="*", month_of_year="*", timezone="Asia/Shanghai"
    )
    PeriodicTask.objects.update_or_create(
        name=SCHEDULE_NAME, defaults={"task": TASK_NAME, "crontab": crontab, "enabled": True}
    )


def unseed(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=SCHEDULE_NAME).delete()
    apps.get_model("reporting", "CalendarDay").objects.filter(date__year__in=(2025, 2026, 2027)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_calendar_and_escalations"),
        ("django_celery_beat", "0018_improve_crontab_helptext"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
