from django.db import migrations


def _role_from_title(title):
    """The leader's role read from the free-text post, for the leaders already on record."""
    if "常务副市长" in title:
        return "executive_vice_mayor"
    if "市长" in title and "副市长" not in title:
        return "mayor"
    if title.startswith("市委书记"):
        return "secretary"
    if "市委副书记" in title:
        return "deputy_secretary"
    if "市委常委" in title:
        return "standing_committee"
    if "副市长" in title:
        return "vice_mayor"
    return "other"


def enterprises_from_names(apps, schema_editor):
    """Enterprise links named an enterprise by its name only: make each name an Enterprise record (credit
    code and town left for the office to fill in) and point the links at it. Duplicate active links (the
    same record twice for a leader) are ended on their start day so the new uniqueness rules hold."""
    Enterprise = apps.get_model("org", "Enterprise")
    LeaderLink = apps.get_model("org", "LeaderLink")
    Leader = apps.get_model("org", "Leader")
    for leader in Leader.objects.all():
        role = _role_from_title(leader.title or "")
        if role != leader.role:
            leader.role = role
            leader.save(update_fields=["role"])
    by_name = {}
    for link in LeaderLink.objects.filter(kind="enterprise").order_by("id"):
        name = (link.name or "").strip() or "（未命名企业）"
        if name not in by_name:
            by_name[name] = Enterprise.objects.filter(name=name).first() or Enterprise.objects.create(name=name)
        link.enterprise = by_name[name]
        link.name = ""
        link.save(update_fields=["enterprise", "name"])
    seen = set()
    for link in LeaderLink.objects.order_by("id"):
        key = (link.leader_id, link.kind, link.unit_id, link.content_type_id, link.object_id, link.name,
               link.enterprise_id)
        if key in seen:
            link.ended_on = link.started_on
            link.save(update_fields=["ended_on"])
        seen.add(key)


class Migration(migrations.Migration):

    dependencies = [
        ("org", "0005_enterprises_and_link_dates"),
    ]

    operations = [
        migrations.RunPython(enterprises_from_names, migrations.RunPython.noop),
    ]
