"""The stored lights' two nightly jobs: the date job refreshes lights after a date boundary (00:05), the check
compares every stored light with a fresh computation and alerts the office if any differs (03:30)."""

from django.db import migrations

JOBS = [
    ("projects: refresh warning lights when the date crosses a boundary (daily 00:05)", "projects.refresh_lights",
     {"minute": "5", "hour": "0"}),
    ("projects: check stored warning lights (nightly 03:30)", "projects.check_lights", {"minute": "30", "hour": "3"}),
]


def create_schedules(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, when in JOBS:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            day_of_week="*", day_of_month="*", month_of_year="*", timezone="Asia/Shanghai", **when
        )
        PeriodicTask.objects.update_or_create(name=name, defaults={"task": task, "crontab": crontab, "enabled": True})


def remove_schedules(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=[n for n, _t, _w in JOBS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0005_stored_lights"),
        ("django_celery_beat", "0018_improve_crontab_helptext"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
