"""The robots' housekeeping runs every minute (it was every 10): it now also queues failed deliveries again after
their delay (30 s, 1, 2, 4 min ...), through the outbox."""

from django.db import migrations

SCHEDULE_NAME = "org: release held robot messages and send daily digests"


def every(minutes):
    def change(apps, schema_editor):
        IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
        PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
        interval, _created = IntervalSchedule.objects.get_or_create(every=minutes, period="minutes")
        PeriodicTask.objects.filter(name=SCHEDULE_NAME).update(
            interval=interval, description="Retries, quiet hours and daily digests (notify.tasks.notify_housekeeping).")
    return change


class Migration(migrations.Migration):

    dependencies = [
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("notify", "0002_content_types"),
        ("org", "0003_notification_channels"),
    ]

    operations = [migrations.RunPython(every(1), every(10))]
