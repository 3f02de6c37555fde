from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from leaders.models import Leader
from org.models import Unit

from .choices import Derivation, IndicatorGroups
from .models import SprintScheme
from .services import BUNDLE_FIELDS, SCHEME_FIELDS


class SchemeForm(forms.ModelForm):
    class Meta:
        model = SprintScheme
        fields = ["year", *SCHEME_FIELDS, *BUNDLE_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["year"]

    def validate_unique(self):
        """The service checks the year and every rule with Chinese messages."""

    def _post_clean(self):
        """Model checks run in the service (so the form and the API share them)."""


class IndicatorRowForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    code = forms.SlugField(label=_("code"), max_length=40)
    name = forms.CharField(label=_("name"), max_length=100)
    weight = forms.DecimalField(label=_("weight"), max_digits=6, decimal_places=2)
    measure = forms.CharField(label=_("unit of measure"), max_length=20)
    groups = forms.ChoiceField(label=_("applies to"), choices=IndicatorGroups.choices)
    derivation = forms.ChoiceField(label=_("actual value from"), choices=[("", "—"), *Derivation.choices],
                                   required=False)
    min_investment = forms.DecimalField(label=_("only projects of at least (10k yuan)"), max_digits=14,
                                        decimal_places=2, initial=0, required=False)
    order = forms.IntegerField(label=_("order"), min_value=0, initial=0, required=False)
    delete = forms.BooleanField(label=_("delete"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name == "delete":
                field.widget.attrs["class"] = "form-check-input"
            elif isinstance(field, forms.ChoiceField):
                field.widget.attrs["class"] = "form-select form-select-sm"
            else:
                field.widget.attrs["class"] = "form-control form-control-sm"
            field.widget.attrs["aria-label"] = str(field.label)


IndicatorFormSet = formset_factory(IndicatorRowForm, extra=1, can_delete=False)


class UnitValuesForm(forms.Form):
    """One text field per unit (``unit_<id>``); the service parses and checks the numbers."""

    def __init__(self, *args, units, initial_values, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units
        for unit in units:
            self.fields[f"unit_{unit.id}"] = forms.CharField(
                label=unit.name, required=False, initial=initial_values.get(unit.id, ""),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control form-control-sm"}),
            )

    def values(self):
        return {unit.id: self.cleaned_data.get(f"unit_{unit.id}") for unit in self.units}

    def rows(self):
        return [(unit, self[f"unit_{unit.id}"]) for unit in self.units]


class ScoreForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("quarter"), coerce=int,
                                     choices=[(q, f"Q{q}") for q in (1, 2, 3, 4)])


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class HonourForm(forms.Form):
    """A unit proposed for the year's honours list (the service checks the bar)."""

    unit = forms.ModelChoiceField(label=_("unit"), queryset=Unit.objects.none(), required=False)
    title = forms.CharField(label=_("honour"), max_length=100, required=False)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.active().order_by("order", "id")


class InterviewScheduleForm(forms.Form):
    leader = forms.ModelChoiceField(label=_("leader"), queryset=Leader.objects.none(), required=False)
    scheduled_on = forms.DateField(label=_("date of the interview"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = Leader.objects.filter(active=True).order_by("order", "id")


class InterviewRecordForm(forms.Form):
    held_on = forms.DateField(label=_("held on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    record = forms.CharField(label=_("record of the talk"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    follow_up = forms.CharField(label=_("follow-up"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
