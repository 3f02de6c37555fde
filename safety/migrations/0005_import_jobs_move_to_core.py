"""Safety's ledger imports now run on the core's import engine: copy their jobs there, then drop the table."""

from django.db import migrations

SPEC = {"firms": "safety.firms", "workshops": "safety.workshops"}


def copy_jobs(apps, schema_editor):
    Old = apps.get_model("safety", "ImportJob")
    New = apps.get_model("gaoyou_portal", "ImportJob")
    for job in Old.objects.all().iterator():
        new = New.objects.create(
            spec=SPEC.get(job.ledger, job.ledger), file=job.file.name, original_name=job.original_name,
            state=job.state, total_rows=job.total_rows, processed_rows=job.processed_rows,
            created_count=job.created_count, created_by_id=job.created_by_id, finished_at=job.finished_at,
            errors=[{"row": 0, "column": "", "message": str(e)} for e in job.errors],
            preview=[{"row": r[0], "cells": r[1:], "note": ""} for r in job.preview if r],
        )
        New.objects.filter(pk=new.pk).update(created_at=job.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("safety", "0004_state_label"),
        ("gaoyou_portal", "0001_import_job"),
    ]

    operations = [
        migrations.RunPython(copy_jobs, migrations.RunPython.noop),
        migrations.DeleteModel(name="ImportJob"),
    ]
