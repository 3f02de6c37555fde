"""The base of every domain error: a ValidationError with a translated message.

Views show it as a form error or message; the API answers 400 with it.
"""

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A rule of the domain refused an action (raised by services)."""
