"""The base of every domain error: a ValidationError with a translated message.

Views show it as a form error or message (``gaoyou_portal.forms.show_domain_error``); the API answers 400
with it. ``full_clean`` is the one way a service runs a model's own checks.
"""

from django.core.exceptions import ValidationError


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
