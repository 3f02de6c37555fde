"""Leaders, enterprises, links, channels, deliveries and templates left org for the leaders and notify apps; their tables stay (state only)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('leaders', '0001_initial'),
        ('livelihood', '0008_leader_moved_to_leaders'),
        ('notify', '0001_initial'),
        ('org', '0010_merge_0009_membership_is_head_0009_sandbox_message'),
        ('projects', '0011_leader_moved_to_leaders'),
        ('safety', '0009_enterprise_moved_to_leaders'),
        ('sprint', '0006_leader_moved_to_leaders'),
        ('targets', '0004_leader_moved_to_leaders'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.RemoveField(
                model_name='channel',
                name='unit',
            ),
            migrations.RemoveField(
                model_name='delivery',
                name='channel',
            ),
            migrations.RemoveField(
                model_name='delivery',
                name='digest',
            ),
            migrations.RemoveField(
                model_name='delivery',
                name='unit',
            ),
            migrations.RemoveField(
                model_name='deliveryattempt',
                name='delivery',
            ),
            migrations.RemoveField(
                model_name='documenttemplate',
                name='uploaded_by',
            ),
            migrations.RemoveField(
                model_name='enterprise',
                name='town',
            ),
            migrations.RemoveField(
                model_name='leaderlink',
                name='enterprise',
            ),
            migrations.RemoveField(
                model_name='historicalleaderlink',
                name='enterprise',
            ),
            migrations.RemoveField(
                model_name='historicalchannel',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalchannel',
                name='unit',
            ),
            migrations.RemoveField(
                model_name='historicaldocumenttemplate',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicaldocumenttemplate',
                name='uploaded_by',
            ),
            migrations.RemoveField(
                model_name='historicalenterprise',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalenterprise',
                name='town',
            ),
            migrations.RemoveField(
                model_name='historicalleader',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalleader',
                name='user',
            ),
            migrations.RemoveField(
                model_name='historicalleaderlink',
                name='content_type',
            ),
            migrations.RemoveField(
                model_name='historicalleaderlink',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalleaderlink',
                name='leader',
            ),
            migrations.RemoveField(
                model_name='historicalleaderlink',
                name='unit',
            ),
            migrations.RemoveField(
                model_name='leader',
                name='user',
            ),
            migrations.RemoveField(
                model_name='leaderlink',
                name='leader',
            ),
            migrations.RemoveField(
                model_name='leaderlink',
                name='content_type',
            ),
            migrations.RemoveField(
                model_name='leaderlink',
                name='unit',
            ),
            migrations.DeleteModel(
                name='SandboxMessage',
            ),
            migrations.DeleteModel(
                name='Channel',
            ),
            migrations.DeleteModel(
                name='Delivery',
            ),
            migrations.DeleteModel(
                name='DeliveryAttempt',
            ),
            migrations.DeleteModel(
                name='DocumentTemplate',
            ),
            migrations.DeleteModel(
                name='Enterprise',
            ),
            migrations.DeleteModel(
                name='HistoricalChannel',
            ),
            migrations.DeleteModel(
                name='HistoricalDocumentTemplate',
            ),
            migrations.DeleteModel(
                name='HistoricalEnterprise',
            ),
            migrations.DeleteModel(
                name='HistoricalLeader',
            ),
            migrations.DeleteModel(
                name='HistoricalLeaderLink',
            ),
            migrations.DeleteModel(
                name='Leader',
            ),
            migrations.DeleteModel(
                name='LeaderLink',
            ),
        ]),
    ]
