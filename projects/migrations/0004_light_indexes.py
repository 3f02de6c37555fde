"""Covering indexes for the warning lights (``projects.lights``): per project, the year's reports and plans
are summed from the index alone (project, month, amount), without reading the table rows.

Database only: the indexes are not declared in the models' ``Meta``, so the migration state (and
``makemigrations --check``) is unchanged; ``projects/lights.py`` is what relies on them.
"""

from django.db import migrations, models

INDEXES = [
    ("monthlyreport", models.Index(fields=["project", "month", "investment"], name="projects_report_light_idx")),
    ("monthlyplan", models.Index(fields=["project", "month", "planned_investment"], name="projects_plan_light_idx")),
]


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_reminder_schedule")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AddIndex(model_name=model, index=index) for model, index in INDEXES],
            state_operations=[],
        )
    ]
