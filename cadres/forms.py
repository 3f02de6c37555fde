from django import forms
from django.contrib.auth import get_user_model
from django.forms import modelform_factory
from django.utils.translation import gettext_lazy as _

from gaoyou_portal.audit import person

from .choices import ProposalStatus
from .models import Cadre, CadreAccessGrant

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _widgets(model, fields):
    widgets = {}
    for name in fields:
        field = model._meta.get_field(name)
        internal = field.get_internal_type()
        if internal == "DateField":
            widgets[name] = DATE_WIDGET
        elif internal == "TextField":
            widgets[name] = TEXTAREA
    return widgets


class CorrectionMixin(forms.Form):
    """A correction keeps its reason in the record's history."""

    change_reason = forms.CharField(
        label=_("Reason for the correction"), max_length=200,
        help_text=_("Kept in the record's change history."),
    )


CADRE_FIELDS = (
    "name", "sex", "year_of_birth", "unit", "post", "rank", "is_leading", "specialist_field",
    "front_line", "front_line_since", "front_line_until", "active", "notes",
)


class CadreForm(forms.ModelForm):
    class Meta:
        model = Cadre
        fields = CADRE_FIELDS
        widgets = _widgets(Cadre, CADRE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = self.fields["unit"].queryset.filter(active=True)


class CadreCorrectForm(CorrectionMixin, CadreForm):
    pass


def record_form(record_type, *, correction=False):
    """The ModelForm for one record type (with a correction reason when correcting)."""
    base = (CorrectionMixin, forms.ModelForm) if correction else (forms.ModelForm,)
    form_base = type("RecordFormBase", base, {})
    return modelform_factory(
        record_type.model, form=form_base, fields=record_type.fields,
        widgets=_widgets(record_type.model, record_type.fields),
    )


class ProposalDecideForm(forms.Form):
    status = forms.ChoiceField(
        label=_("decision"),
        choices=[(ProposalStatus.ACCEPTED, ProposalStatus.ACCEPTED.label),
                 (ProposalStatus.DECLINED, ProposalStatus.DECLINED.label)],
    )
    decision_note = forms.CharField(label=_("decision note"), widget=TEXTAREA)


class InterviewHoldForm(forms.Form):
    held_on = forms.DateField(label=_("held on"), widget=DATE_WIDGET)
    interviewer = forms.CharField(label=_("interviewer"), max_length=100)
    notes = forms.CharField(label=_("notes"), widget=TEXTAREA, required=False)


class PersonChoiceField(forms.ModelChoiceField):
    """Users by the name people know them by, not by their login."""

    def label_from_instance(self, obj):
        return person(obj)


class GrantForm(forms.ModelForm):
    user = PersonChoiceField(
        label=_("user"), queryset=get_user_model().objects.filter(is_active=True).order_by("first_name", "username")
    )

    class Meta:
        model = CadreAccessGrant
        fields = ("user", "reason", "starts_on", "ends_on")
        widgets = {"starts_on": DATE_WIDGET, "ends_on": DATE_WIDGET}
