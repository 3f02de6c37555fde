"""Create the portal's roles as Django groups (names are the role codes of gaoyou_portal.roles.Role)."""

from django.db import migrations

ROLE_CODES = [
    "unit_reporter",
    "assessment_office",
    "city_leader",
    "safety_bureau",
    "org_department",
    "administrator",
]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for code in ROLE_CODES:
        Group.objects.get_or_create(name=code)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_CODES).delete()


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_roles, remove_roles)]
