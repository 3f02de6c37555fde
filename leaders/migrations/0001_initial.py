"""The leaders' models move out of org with their tables (org_leader...): state only, every row stays."""

import django.db.models.deletion
import django.utils.timezone
import gaoyou_portal.credit_codes
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('org', '0010_merge_0009_membership_is_head_0009_sandbox_message'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='Enterprise',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=200, verbose_name='name')),
                    ('credit_code', models.CharField(blank=True, error_messages={'unique': 'An enterprise with this unified social credit code already exists.'}, help_text='18 characters (GB 32100); left empty while not yet known.', max_length=18, null=True, unique=True, validators=[gaoyou_portal.credit_codes.validate_credit_code], verbose_name='unified social credit code')),
                    ('industry', models.CharField(blank=True, max_length=50, verbose_name='industry')),
                    ('active', models.BooleanField(default=True, help_text='An enterprise closed or struck off takes no new links.', verbose_name='in business')),
                    ('town', models.ForeignKey(blank=True, limit_choices_to={'kind__in': ['town', 'park']}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='enterprises', to='org.unit', verbose_name='town or park')),
                ],
                options={
                    'verbose_name': 'enterprise',
                    'verbose_name_plural': 'enterprises',
                    'db_table': 'org_enterprise',
                    'ordering': ['name', 'id'],
                },
            ),
            migrations.CreateModel(
                name='HistoricalEnterprise',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('name', models.CharField(max_length=200, verbose_name='name')),
                    ('credit_code', models.CharField(blank=True, db_index=True, error_messages={'unique': 'An enterprise with this unified social credit code already exists.'}, help_text='18 characters (GB 32100); left empty while not yet known.', max_length=18, null=True, validators=[gaoyou_portal.credit_codes.validate_credit_code], verbose_name='unified social credit code')),
                    ('industry', models.CharField(blank=True, max_length=50, verbose_name='industry')),
                    ('active', models.BooleanField(default=True, help_text='An enterprise closed or struck off takes no new links.', verbose_name='in business')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.TextField(null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('town', models.ForeignKey(blank=True, db_constraint=False, limit_choices_to={'kind__in': ['town', 'park']}, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.unit', verbose_name='town or park')),
                ],
                options={
                    'verbose_name': 'historical enterprise',
                    'verbose_name_plural': 'historical enterprises',
                    'db_table': 'org_historicalenterprise',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalLeader',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('name', models.CharField(max_length=50, verbose_name='name')),
                    ('role', models.CharField(choices=[('secretary', 'Party secretary'), ('mayor', 'Mayor'), ('deputy_secretary', 'Deputy party secretary'), ('executive_vice_mayor', 'Executive vice mayor'), ('standing_committee', 'Standing committee member'), ('vice_mayor', 'Vice mayor'), ('other', 'Other city leader')], default='other', max_length=24, verbose_name='role')),
                    ('title', models.CharField(help_text='The full post, for example 市委常委、副市长.', max_length=100, verbose_name='title')),
                    ('mobile', models.CharField(blank=True, help_text='Mentioned (@) in group-robot messages that concern this leader.', max_length=20, verbose_name='mobile')),
                    ('active', models.BooleanField(default=True, verbose_name='active')),
                    ('order', models.PositiveIntegerField(default=0, verbose_name='order')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.TextField(null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user account')),
                ],
                options={
                    'verbose_name': 'historical city leader',
                    'verbose_name_plural': 'historical city leaders',
                    'db_table': 'org_historicalleader',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='Leader',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=50, verbose_name='name')),
                    ('role', models.CharField(choices=[('secretary', 'Party secretary'), ('mayor', 'Mayor'), ('deputy_secretary', 'Deputy party secretary'), ('executive_vice_mayor', 'Executive vice mayor'), ('standing_committee', 'Standing committee member'), ('vice_mayor', 'Vice mayor'), ('other', 'Other city leader')], default='other', max_length=24, verbose_name='role')),
                    ('title', models.CharField(help_text='The full post, for example 市委常委、副市长.', max_length=100, verbose_name='title')),
                    ('mobile', models.CharField(blank=True, help_text='Mentioned (@) in group-robot messages that concern this leader.', max_length=20, verbose_name='mobile')),
                    ('active', models.BooleanField(default=True, verbose_name='active')),
                    ('order', models.PositiveIntegerField(default=0, verbose_name='order')),
                    ('user', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='leader', to=settings.AUTH_USER_MODEL, verbose_name='user account')),
                ],
                options={
                    'verbose_name': 'city leader',
                    'verbose_name_plural': 'city leaders',
                    'db_table': 'org_leader',
                    'ordering': ['order', 'id'],
                },
            ),
            migrations.CreateModel(
                name='HistoricalLeaderLink',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('unit', 'Town or park'), ('project', 'Project'), ('industry', 'Industry'), ('enterprise', 'Enterprise')], max_length=12, verbose_name='kind')),
                    ('object_id', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='linked record')),
                    ('name', models.CharField(blank=True, max_length=100, verbose_name='industry')),
                    ('started_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='started on')),
                    ('ended_on', models.DateField(blank=True, null=True, verbose_name='ended on')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.TextField(null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('content_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contenttypes.contenttype', verbose_name='linked record type')),
                    ('enterprise', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='leaders.enterprise', verbose_name='enterprise')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('unit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='org.unit', verbose_name='unit')),
                    ('leader', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='leaders.leader', verbose_name='leader')),
                ],
                options={
                    'verbose_name': 'historical leader link',
                    'verbose_name_plural': 'historical leader links',
                    'db_table': 'org_historicalleaderlink',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='LeaderLink',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('unit', 'Town or park'), ('project', 'Project'), ('industry', 'Industry'), ('enterprise', 'Enterprise')], max_length=12, verbose_name='kind')),
                    ('object_id', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='linked record')),
                    ('name', models.CharField(blank=True, max_length=100, verbose_name='industry')),
                    ('started_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='started on')),
                    ('ended_on', models.DateField(blank=True, null=True, verbose_name='ended on')),
                    ('content_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype', verbose_name='linked record type')),
                    ('enterprise', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='leader_links', to='leaders.enterprise', verbose_name='enterprise')),
                    ('leader', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='leaders.leader', verbose_name='leader')),
                    ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='leader_links', to='org.unit', verbose_name='unit')),
                ],
                options={
                    'verbose_name': 'leader link',
                    'verbose_name_plural': 'leader links',
                    'db_table': 'org_leaderlink',
                    'indexes': [models.Index(fields=['content_type', 'object_id'], name='org_leaderl_content_1526c4_idx')],
                    'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('kind', 'unit'), ('unit__isnull', False)), models.Q(('kind', 'project'), ('object_id__isnull', False)), models.Q(('kind', 'industry'), models.Q(('name', ''), _negated=True)), models.Q(('enterprise__isnull', False), ('kind', 'enterprise')), _connector='OR'), name='leaderlink_target_matches_kind', violation_error_message='A link names the unit, project, industry or enterprise it links to.'), models.CheckConstraint(condition=models.Q(('ended_on__isnull', True), ('ended_on__gte', models.F('started_on')), _connector='OR'), name='leaderlink_ends_after_start', violation_error_message='A link cannot end before it starts.'), models.UniqueConstraint(condition=models.Q(('ended_on__isnull', True), ('kind', 'unit')), fields=('leader', 'unit'), name='leaderlink_one_active_unit', violation_error_message='This leader is already linked to this record.'), models.UniqueConstraint(condition=models.Q(('ended_on__isnull', True), ('kind', 'project')), fields=('leader', 'content_type', 'object_id'), name='leaderlink_one_active_project', violation_error_message='This leader is already linked to this record.'), models.UniqueConstraint(condition=models.Q(('ended_on__isnull', True), ('kind', 'industry')), fields=('leader', 'name'), name='leaderlink_one_active_industry', violation_error_message='This leader is already linked to this record.'), models.UniqueConstraint(condition=models.Q(('ended_on__isnull', True), ('kind', 'enterprise')), fields=('leader', 'enterprise'), name='leaderlink_one_active_enterprise', violation_error_message='This leader is already linked to this record.')],
                },
            ),
        ]),
    ]
