"""Forms of the safety pages (crispy, Bootstrap 5). They only collect input; services decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoyou_portal.uploads import MultipleFileField, Purpose, spreadsheet_field
from org.choices import UnitKind
from org.models import Unit

from .choices import Hazard, Verdict
from .models import ChemicalFirm, GarmentWorkshop
from .services import BUREAU_FIELDS, REPORTER_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

FIRM_FIELDS = ["name", "credit_code", "town", "address", "products", "hazard_category",
               "responsible_department", "responsible_person", "is_public", "note"]
WORKSHOP_FIELDS = ["name", "operator", "town", "address", "workers", "hazards",
                   "responsible_department", "responsible_person", "is_public", "note"]


class CaseForm(forms.ModelForm):
    """The particulars of a case. A town's reporter sees only the fields they may change."""

    def __init__(self, *args, bureau=True, creating=False, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = BUREAU_FIELDS if bureau else REPORTER_FIELDS
        for name in list(self.fields):
            if name not in allowed and name not in self.disposition_fields:
                del self.fields[name]
        if not creating:
            for name in self.disposition_fields:
                self.fields.pop(name, None)
        if "responsible_department" in self.fields:
            self.fields["responsible_department"].queryset = Unit.objects.filter(kind=UnitKind.DEPARTMENT)
        if "hazards" in self.fields:
            self.fields["hazards"] = forms.MultipleChoiceField(
                label=_("hazards found"), choices=Hazard.choices, required=False,
                widget=forms.CheckboxSelectMultiple, initial=self.instance.hazard_list if self.instance.pk else [],
            )

    disposition_fields = ("disposition", "disposition_date", "deadline")

    def clean_hazards(self):
        return ",".join(self.cleaned_data.get("hazards") or [])

    def case_data(self):
        return {k: v for k, v in self.cleaned_data.items() if k not in self.disposition_fields}


class ChemicalFirmForm(CaseForm):
    class Meta:
        model = ChemicalFirm
        fields = [*FIRM_FIELDS, "disposition", "disposition_date", "deadline"]
        widgets = {"disposition_date": DATE, "deadline": DATE, "note": forms.Textarea(attrs={"rows": 2})}


class GarmentWorkshopForm(CaseForm):
    class Meta:
        model = GarmentWorkshop
        fields = [*WORKSHOP_FIELDS, "disposition", "disposition_date", "deadline"]
        widgets = {"disposition_date": DATE, "deadline": DATE, "note": forms.Textarea(attrs={"rows": 2})}


class DispositionForm(forms.Form):
    disposition = forms.ChoiceField(label=_("disposition"))
    disposition_date = forms.DateField(label=_("disposition date"), widget=DATE, initial=timezone.localdate)
    deadline = forms.DateField(label=pgettext_lazy("safety", "deadline"), widget=DATE)

    def __init__(self, *args, model, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["disposition"].choices = model._meta.get_field("disposition").choices


class InspectionForm(forms.Form):
    date = forms.DateField(label=_("inspection date"), widget=DATE, initial=timezone.localdate)
    inspectors = forms.CharField(label=_("inspectors"), max_length=200)
    verdict = forms.ChoiceField(label=_("verdict"), choices=Verdict.choices)
    findings = forms.CharField(label=_("findings"), widget=forms.Textarea(attrs={"rows": 3}))
    photos = MultipleFileField(purpose=Purpose.PHOTO, label=_("photos"), required=False,
                                help_text=_("Images only, each at most 5 MB."))


class SendBackForm(forms.Form):
    reason = forms.CharField(label=_("reasons for sending back"), widget=forms.Textarea(attrs={"rows": 2}))


class ItemForm(forms.Form):
    hazard = forms.CharField(label=_("hazard found"), max_length=300)
    measure = forms.CharField(label=_("what must be done"), widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.DateField(label=pgettext_lazy("safety", "deadline"), widget=DATE)


class ItemDoneForm(forms.Form):
    done_on = forms.DateField(label=_("done on"), widget=DATE, initial=timezone.localdate)


class ImportForm(forms.Form):
    file = spreadsheet_field()
