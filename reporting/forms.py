from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import DayKind


class CalendarDayForm(forms.Form):
    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}))
    kind = forms.ChoiceField(label=_("kind"), choices=DayKind.choices,
                             widget=forms.Select(attrs={"class": "form-select"}))
    name = forms.CharField(label=_("name"), max_length=50, widget=forms.TextInput(attrs={"class": "form-control"}))
