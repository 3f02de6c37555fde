"""Cell parsers shared by every import: ``Column(header, key, parsers.unit(kinds=TOWNS))``.

A parser is ``f(value, spec) -> parsed``; it is called for a non-empty cell only (an empty one gives
``parser.empty``, or the error "is empty" when the column is required) and raises ``ValueError`` with a
translated message, which the engine reports with the row and the column.
"""

from django.apps import apps
from django.utils import translation
from django.utils.translation import gettext as _

from ..spreadsheets import parse_date, parse_decimal, parse_int

SEPARATORS = ("、", "，", ",", ";", "；", "\n")
TOWNS = ("town", "park")
DEPARTMENTS = ("department",)


def split(value):
    """The parts of a list cell: “甲镇、乙镇” / “甲镇,乙镇” / one per line."""
    text = str(value or "")
    for sep in SEPARATORS[1:]:
        text = text.replace(sep, SEPARATORS[0])
    return [part.strip() for part in text.split(SEPARATORS[0]) if part.strip()]


def _parser(function, empty=None):
    function.empty = empty
    return function


def text(*, max_length=None, upper=False):
    def parse(value, spec):
        result = str(value).strip()
        if max_length and len(result) > max_length:
            raise ValueError(_("is longer than %(max)s characters") % {"max": max_length})
        return result.upper() if upper else result

    return _parser(parse, empty="")


def decimal(*, places=2, minimum=None, empty=None):
    """A decimal number (thousands separators allowed); ``empty``: the value of an empty cell."""
    return _parser(lambda value, spec: parse_decimal(value, places=places, minimum=minimum), empty=empty)


def date():
    return _parser(lambda value, spec: parse_date(value))


def month():
    """A month, stored as its first day (a date in the month, or “2026-05”)."""

    def parse(value, spec):
        if isinstance(value, str) and len(value.strip()) in (6, 7):
            value = value.strip() + "-01"
        return parse_date(value).replace(day=1)

    return _parser(parse)


def integer(*, minimum=None, maximum=None):
    return _parser(lambda value, spec: parse_int(value, minimum=minimum, maximum=maximum))


def choice_words(choices, words=None):
    """Every spelling a cell may use for a choice: its value, its Chinese label, and ``words``."""
    mapping = {}
    if choices is not None:
        mapping.update({value: value for value in choices.values})
        with translation.override("zh-hans"):
            mapping.update({str(label): value for value, label in choices.choices})
    mapping.update(words or {})
    return mapping


def _choice_error(value, mapping, words):
    shown = list(words) if words else [k for k in mapping if not k.isascii()] or list(mapping)
    return ValueError(_("“%(value)s” is not one of %(choices)s") % {"value": value, "choices": "、".join(shown)})


def choice(choices=None, *, words=None):
    """A ``TextChoices`` value from its value, its Chinese label or one of ``words`` (word -> value)."""
    mapping = choice_words(choices, words)

    def parse(value, spec):
        key = str(value).strip()
        if key not in mapping:
            raise _choice_error(key, mapping, words)
        return mapping[key]

    return _parser(parse)


def choice_list(choices=None, *, words=None):
    """Several choices in one cell (split like ``split``), without repeats."""
    mapping = choice_words(choices, words)

    def parse(value, spec):
        result = []
        for part in split(value):
            if part not in mapping:
                raise _choice_error(part, mapping, words)
            result.append(mapping[part])
        return list(dict.fromkeys(result))

    return _parser(parse, empty=[])


class UnitLookup:
    """Active units by every name they go by (name, short name, code), loaded once per file."""

    def __init__(self):
        Unit = apps.get_model("org", "Unit")
        self.by_name = {}
        for unit in Unit.objects.only("id", "name", "short_name", "code", "kind", "active").order_by("-active", "pk"):
            for key in (unit.name, unit.short_name, unit.code):
                if key:
                    self.by_name.setdefault(key, unit)

    def get(self, name, kinds=None):
        unit = self.by_name.get(str(name or "").strip())
        if unit is None or (kinds and unit.kind not in kinds):
            return None
        return unit


def _unit_error(name, kinds):
    if kinds and "department" in kinds:
        return ValueError(_("“%(value)s” is not a known department") % {"value": name})
    if kinds:
        return ValueError(_("“%(value)s” is not a known town or park") % {"value": name})
    return ValueError(_("unknown unit “%(name)s”") % {"name": name})


def unit(*, kinds=None):
    """A unit by name, short name or code; ``kinds`` narrows it (``TOWNS``, ``DEPARTMENTS``)."""

    def parse(value, spec):
        found = spec.units.get(value, kinds)
        if found is None:
            raise _unit_error(str(value).strip(), kinds)
        return found

    return _parser(parse)


def units(*, kinds=None):
    """Several units in one cell."""

    def parse(value, spec):
        result = []
        for name in split(value):
            found = spec.units.get(name, kinds)
            if found is None:
                raise _unit_error(name, kinds)
            result.append(found)
        return list(dict.fromkeys(result))

    return _parser(parse, empty=[])


class LeaderLookup:
    """City leaders by name, or as “name（title）”."""

    def __init__(self):
        Leader = apps.get_model("leaders", "Leader")
        self.by_name = {}
        for leader in Leader.objects.all():
            self.by_name.setdefault(leader.name, leader)
            self.by_name.setdefault(str(leader), leader)

    def get(self, name):
        name = str(name or "").strip()
        return self.by_name.get(name) or self.by_name.get(name.split("（")[0].split("(")[0].strip())


def _leader(name, spec):
    found = spec.leaders.get(name)
    if found is None:
        raise ValueError(_("unknown city leader “%(name)s”") % {"name": str(name).strip()})
    return found


def leader():
    return _parser(_leader)


def leaders():
    return _parser(lambda value, spec: list(dict.fromkeys(_leader(name, spec) for name in split(value))), empty=[])
