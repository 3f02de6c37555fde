import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoyou_portal.uploads import spreadsheet_field

from .models import LivelihoodTask

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _Crispy:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class ProgressUpdateForm(_Crispy, forms.Form):
    date = forms.DateField(label=_("date"), widget=DATE, initial=timezone.localdate)
    percent = forms.IntegerField(label=_("percent complete"), min_value=0, max_value=100)
    text = forms.CharField(label=_("what was done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    reason = forms.CharField(
        label=_("reason for a lower percent"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
        help_text=_("Required when the percent is lower than the last published one."),
    )
    attachment = forms.FileField(label=_("photo or document"), required=False)
    published = forms.BooleanField(label=_("publish on the public site"), required=False, initial=True)


class ConfirmCompletionForm(_Crispy, forms.Form):
    date = forms.DateField(label=_("completed on"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(label=_("what was delivered"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ExplanationForm(_Crispy, forms.Form):
    reason = forms.CharField(label=_("why the task was not completed"), widget=forms.Textarea(attrs={"rows": 4}))
    next_steps = forms.CharField(label=_("what happens next"), widget=forms.Textarea(attrs={"rows": 3}))
    new_date = forms.DateField(label=_("new completion date"), widget=DATE, required=False)


class TaskForm(_Crispy, forms.ModelForm):
    class Meta:
        model = LivelihoodTask
        fields = [
            "year", "number", "title", "category", "target", "responsible_leader", "lead_unit",
            "responsible_units", "deadline", "internal_note",
        ]
        widgets = {"deadline": DATE, "target": forms.Textarea(attrs={"rows": 3}),
                   "internal_note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["year"].disabled = True

    def validate_unique(self):
        """The service checks the number (with its own message); the form does not query twice."""


class ImportForm(_Crispy, forms.Form):
    year = forms.IntegerField(
        label=_("year"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year
    )
    file = spreadsheet_field()


class BulletinForm(forms.Form):
    month = forms.DateField(label=_("month"), input_formats=["%Y-%m"], required=False,
                            widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"))

    def month_value(self):
        today = timezone.localdate()
        if self.is_valid() and self.cleaned_data.get("month"):
            return self.cleaned_data["month"].replace(day=1)
        return datetime.date(today.year, today.month, 1)
