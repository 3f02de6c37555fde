"""The leader is leaders.Leader now (same table): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('leaders', '0001_initial'),
        ('livelihood', '0007_correction_removal_and_reassignment'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='historicallivelihoodtask',
                name='responsible_leader',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='leaders.leader', verbose_name='responsible leader'),
            ),
            migrations.AlterField(
                model_name='livelihoodtask',
                name='responsible_leader',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='livelihood_tasks', to='leaders.leader', verbose_name='responsible leader'),
            ),
        ]),
    ]
