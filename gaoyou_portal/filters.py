"""Pieces every app's filter forms share, so a filter reads the same everywhere."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _


class AllYesNoSelect(forms.NullBooleanSelect):
    """A yes/no filter whose empty choice reads "全部" (Django's own reads "未知", which is not meant)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("unknown", _("All")), ("true", _("Yes")), ("false", _("No")))


class BooleanFilter(django_filters.BooleanFilter):
    """``django_filters.BooleanFilter`` with the "全部 / 是 / 否" select."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", AllYesNoSelect)
        super().__init__(*args, **kwargs)

