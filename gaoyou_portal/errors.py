"""The base of every domain error: a ValidationError with a translated message.

Views show it as a form error or message (``gaoyou_portal.forms.show_domain_error``); the API answers 400
with it. ``full_clean`` is the one way a service runs a model's own checks.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class DomainError(ValidationError):
    """A rule of the domain refused an action (raised by services)."""


def full_clean(obj, **kwargs):
    """Run ``obj.full_clean(**kwargs)``; its errors come out as a ``DomainError`` keyed by field.

    A service calls it before saving, so a model's own rules (field checks, ``clean``, constraints) refuse
    the action the same way as the service's guards: forms show them on their fields, the API answers 400.
    """
    try:
        obj.full_clean(**kwargs)
    except ValidationError as exc:
        raise DomainError(exc.error_dict if hasattr(exc, "error_dict") else exc.error_list) from None


# The one mapping of a refusal to what is shown or kept. Pages show it through
# ``gaoyou_portal.forms.show_domain_error``; the API through ``gaoyou_portal.api.exceptions``; code that needs it
# as data asks these (``tests/portal/test_architecture.py`` fails on any other reading of an error's messages).
def by_field(exc):
    """A refusal as field → messages (an unkeyed one under ``NON_FIELD_ERRORS``, "__all__")."""
    return exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}


def messages_of(exc):
    """Every message of a refusal, in order (a list of strings)."""
    return [str(message) for message in exc.messages]


def error_text(exc, sep="；"):
    """A refusal as one line of text, where one text is kept or shown: a job's or a delivery's stored answer, a
    command's error, a public page's notice."""
    return sep.join(messages_of(exc))


def on_field(exc, field):
    """The same refusal said under one field of a form (the checks of a file, an address)."""
    return DomainError({field: exc.messages})
