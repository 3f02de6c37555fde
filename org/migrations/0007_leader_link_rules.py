from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("org", "0006_enterprises_from_link_names"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='leaderlink',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'unit'), ('unit__isnull', False)), models.Q(('kind', 'project'), ('object_id__isnull', False)), models.Q(('kind', 'industry'), models.Q(('name', ''), _negated=True)), models.Q(('enterprise__isnull', False), ('kind', 'enterprise')), _connector='OR'), name='leaderlink_target_matches_kind', violation_error_message='A link names the unit, project, industry or enterprise it links to.'),
        ),
        migrations.AddConstraint(
            model_name='leaderlink',
            constraint=models.CheckConstraint(condition=models.Q(('ended_on__isnull', True), ('ended_on__gte', models.F('started_on')), _connector='OR'), name='leaderlink_ends_after_start', violation_error_message='A link cannot end before it starts.'),
        ),
        migrations.AddConstraint(
            model_name='leaderlink',
            constraint=models.UniqueConstraint(condition=models.Q(('ended_on__isnull', True), ('kind', 'unit')), fields=('leader', 'unit'), name='leaderlink_one_active_unit', violation_error_message='This leader is already linked to this record.'),
        ),
        migrations.AddConstraint(
            model_name='leaderlink',
            constraint=models.UniqueConstraint(condition=models.Q(('ended_on__isnull', True), ('kind', 'project')), fields=('leader', 'content_type', 'object_id'), name='leaderlink_one_active_project', violation_error_message='This leader is already linked to this record.'),
        ),
        migrations.AddConstraint(
            model_name='leaderlink',
            constraint=models.UniqueConstraint(condition=models.Q(('ended_on__isnull', True), ('kind', 'industry')), fields=('leader', 'name'), name='leaderlink_one_active_industry', violation_error_message='This leader is already linked to this record.'),
        ),
        migrations.AddConstraint(
            model_name='leaderlink',
            constraint=models.UniqueConstraint(condition=models.Q(('ended_on__isnull', True), ('kind', 'enterprise')), fields=('leader', 'enterprise'), name='leaderlink_one_active_enterprise', violation_error_message='This leader is already linked to this record.'),
        ),
    ]
