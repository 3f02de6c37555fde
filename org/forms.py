"""Forms of the org app: notification channels and the office's Word templates."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import LeaderRole, LinkKind
from .models import Enterprise, Unit
from .notice_kinds import kind_choices


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


# --- the leaders' pages ---------------------------------------------------------------------------------------
ISO = "%Y-%m-%d"  # what a browser's date input reads and writes
# A choice that is not offered (an ended or unknown record) gets this message rather than Django's generic one.
NOT_LINKABLE = _("This record does not exist or has ended: it cannot be linked.")


class LinkAddForm(_Crispy):
    """Link a leader to one record; which field counts depends on ``kind`` (the service checks the rest)."""

    kind = forms.ChoiceField(label=_("Link to"), choices=LinkKind.choices)
    unit = forms.ModelChoiceField(label=_("Town or park"), required=False, queryset=Unit.objects.none(),
                                  error_messages={"invalid_choice": NOT_LINKABLE})
    project = forms.ModelChoiceField(label=_("Project"), required=False, queryset=Unit.objects.none(),
                                     error_messages={"invalid_choice": NOT_LINKABLE})
    industry = forms.CharField(label=_("Industry"), required=False, max_length=100,
                               help_text=_("For example 新能源, 高端装备."))
    enterprise = forms.ModelChoiceField(label=_("Enterprise"), required=False, queryset=Enterprise.objects.none(),
                                        error_messages={"invalid_choice": NOT_LINKABLE})
    started_on = forms.DateField(label=_("Started on"), widget=forms.DateInput(attrs={"type": "date"}, format=ISO))

    def __init__(self, *args, **kwargs):
        from gaoyou_portal import registry

        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.active().towns_and_parks()
        self.fields["enterprise"].queryset = Enterprise.objects.active()
        target = registry.get_link_target(LinkKind.PROJECT)
        if target is None:
            del self.fields["project"]
        else:
            self.fields["project"].queryset = target.model._default_manager.filter(target.open_q)


class LinkEndForm(_Crispy):
    ended_on = forms.DateField(label=_("Ended on"), widget=forms.DateInput(attrs={"type": "date"}, format=ISO))


class LeaderRoleForm(_Crispy):
    role = forms.ChoiceField(label=_("Role"), choices=LeaderRole.choices)
    title = forms.CharField(label=_("Full post"), max_length=100, help_text=_("For example 市委常委、副市长."))


class EnterpriseForm(_Crispy):
    name = forms.CharField(label=_("Name"), max_length=200)
    credit_code = forms.CharField(label=_("Unified social credit code"), max_length=18, required=False,
                                  help_text=_("18 characters (GB 32100); left empty while not yet known."))
    town = forms.ModelChoiceField(label=_("Town or park"), required=False, queryset=Unit.objects.none())
    industry = forms.CharField(label=_("Industry"), max_length=50, required=False)
    active = forms.BooleanField(label=_("In business"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town"].queryset = Unit.objects.towns_and_parks()
