from crispy_forms.helper import FormHelper
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm


class PortalAuthenticationForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.fields["username"].widget.attrs.update({"autofocus": True, "autocomplete": "username"})


def show_domain_error(exc, *, form=None, request=None):
    """Show a service's refusal: on the form, field by field (at the top where the form has no such
    field; above the rows of a formset), or, without a form, as one error message per line of it on the next
    page."""
    if form is None:
        for message in exc.messages:
            messages.error(request, message)
    elif not hasattr(form, "add_error"):  # a formset: above its rows
        form.non_form_errors().extend(exc.messages)
    elif hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def show_form_errors(form, *, request):
    """An invalid form of a page without one of its own (a button with a date or a reason): one error message
    per error, named by its field's label (the form-wide ones bare)."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else None
        for error in errors:
            messages.error(request, f"{label}：{error}" if label else error)
