"""API errors: domain errors (Django ValidationError) answer 400 with their messages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = {field: _messages(errs) for field, errs in exc.error_dict.items()}
            detail = {("non_field_errors" if k == "__all__" else k): v for k, v in detail.items()}
        else:
            detail = {"non_field_errors": [str(m) for m in exc.messages]}
        exc = exceptions.ValidationError(detail)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        # A body that is not an object at all (``null``, a list): the errors still come keyed.
        response.data = {"non_field_errors": response.data}
    return response


def _messages(errors):
    out = []
    for error in errors:
        out.extend(str(m) for m in error.messages)
    return out
