"""``{{ value|num:target }}``: a figure written with its measure's decimals (a count as a whole number)."""

from django import template

from ..measures import decimals_for, written

register = template.Library()


@register.filter
def num(value, target_or_measure=""):
    """``target_or_measure``: a target (its measure) or a measure such as "户"; "—" for no value."""
    measure = getattr(target_or_measure, "measure", target_or_measure)
    if value in (None, ""):
        return "—"
    return written(value, decimals_for(measure))


@register.filter
def last_year_value(target):
    """The target's predecessor's frozen final value ("—" when none)."""
    from ..history import last_year_value as value

    return value(target)
