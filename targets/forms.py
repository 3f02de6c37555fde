from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoyou_portal import registry
from org.models import Unit

from .models import Target, TargetSettings, sees_confidential

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class _Crispy:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class MonthField(forms.DateField):
    """A month as ``YYYY-MM`` (or a full date), given as its first day."""

    input_formats = ["%Y-%m", "%Y-%m-%d"]
    widget = MONTH

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day


class ValueForm(_Crispy, forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.all(), label=_("unit"))
    month = MonthField(label=_("month"))
    value = forms.CharField(label=_("value"), max_length=20)
    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000)
    evidence = forms.FileField(label=_("evidence file"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])


class CorrectionForm(_Crispy, forms.Form):
    value = forms.CharField(label=_("value"), max_length=20)
    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000)
    reason = forms.CharField(label=_("reason for the correction"), max_length=500)
    evidence = forms.FileField(label=_("evidence file"), required=False)


class StageReachForm(_Crispy, forms.Form):
    reached_on = forms.DateField(label=_("reached on"), widget=DATE, initial=timezone.localdate)
    evidence = forms.CharField(label=_("evidence"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    evidence_file = forms.FileField(label=_("evidence file"), required=False)


class IncidentForm(_Crispy, forms.Form):
    occurred_on = forms.DateField(label=_("occurred on"), widget=DATE)
    unit = forms.ModelChoiceField(Unit.objects.all(), label=_("unit"), required=False)
    description = forms.CharField(label=pgettext_lazy("targets", "description"),
                                  widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ExplanationForm(_Crispy, forms.Form):
    text = forms.CharField(label=_("explanation"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000)


class TargetForm(_Crispy, forms.ModelForm):
    metric = forms.ChoiceField(label=_("metric"), required=False)

    class Meta:
        model = Target
        fields = ["section", "order", "code", "title", "source", "definition", "data_source", "kind", "figure",
                  "measure", "direction", "deadline", "pace", "q1_share", "q2_share", "q3_share", "metric",
                  "aggregation", "predecessor", "responsible_leader", "lead_unit", "responsible_units", "is_public",
                  "is_confidential"]
        widgets = {"deadline": DATE, "source": forms.Textarea(attrs={"rows": 2}),
                   "definition": forms.Textarea(attrs={"rows": 3}), "data_source": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, plan=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = [("", "—")] + [(m.code, m.label) for m in registry.metrics()]
        if not sees_confidential(user):  # the mark is 组织部's: shown, never taken from this form
            self.fields["is_confidential"].disabled = True
        elif self.instance.pk is None:
            self.initial["is_confidential"] = True
        if plan is not None:
            self.fields["section"].queryset = plan.sections.all()
            # Earlier plans only (a same-year choice is refused by the model anyway); blank: by code.
            self.fields["predecessor"].queryset = (Target.objects.filter(plan__year__lt=plan.year)
                                                   .select_related("plan").order_by("-plan__year", "code"))
            self.fields["predecessor"].label_from_instance = lambda t: f"{t.plan.year} {t.code} {t.title}"


class SettingsForm(_Crispy, forms.ModelForm):
    class Meta:
        model = TargetSettings
        fields = ["behind_points", "at_risk_points", "at_risk_days", "report_deadline_day"]


class QuotasForm(forms.Form):
    """One figure per town and park (``unit-<id>``, blank: no quota); the service parses and checks them."""

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units
        for unit in units:
            self.fields[f"unit-{unit.pk}"] = forms.CharField(label=unit.name, required=False)

    def quotas(self):
        return {unit: value for unit in self.units if (value := self.cleaned_data.get(f"unit-{unit.pk}", ""))}
