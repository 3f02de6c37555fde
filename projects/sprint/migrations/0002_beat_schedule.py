"""The scoring job's beat schedule: 02:00 on the 10th of January, April, July and October (after the
reporting deadline of the quarter's last month) score the quarter just ended."""

from django.db import migrations

TASK_NAME = "sprint.score_sprint_race"
SCHEDULE_NAME = "sprint: score the quarter just ended"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="0", hour="2", day_of_month="10", month_of_year="1,4,7,10", day_of_week="*",
        timezone="Asia/Shanghai",
    )
    PeriodicTask.objects.update_or_create(
        name=SCHEDULE_NAME,
        defaults={"task": TASK_NAME, "crontab": crontab, "interval": None, "args": "[]",
                  "kwargs": '{"trigger": "beat"}', "enabled": True,
                  "description": "Quarterly sprint race scoring (projects.sprint.tasks.score_sprint_race)."},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=SCHEDULE_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sprint", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
