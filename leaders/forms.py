"""Forms of the leaders' pages: links, roles, enterprise records."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from org.models import Unit

from .choices import LeaderRole, LinkKind
from .models import Enterprise


class _Crispy(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


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
