"""Reading a ledger from Excel in the towns' format, row by row, all-or-nothing.

``run_import(source, ledger=..., user=..., commit=...)`` streams the sheet (openpyxl read-only, one
row at a time), checks each row, and, with ``commit``, inserts each batch of valid rows with its
history inside one transaction that rolls back if any row anywhere is wrong. Memory holds one
batch of rows plus the keys seen (for duplicates within the file), not the file.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from gaoyou_portal.errors import DomainError
from gaoyou_portal.spreadsheets import RowErrors, SpreadsheetError, open_sheet, parse_date, parse_int
from org.choices import UnitKind
from org.models import Unit

from .choices import CaseState, FirmDisposition, Hazard, HazardCategory, Ledger, WorkshopDisposition
from .models import ChemicalFirm, GarmentWorkshop

BATCH_SIZE = 500
PREVIEW_ROWS = 20

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


@dataclass(frozen=True)
class LedgerFormat:
    ledger: str
    model: type
    columns: dict
    dispositions: dict
    title: str
    example: tuple

    @property
    def headers(self):
        return list(self.columns)

    def header_for(self, key):
        return next((h for h, k in self.columns.items() if k == key), key)


FORMATS = {
    Ledger.FIRMS: LedgerFormat(
        Ledger.FIRMS, ChemicalFirm, FIRM_COLUMNS, FIRM_DISPOSITION_WORDS, "化工企业整治台账",
        ("高邮示范化工有限公司", "91321084MA1XXXXXXX", "龙虬镇", "龙虬镇工业集中区1号", "涂料",
         "一般危化品", "关闭", "2026-03-01", "2026-12-31", "应急管理局", "张三", ""),
    ),
    Ledger.WORKSHOPS: LedgerFormat(
        Ledger.WORKSHOPS, GarmentWorkshop, WORKSHOP_COLUMNS, WORKSHOP_DISPOSITION_WORDS, "服装小作坊整治台账",
        ("王记服装加工点", "王某", "龙虬镇", "龙虬镇某村12号", 8, "三合一、灭火器", "整改提升",
         "2026-03-01", "2026-09-30", "", "李四", ""),
    ),
}


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    errors: list = field(default_factory=list)  # ["第 3 行，…列：…", ...]
    preview: list = field(default_factory=list)  # first rows as shown: [[cell, ...], ...]


class _Lookups:
    """Units by every name they go by, loaded once per import."""

    def __init__(self):
        self.towns, self.departments = {}, {}
        for unit in Unit.objects.filter(active=True).only("id", "name", "short_name", "code", "kind"):
            target = self.departments if unit.kind == UnitKind.DEPARTMENT else self.towns
            for key in (unit.name, unit.short_name, unit.code):
                if key:
                    target[key] = unit


def _text(value):
    return "" if value is None else str(value).strip()


def _words(value, table, *, label):
    text = _text(value)
    if text in table:
        return table[text]
    if text in table.values():
        return text
    raise ValueError(_("“%(value)s” is not one of %(choices)s") % {"value": text, "choices": "、".join(table)})


class RowChecker:
    """Turns one sheet row into a model instance, or adds its errors (row and column named)."""

    def __init__(self, fmt: LedgerFormat, *, user, today):
        self.fmt, self.user, self.today = fmt, user, today
        self.lookups = _Lookups()
        self.seen = set()  # keys met earlier in the file: credit codes, or (town, name)
        # Fields the row checks above have not already validated (text lengths, the credit code).
        checked_here = {"name", "address", "operator", "responsible_person", "note", "products", "credit_code"}
        self.exclude = [f.name for f in fmt.model._meta.concrete_fields if f.name not in checked_here]

    def check(self, row, errors: RowErrors):
        fmt, values, number = self.fmt, row.values, row.number
        data, failed = {}, False

        def fail(key, message):
            nonlocal failed
            failed = True
            errors.add(number, fmt.header_for(key), message)

        for key in ("name", "town"):
            if not _text(values.get(key)):
                fail(key, _("is empty"))
        town_name = _text(values.get("town"))
        if town_name:
            town = self.lookups.towns.get(town_name)
            if town is None:
                fail("town", _("“%(value)s” is not a known town or park") % {"value": town_name})
            else:
                data["town"] = town
        department = _text(values.get("responsible_department"))
        if department:
            unit = self.lookups.departments.get(department) or self.lookups.towns.get(department)
            if unit is None:
                fail("responsible_department", _("“%(value)s” is not a known department") % {"value": department})
            else:
                data["responsible_department"] = unit
        for key in ("name", "address", "responsible_person", "note", "products", "operator", "credit_code"):
            if key in values:
                data[key] = _text(values.get(key))
        try:
            if _text(values.get("disposition")):
                data["disposition"] = _words(values["disposition"], fmt.dispositions, label="disposition")
        except ValueError as exc:
            fail("disposition", exc)
        for key in ("disposition_date", "deadline"):
            if values.get(key) is not None:
                try:
                    data[key] = parse_date(values[key])
                except ValueError as exc:
                    fail(key, exc)
        if fmt.ledger == Ledger.FIRMS:
            if values.get("hazard_category") is not None:
                try:
                    data["hazard_category"] = _words(values["hazard_category"], HAZARD_CATEGORY_WORDS, label="")
                except ValueError as exc:
                    fail("hazard_category", exc)
            data["credit_code"] = data.get("credit_code", "").upper()
        else:
            if values.get("workers") is not None:
                try:
                    data["workers"] = parse_int(values["workers"], minimum=0, maximum=10000)
                except ValueError as exc:
                    fail("workers", exc)
            hazards = []
            for word in _text(values.get("hazards")).replace("，", "、").replace(",", "、").split("、"):
                word = word.strip()
                if not word:
                    continue
                try:
                    hazards.append(_words(word, HAZARD_WORDS, label=""))
                except ValueError as exc:
                    fail("hazards", exc)
            data["hazards"] = ",".join(dict.fromkeys(hazards))
        if data.get("disposition"):
            data.setdefault("disposition_date", self.today)
            if values.get("deadline") is None:
                fail("deadline", _("is empty: a case with a disposition needs a deadline"))
            elif data.get("deadline") and data["deadline"] < data["disposition_date"]:
                fail("deadline", _("is before the disposition date"))
            data["state"] = CaseState.DECIDED
        if failed:
            return None
        case = fmt.model(**data)
        try:
            case.clean_fields(exclude=self.exclude)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                for message in messages:
                    fail(key, message)
            return None
        key = case.credit_code if fmt.ledger == Ledger.FIRMS else (case.town_id, case.name)
        if key in self.seen:
            fail("credit_code" if fmt.ledger == Ledger.FIRMS else "name", _("appears twice in the file"))
            return None
        self.seen.add(key)
        return case

    def check_existing(self, batch, errors):
        """Refuse rows already on the ledger (one query per batch)."""
        model = self.fmt.model
        if self.fmt.ledger == Ledger.FIRMS:
            taken = set(model.objects.filter(credit_code__in=[c.credit_code for _n, c in batch])
                        .values_list("credit_code", flat=True))
            clashes = [(n, "credit_code") for n, c in batch if c.credit_code in taken]
            message = _("a firm with this credit code is already on the ledger")
        else:
            taken = set(model.objects.filter(name__in={c.name for _n, c in batch})
                        .values_list("town_id", "name"))
            clashes = [(n, "name") for n, c in batch if (c.town_id, c.name) in taken]
            message = _("a workshop of this name is already on this town's ledger")
        for number, key in clashes:
            errors.add(number, self.fmt.header_for(key), message)
        return bool(clashes)

    def preview_row(self, case):
        fmt = self.fmt
        out = []
        for key in fmt.columns.values():
            value = getattr(case, key, "")
            if key in ("town", "responsible_department"):
                value = getattr(value, "name", "") if value else ""
            elif key == "disposition":
                value = case.get_disposition_display() if case.disposition else ""
            elif key == "hazard_category":
                value = case.get_hazard_category_display()
            elif key == "hazards":
                value = "、".join(case.hazard_labels)
            out.append("" if value is None else str(value))
        return out


def run_import(source, *, ledger, user, commit, progress=None):
    """Check (and with ``commit`` import) every row of ``source``; all rows or none are saved.

    1. Open the sheet (type, size, headers; formulas are refused as met).
    2. Check each row; every ``BATCH_SIZE`` rows, look up duplicates on the ledger and, with
       ``commit`` and no error so far, insert the batch with its history.
    3. Any error anywhere: roll the whole transaction back and return the errors.
    """
    fmt = FORMATS[ledger]
    result = ImportResult()
    errors = RowErrors(limit=200)
    checker = RowChecker(fmt, user=user, today=timezone.localdate())
    with transaction.atomic():
        try:
            with open_sheet(source, columns=fmt.columns) as sheet:
                batch = []
                for row in sheet.rows():
                    result.total += 1
                    case = checker.check(row, errors)
                    if case is not None:
                        batch.append((row.number, case))
                        if len(result.preview) < PREVIEW_ROWS:
                            result.preview.append([row.number, *checker.preview_row(case)])
                    if len(batch) >= BATCH_SIZE:
                        result.created += _flush(checker, batch, errors, commit=commit, user=user)
                        batch = []
                        if progress:
                            progress(result.total)
                    if len(errors) >= errors.limit:
                        break
                result.created += _flush(checker, batch, errors, commit=commit, user=user)
        except SpreadsheetError as exc:
            errors.items.extend(exc.row_errors)
        if progress:
            progress(result.total)
        if not result.total and not errors:
            errors.add(0, "", _("The sheet has no data rows."))
        result.errors = [str(e) for e in errors.items]
        if result.errors:
            result.created = 0
            transaction.set_rollback(True)
    return result


def _flush(checker, batch, errors, *, commit, user):
    if not batch:
        return 0
    clash = checker.check_existing(batch, errors)
    if not commit or errors or clash:
        return 0
    objs = [case for _n, case in batch]
    bulk_create_with_history(objs, checker.fmt.model, batch_size=BATCH_SIZE, default_user=user,
                             default_change_reason=_("Imported from Excel"))
    return len(objs)


def template_rows(ledger):
    """The downloadable template: the headers and one example row to overwrite."""
    fmt = FORMATS[ledger]
    return fmt.headers, [fmt.example]


def require_bureau_for_import(user):
    from .services import is_bureau

    if not is_bureau(user):
        raise DomainError(_("Only the safety bureau imports ledgers."))
