"""Forms of the notify app: notification channels and the office's Word templates."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from org.models import Unit
from org.notice_kinds import kind_choices


class _Crispy(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class ChannelForm(_Crispy):
    """The address and secret are never shown again: left empty on edit, the stored ones stay."""

    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("For example 甲镇工作群."))
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.active(), required=False,
                                  empty_label=_("City-wide (notices about every unit)"))
    kinds = forms.MultipleChoiceField(label=_("Kinds of notice"), required=False, widget=forms.CheckboxSelectMultiple,
                                      help_text=_("None ticked: every kind of notice."))
    address = forms.CharField(
        label=_("Robot address"), required=False, max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("The robot's webhook address, or wecombot://KEY, dingtalk://TOKEN, or for e-mail the recipients "
                    "only: mailto:someone@example.cn,other@example.cn (the portal's own mail server sends it). Stored "
                    "encrypted and never shown again in full."),
    )
    secret = forms.CharField(
        label=_("DingTalk signing secret"), required=False, max_length=200,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("The robot's 加签 secret (starts with SEC); required for DingTalk."),
    )
    mention = forms.BooleanField(label=_("@-mention the responsible person (DingTalk)"), required=False, initial=True)
    digest = forms.BooleanField(label=_("Daily digest instead of one message per notice"), required=False)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    test_first = forms.BooleanField(label=_("Send a test message before saving"), required=False, initial=True)

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = kind_choices()
        if editing:
            self.fields["address"].help_text = _("Leave empty to keep the stored address.")


class TemplateUploadForm(_Crispy):
    file = forms.FileField(label=_("Word template (.docx)"))
