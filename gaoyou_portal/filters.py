"""Filters shared by the filtersets of every app (pages and API), so a filter reads and behaves the same
everywhere."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

_TRUE = (True, "True", "true", "1", "2", "on", "yes")
_FALSE = (False, "False", "false", "0", "3", "off", "no")
_UNSET = (None, "", "unknown")


class StrictNullBooleanSelect(forms.NullBooleanSelect):
    """Like Django's, but its empty choice reads "全部" (Django's reads "未知", which is not meant), and a
    value it does not know reaches the field (which refuses it) instead of silently meaning "any":
    ``?active=maybe`` is a 400, not the unfiltered list."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("unknown", _("All")), ("true", _("Yes")), ("false", _("No")))

    def value_from_datadict(self, data, files, name):
        raw = data.get(name)
        if raw in _TRUE:
            return True
        if raw in _FALSE:
            return False
        return None if raw in _UNSET else raw


class StrictNullBooleanField(forms.NullBooleanField):
    widget = StrictNullBooleanSelect

    def to_python(self, value):
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if value in _UNSET:
            return None
        raise forms.ValidationError(_("Enter true or false."), code="invalid")

    def validate(self, value):
        pass


class BooleanFilter(django_filters.BooleanFilter):
    """A yes/no filter with the "全部 / 是 / 否" select that answers a value other than true/false (1/0) with
    an error."""

    field_class = StrictNullBooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", StrictNullBooleanSelect)
        super().__init__(*args, **kwargs)
