"""The leader is leaders.Leader now (same table): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('leaders', '0001_initial'),
        ('projects', '0010_public_projects'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='blocker',
                name='assigned_leader',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='blockers', to='leaders.leader', verbose_name='assigned leader'),
            ),
            migrations.AlterField(
                model_name='historicalblocker',
                name='assigned_leader',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='leaders.leader', verbose_name='assigned leader'),
            ),
        ]),
    ]
