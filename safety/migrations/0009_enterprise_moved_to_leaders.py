"""The enterprise is leaders.Enterprise now (same table): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('leaders', '0001_initial'),
        ('safety', '0008_closed_out_indexes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='chemicalfirm',
                name='enterprise',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='chemical_firms', to='leaders.enterprise', verbose_name='enterprise'),
            ),
            migrations.AlterField(
                model_name='historicalchemicalfirm',
                name='enterprise',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='leaders.enterprise', verbose_name='enterprise'),
            ),
        ]),
    ]
