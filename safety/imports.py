"""The ledgers (chemical firms, garment workshops) as Excel imports in the towns' format.

Declared for the engine in ``gaoyou_portal.imports``: it streams the sheet (openpyxl read-only), checks
each row here, and applies batches of ``BATCH_SIZE`` valid rows (one query for the ledger's duplicates,
then one bulk insert with history) inside one transaction that rolls back if any row anywhere is wrong.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from gaoyou_portal.errors import DomainError, by_field
from gaoyou_portal.imports import Column, ImportSpec, PreviewRow, parsers, register
from gaoyou_portal.spreadsheets import RowErrors, xlsx_response

from .choices import CaseState, FirmDisposition, Hazard, HazardCategory, Ledger, WorkshopDisposition
from .models import ChemicalFirm, GarmentWorkshop
from .permissions import BUREAU_ROLES, is_bureau

BATCH_SIZE = 500

# Headers as the towns write them → field keys. The first sheet holds the ledger; the header row
# may follow a title row.
FIRM_COLUMNS = {
    "企业名称": "name",
    "统一社会信用代码": "credit_code",
    "所在镇（区）": "town",
    "地址": "address",
    "主要产品": "products",
    "危险类别": "hazard_category",
    "处置方式": "disposition",
    "处置日期": "disposition_date",
    "整改期限": "deadline",
    "责任部门": "responsible_department",
    "责任人": "responsible_person",
    "备注": "note",
}
WORKSHOP_COLUMNS = {
    "作坊名称": "name",
    "经营者": "operator",
    "所在镇（区）": "town",
    "地址": "address",
    "从业人数": "workers",
    "存在隐患": "hazards",
    "处置方式": "disposition",
    "处置日期": "disposition_date",
    "整改期限": "deadline",
    "责任部门": "responsible_department",
    "责任人": "responsible_person",
    "备注": "note",
}
# The words the towns use in the sheets (fixed Chinese, whatever the interface language).
FIRM_DISPOSITION_WORDS = {"关闭": FirmDisposition.CLOSE, "限期整改": FirmDisposition.RECTIFY,
                          "搬迁": FirmDisposition.RELOCATE, "保留提升": FirmDisposition.RETAIN_UPGRADE}
WORKSHOP_DISPOSITION_WORDS = {"取缔关停": WorkshopDisposition.SHUT, "整改提升": WorkshopDisposition.RECTIFY}
HAZARD_CATEGORY_WORDS = {"重大危险源": HazardCategory.MAJOR, "一般危化品": HazardCategory.GENERAL,
                         "低危": HazardCategory.LOW}
HAZARD_WORDS = {"三合一": Hazard.THREE_IN_ONE, "电气线路": Hazard.ELECTRICAL, "逃生通道": Hazard.ESCAPE,
                "灭火器": Hazard.EXTINGUISHERS, "易燃物": Hazard.FLAMMABLE, "其他": Hazard.OTHER}


TOWN = parsers.unit(kinds=parsers.TOWNS)
DEPARTMENT = parsers.unit(kinds=parsers.DEPARTMENTS + parsers.TOWNS)


def _columns(headers, parsers_by_key, required=("name", "town")):
    return [Column(header, key, parsers_by_key.get(key), required=key in required) for header, key in headers.items()]


class LedgerImport(ImportSpec):
    """What both ledgers share: towns and departments, dispositions, dates, duplicates, bulk insert."""

    ledger: str
    model: type
    dispositions: dict
    example: tuple
    batch_size = BATCH_SIZE
    dry_run = False  # the check looks up the ledger's duplicates (check_batch) without inserting
    preview_limit = 20
    viewer_roles = BUREAU_ROLES
    job_url_name = "safety:import_job"
    confirm_url_name = "safety:import_confirm"
    checked_here = {"name", "address", "operator", "responsible_person", "note", "products", "credit_code"}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.today = timezone.localdate()
        self.seen = set()  # keys met earlier in the file: credit codes, or (town, name)
        # Fields the row checks have not already validated (text lengths, the credit code).
        self.exclude = [f.name for f in self.model._meta.concrete_fields if f.name not in self.checked_here]

    def check_permission(self):
        require_bureau_for_import(self.user)

    def template_rows(self):
        return [list(self.example)]

    def clean_row(self, data, row):
        if data.get("disposition"):
            data["disposition_date"] = data.get("disposition_date") or self.today
            if "deadline" in data and data["deadline"] is None:  # empty (a bad date is already an error)
                row.error("deadline", _("is empty: a case with a disposition needs a deadline"))
            elif data.get("deadline") and data["deadline"] < data["disposition_date"]:
                row.error("deadline", _("is before the disposition date"))
            data["state"] = CaseState.DECIDED
        if row.failed:
            return None
        case = self.model(**{key: value for key, value in data.items() if value is not None})
        try:
            case.clean_fields(exclude=self.exclude)
        except ValidationError as exc:
            for key, messages in by_field(exc).items():
                for message in messages:
                    row.error(key, message)
            return None
        key, column = self.duplicate_key(case)
        if key in self.seen:
            row.error(column, _("appears twice in the file"))
            return None
        self.seen.add(key)
        return case

    def check_batch(self, rows):
        """Refuse rows already on the ledger (one query per batch)."""
        errors = RowErrors()
        for number, column, message in self.clashes(rows):
            errors.add(number, self.header_for(column), message)
        errors.raise_if_any()

    def apply(self, rows):
        """Insert a checked batch with its history (after ``check_batch`` once more)."""
        self.check_batch(rows)
        objs = [row.data for row in rows]
        bulk_create_with_history(objs, self.model, batch_size=BATCH_SIZE, default_user=self.user,
                                 default_change_reason=_("Imported from Excel"))
        return {"created": len(objs)}

    @classmethod
    def cells(cls, case):
        """A case's cells in the sheet's columns: the export writes them, the preview shows them."""
        out = []
        for column in cls.columns:
            key = column.key
            value = getattr(case, key, "")
            if key in ("town", "responsible_department"):
                value = getattr(value, "name", "") if value else ""
            elif key in ("disposition", "hazard_category"):
                value = getattr(case, f"get_{key}_display")() if value else ""
            elif key == "hazards":
                value = "、".join(case.hazard_labels)
            out.append(value)
        return out

    def preview_row(self, row):
        return PreviewRow(["" if value is None else str(value) for value in self.cells(row.data)], _("new"))


@register
class FirmImport(LedgerImport):
    key = "safety.firms"
    success_url_name = "safety:firm_list"
    ledger = Ledger.FIRMS
    model = ChemicalFirm
    dispositions = FIRM_DISPOSITION_WORDS
    title = "化工企业整治台账"
    columns = _columns(FIRM_COLUMNS, {
        "town": TOWN, "responsible_department": DEPARTMENT, "credit_code": parsers.text(upper=True),
        "disposition": parsers.choice(words=FIRM_DISPOSITION_WORDS), "disposition_date": parsers.date(),
        "deadline": parsers.date(), "hazard_category": parsers.choice(words=HAZARD_CATEGORY_WORDS),
    })
    example = ("高邮示范化工有限公司", "91321084MA1XXXXXXX", "龙虬镇", "龙虬镇工业集中区1号", "涂料",
               "一般危化品", "关闭", "2026-03-01", "2026-12-31", "应急管理局", "张三", "")

    def duplicate_key(self, case):
        return case.credit_code, "credit_code"

    def clashes(self, rows):
        taken = set(ChemicalFirm.objects.filter(credit_code__in=[r.data.credit_code for r in rows])
                    .values_list("credit_code", flat=True))
        message = _("a firm with this credit code is already on the ledger")
        return [(r.number, "credit_code", message) for r in rows if r.data.credit_code in taken]


@register
class WorkshopImport(LedgerImport):
    key = "safety.workshops"
    success_url_name = "safety:workshop_list"
    ledger = Ledger.WORKSHOPS
    model = GarmentWorkshop
    dispositions = WORKSHOP_DISPOSITION_WORDS
    title = "服装小作坊整治台账"
    columns = _columns(WORKSHOP_COLUMNS, {
        "town": TOWN, "responsible_department": DEPARTMENT,
        "workers": parsers.integer(minimum=0, maximum=10000),
        "hazards": parsers.choice_list(words=HAZARD_WORDS),
        "disposition": parsers.choice(words=WORKSHOP_DISPOSITION_WORDS), "disposition_date": parsers.date(),
        "deadline": parsers.date(),
    })
    example = ("王记服装加工点", "王某", "龙虬镇", "龙虬镇某村12号", 8, "三合一、灭火器", "整改提升",
               "2026-03-01", "2026-09-30", "", "李四", "")

    def clean_row(self, data, row):
        if "hazards" in data:
            data["hazards"] = ",".join(data["hazards"])
        return super().clean_row(data, row)

    def duplicate_key(self, case):
        return (case.town_id, case.name), "name"

    def clashes(self, rows):
        taken = set(GarmentWorkshop.objects.filter(name__in={r.data.name for r in rows})
                    .values_list("town_id", "name"))
        message = _("a workshop of this name is already on this town's ledger")
        return [(r.number, "name", message) for r in rows if (r.data.town_id, r.data.name) in taken]


SPECS = {Ledger.FIRMS: FirmImport, Ledger.WORKSHOPS: WorkshopImport}


def require_bureau_for_import(user):
    if not is_bureau(user):
        raise DomainError(_("Only the safety bureau imports ledgers."))


# --- exports: built beside the specs, so a ledger exported reads back in with the same columns ----------------
def case_export_response(spec, cases):
    """A ledger's cases (the list's filters) in the import's columns, then state, overdue and struck-off date."""
    headers = [*(c.header for c in spec.columns), _("state"), _("Overdue"), _("struck off at")]

    def rows():
        for case in cases.iterator(chunk_size=1000):
            yield [*spec.cells(case), case.get_state_display(), _("yes") if case.is_overdue else "", case.closed_out_at]

    return xlsx_response(f"{spec.title}-{timezone.localdate()}.xlsx", headers, rows(), title=spec.title)


def board_export_response(data):
    """The progress board (``selectors.board``): each ledger's plan by disposition, then each town."""
    headers = [_("Ledger"), _("disposition"), _("Planned"), _("Decided"), _("Submitted"), _("Struck off"),
               _("Overdue"), _("Remaining")]
    rows = []
    for ledger, key in ((Ledger.FIRMS, "firm_rows"), (Ledger.WORKSHOPS, "workshop_rows")):
        for r in data[key]:
            rows.append([Ledger(ledger).label, r.label, r.planned, r.decided, r.submitted, r.done, r.overdue,
                         r.remaining])
    rows.append([])
    rows.append([_("town"), _("Chemical firms"), _("Struck off"), _("Overdue"), _("Garment workshops"),
                 _("Struck off"), _("Overdue")])
    for e in data["town_rows"]:
        rows.append([str(e["town"] or "—"), e["firms"]["total"], e["firms"]["done"], e["firms"]["overdue"],
                     e["workshops"]["total"], e["workshops"]["done"], e["workshops"]["overdue"]])
    return xlsx_response(f"safety-board-{timezone.localdate()}.xlsx", headers, rows, title=_("Progress board"))
