"""The channels' and documents' models move out of org with their tables (org_channel...): state only, every row stays."""

import django.db.models.deletion
import gaoyou_portal.media
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('org', '0010_merge_0009_membership_is_head_0009_sandbox_message'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='SandboxMessage',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('channel', models.SlugField(max_length=60, verbose_name='sandbox group')),
                    ('robot', models.CharField(max_length=10, verbose_name='robot')),
                    ('payload', models.JSONField(verbose_name='what the robot received')),
                    ('received_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='received at')),
                ],
                options={
                    'verbose_name': 'sandbox robot message',
                    'verbose_name_plural': 'sandbox robot messages',
                    'db_table': 'org_sandboxmessage',
                    'ordering': ['-received_at', '-id'],
                },
            ),
            migrations.CreateModel(
                name='Channel',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=100, verbose_name='name')),
                    ('scheme', models.CharField(choices=[('wecombot', 'WeCom group robot'), ('dingtalk', 'DingTalk custom robot'), ('mailto', 'E-mail')], max_length=10, verbose_name='kind of channel')),
                    ('kinds', models.JSONField(blank=True, default=list, help_text='Empty: every kind of notice.', verbose_name='kinds of notice')),
                    ('url_encrypted', models.TextField(editable=False, verbose_name='address (encrypted)')),
                    ('url_hint', models.CharField(editable=False, max_length=120, verbose_name='address')),
                    ('mention', models.BooleanField(default=True, verbose_name='@-mention the responsible person')),
                    ('digest', models.BooleanField(default=False, help_text='One message a day listing the notices instead of one per notice.', verbose_name='daily digest')),
                    ('active', models.BooleanField(default=True, verbose_name='active')),
                    ('consecutive_failures', models.PositiveIntegerField(default=0, editable=False, verbose_name='failures in a row')),
                    ('failing_since', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='failing since')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                    ('unit', models.ForeignKey(blank=True, help_text='Notices about this unit only; empty for a city-wide channel that takes notices about every unit.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='channels', to='org.unit', verbose_name='unit')),
                ],
                options={
                    'verbose_name': 'notification channel',
                    'verbose_name_plural': 'notification channels',
                    'db_table': 'org_channel',
                    'ordering': ['unit__order', 'name', 'id'],
                },
            ),
            migrations.CreateModel(
                name='Delivery',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('event_key', models.CharField(max_length=120, verbose_name='event')),
                    ('kind', models.CharField(max_length=40, verbose_name='kind of notice')),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('body', models.TextField(blank=True, verbose_name='text')),
                    ('link', models.CharField(blank=True, max_length=300, verbose_name='link')),
                    ('mobiles', models.JSONField(blank=True, default=list, verbose_name='mentioned mobiles')),
                    ('state', models.CharField(choices=[('pending', 'Waiting to be sent'), ('held', 'Held for quiet hours'), ('digest', 'Waiting for the daily digest'), ('sending', 'Sending'), ('retrying', 'Failed, will retry'), ('sent', 'Sent'), ('in_digest', 'Sent in a digest'), ('failed', 'Failed'), ('uncertain', 'Interrupted while sending, not resent')], db_index=True, default='pending', max_length=10, verbose_name='state')),
                    ('attempts', models.PositiveIntegerField(default=0, verbose_name='attempts')),
                    ('part_count', models.PositiveSmallIntegerField(default=0, verbose_name='parts')),
                    ('parts_sent', models.PositiveSmallIntegerField(default=0, verbose_name='parts sent')),
                    ('last_answer', models.TextField(blank=True, verbose_name="channel's answer")),
                    ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='created at')),
                    ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent at')),
                    ('channel', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='notify.channel', verbose_name='channel')),
                    ('digest', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='items', to='notify.delivery', verbose_name='digest')),
                    ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='org.unit', verbose_name='unit')),
                ],
                options={
                    'verbose_name': 'delivery',
                    'verbose_name_plural': 'deliveries',
                    'db_table': 'org_delivery',
                    'ordering': ['-created_at', '-id'],
                },
            ),
            migrations.CreateModel(
                name='DeliveryAttempt',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('number', models.PositiveIntegerField(verbose_name='attempt')),
                    ('at', models.DateTimeField(auto_now_add=True, verbose_name='at')),
                    ('ok', models.BooleanField(verbose_name='succeeded')),
                    ('answer', models.TextField(blank=True, verbose_name="channel's answer")),
                    ('delivery', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attempt_log', to='notify.delivery', verbose_name='delivery')),
                ],
                options={
                    'verbose_name': 'delivery attempt',
                    'verbose_name_plural': 'delivery attempts',
                    'db_table': 'org_deliveryattempt',
                    'ordering': ['delivery', 'number'],
                },
            ),
            migrations.CreateModel(
                name='DocumentTemplate',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(max_length=40, unique=True, verbose_name='document')),
                    ('file', models.FileField(upload_to=gaoyou_portal.media.PrivateUploadTo('document_templates'), verbose_name='template (.docx)')),
                    ('uploaded_at', models.DateTimeField(auto_now=True, verbose_name='uploaded at')),
                    ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
                ],
                options={
                    'verbose_name': 'document template',
                    'verbose_name_plural': 'document templates',
                    'db_table': 'org_documenttemplate',
                },
            ),
            migrations.CreateModel(
                name='HistoricalChannel',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('name', models.CharField(max_length=100, verbose_name='name')),
                    ('scheme', models.CharField(choices=[('wecombot', 'WeCom group robot'), ('dingtalk', 'DingTalk custom robot'), ('mailto', 'E-mail')], max_length=10, verbose_name='kind of channel')),
                    ('kinds', models.JSONField(blank=True, default=list, help_text='Empty: every kind of notice.', verbose_name='kinds of notice')),
                    ('url_hint', models.CharField(editable=False, max_length=120, verbose_name='address')),
                    ('mention', models.BooleanField(default=True, verbose_name='@-mention the responsible person')),
                    ('digest', models.BooleanField(default=False, help_text='One message a day listing the notices instead of one per notice.', verbose_name='daily digest')),
                    ('active', models.BooleanField(default=True, verbose_name='active')),
                    ('failing_since', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='failing since')),
                    ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.TextField(null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('unit', models.ForeignKey(blank=True, db_constraint=False, help_text='Notices about this unit only; empty for a city-wide channel that takes notices about every unit.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.unit', verbose_name='unit')),
                ],
                options={
                    'verbose_name': 'historical notification channel',
                    'verbose_name_plural': 'historical notification channels',
                    'db_table': 'org_historicalchannel',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalDocumentTemplate',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('kind', models.CharField(db_index=True, max_length=40, verbose_name='document')),
                    ('file', models.TextField(max_length=100, verbose_name='template (.docx)')),
                    ('uploaded_at', models.DateTimeField(blank=True, editable=False, verbose_name='uploaded at')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.TextField(null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('uploaded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
                ],
                options={
                    'verbose_name': 'historical document template',
                    'verbose_name_plural': 'historical document templates',
                    'db_table': 'org_historicaldocumenttemplate',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.AddConstraint(
                model_name='delivery',
                constraint=models.UniqueConstraint(fields=('channel', 'event_key'), name='delivery_unique_channel_event', violation_error_message='This event was already delivered to this channel.'),
            ),
        ]),
    ]
