"""The department's spreadsheets: the cadre list and every record, as .xlsx (cadres has no import).

Built here, not in the views, as each app's export rows are (beside its import spec where it has one).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from gaoyou_portal.spreadsheets import xlsx_response

from .models import Cadre
from .records import RECORD_TYPES

CADRE_FIELDS = ["name", "sex", "year_of_birth", "unit", "post", "rank", "is_leading", "specialist_field",
                "current_type", "front_line", "front_line_since", "front_line_until", "active"]


def cadre_export_response(cadres):
    """The cadres (the list's filters), one row each, in the model's words."""
    headers = [Cadre._meta.get_field(f).verbose_name for f in CADRE_FIELDS]
    rows = (
        (c.name, c.get_sex_display(), c.year_of_birth, c.unit.name, c.post, c.get_rank_display(),
         _("yes") if c.is_leading else _("no"), c.specialist_field, c.get_current_type_display(),
         c.get_front_line_display(), c.front_line_since, c.front_line_until, _("yes") if c.active else _("no"))
        for c in cadres
    )
    return xlsx_response(f"cadres-{timezone.localdate().isoformat()}.xlsx", headers, rows, title=_("cadres"))


def record_export_response(cadre_ids):
    """Every record of these cadres, by unit, cadre and date."""
    headers = [_("cadre"), _("unit"), _("record type"), _("date"), _("summary")]
    rows = []
    for rt in RECORD_TYPES.values():
        for record in rt.model.objects.filter(cadre__in=cadre_ids).select_related("cadre__unit"):
            rows.append((record.cadre.name, record.cadre.unit.name, rt.label, record.timeline_date, record.summary()))
    rows.sort(key=lambda r: (r[1], r[0], r[3]))
    return xlsx_response(f"cadre-records-{timezone.localdate().isoformat()}.xlsx", headers, rows,
                         title=_("records"))
