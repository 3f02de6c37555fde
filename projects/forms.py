"""Forms of the projects app. They only collect input; the services decide and save."""

from datetime import date

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from gaoyou_portal.uploads import MultipleFileField, Purpose
from leaders.models import Leader
from org.models import Unit

from .choices import MilestoneKind, PublicField
from .models import Project, ProjectSettings
from .services import PROJECT_FIELDS


class _Crispy:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class MonthInput(forms.TextInput):
    input_type = "month"

    def format_value(self, value):
        if isinstance(value, date):
            return value.strftime("%Y-%m")
        return super().format_value(value)


class ReportForm(_Crispy, forms.Form):
    # The "this month" page renders many of these without crispy (speed): the classes are on the widgets.
    """One short form: the month, the investment, what was done. The service checks the rules."""

    month = forms.CharField(label=_("month"), widget=MonthInput(attrs={"class": "form-control"}))
    investment = forms.CharField(
        label=_("investment completed (10k yuan)"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "class": "form-control"}),
    )
    workload = forms.CharField(label=_("workload done"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))
    narrative = forms.CharField(label=_("narrative"), required=False,
                                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))
    attachments = MultipleFileField(label=_("site photos or documents"), required=False, purpose=Purpose.DOCUMENT)


class ReportEditForm(ReportForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["month"]


class ReopenForm(forms.Form):
    until = forms.DateField(label=_("reopened until"), widget=forms.DateInput(attrs={"type": "date"}))


class MilestoneForm(_Crispy, forms.Form):
    actual_date = forms.DateField(label=_("actual date"), widget=forms.DateInput(attrs={"type": "date"}))
    evidence = forms.CharField(label=_("evidence"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("For example the permit number, the minutes of the ceremony."))
    evidence_file = forms.FileField(label=_("evidence file"), required=False)


class BlockerForm(_Crispy, forms.Form):
    title = forms.CharField(label=_("problem"), max_length=200)
    description = forms.CharField(label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    assigned_leader = forms.ModelChoiceField(label=_("assigned leader"), queryset=Leader.objects.none())
    deadline = forms.DateField(label=_("deadline"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, leaders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_leader"].queryset = leaders


class ResolveForm(_Crispy, forms.Form):
    resolution = forms.CharField(label=_("resolution"), widget=forms.Textarea(attrs={"rows": 3}))


class ProjectForm(_Crispy, forms.ModelForm):
    leaders = forms.ModelMultipleChoiceField(label=_("linked city leaders"), queryset=Leader.objects.all(),
                                             required=False)

    class Meta:
        model = Project
        fields = [*PROJECT_FIELDS, "service_units"]
        widgets = {"signing_date": forms.DateInput(attrs={"type": "date"}),
                   "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, leaders=None, milestones=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = Unit.objects.towns_and_parks()
        self.fields["service_units"].queryset = Unit.objects.departments()
        self.fields["service_units"].required = False
        if leaders is not None:
            self.initial["leaders"] = leaders
        for kind, label in MilestoneKind.choices:
            self.fields[f"{kind}_planned_date"] = forms.DateField(
                label=_("%(milestone)s: planned date") % {"milestone": label}, required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
                initial=(milestones or {}).get(kind),
            )

    def _post_clean(self):
        pass  # the service validates the model (full_clean) and saves it


class PlansForm(_Crispy, forms.Form):
    """Twelve months of a year's plan: investment and workload."""

    def __init__(self, *args, year, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        for month in range(1, 13):
            plan = plans.get(date(year, month, 1))
            self.fields[f"investment_{month}"] = forms.CharField(
                label=_("%(m)d月 investment (10k yuan)") % {"m": month}, required=False,
                initial=plan.planned_investment if plan else "",
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )
            self.fields[f"workload_{month}"] = forms.CharField(
                label=_("%(m)d月 workload") % {"m": month}, required=False,
                initial=plan.planned_workload if plan else "",
            )

    def rows(self):
        return {
            date(self.year, m, 1): (self.cleaned_data[f"investment_{m}"], self.cleaned_data[f"workload_{m}"])
            for m in range(1, 13)
        }

    def pairs(self):
        return [(self[f"investment_{m}"], self[f"workload_{m}"]) for m in range(1, 13)]


class SettingsForm(_Crispy, forms.ModelForm):
    class Meta:
        model = ProjectSettings
        fields = ["yellow_points", "red_points", "report_deadline_day"]


class PublicationForm(_Crispy, forms.Form):
    """What of a project the public sees (the name always; never people, phones, problems or notes)."""

    public = forms.BooleanField(label=_("Show this project on the public site and in the open data"), required=False)
    fields = forms.MultipleChoiceField(
        label=_("Public fields besides the name"), choices=PublicField.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The responsible person, phone numbers, problems raised, warning lights and internal notes are "
                    "never public."),
    )
