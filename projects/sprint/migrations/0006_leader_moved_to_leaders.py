"""The leader is leaders.Leader now (same table): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('leaders', '0001_initial'),
        ('sprint', '0005_reporting_on_time_rate_indicator'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='historicalleaderinterview',
                name='leader',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='leaders.leader', verbose_name='leader'),
            ),
            migrations.AlterField(
                model_name='leaderinterview',
                name='leader',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='interviews', to='leaders.leader', verbose_name='leader'),
            ),
        ]),
    ]
