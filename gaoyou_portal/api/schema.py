"""The error answers every operation can give, documented in the schema (drf-spectacular hook).

- 400: a filter or a body that does not parse, or a business rule a service refuses (messages by field);
- 401: no credentials, or a token that is not valid;
- 403: a change the caller may not make here (e.g. a CSRF failure, a department-only change);
- 404: outside the caller's scope, or a role that has no business there (the API never says 403 for
  reading: a record's existence does not leak), or an id that does not exist.
"""

from drf_spectacular.openapi import AutoSchema

ERROR = {
    "type": "object",
    "description": "An error: `detail` for the whole request, else the messages keyed by field.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
ANSWERS = {
    "400": "The request does not parse, or a business rule refuses it (messages keyed by field).",
    "401": "Not signed in (no token, or a token that is not valid).",
    "403": "This change is not allowed to the caller.",
    "404": "Not found, or outside the caller's scope.",
}
METHODS = ("get", "put", "post", "delete", "patch")


def add_error_answers(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", ERROR)
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for code, description in ANSWERS.items():
                responses.setdefault(code, {
                    "description": description,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                })
    return result


class PortalAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, knowing two habits of this API.

    - An operation the public may call (a permission class that lets anonymous readers in, such as the
      livelihood tasks) is documented as needing no authentication.
    - ``list_actions`` on a viewset names the extra actions that answer a list (a task's updates,
      a case's inspections); their serializer comes from ``get_serializer_class`` for the caller, as
      for ``list`` and ``retrieve``, so each caller's schema describes what that caller receives.
    """

    def get_auth(self):
        auths = super().get_auth()
        if {} not in auths and self._anonymous_allowed():
            auths.append({})
        return auths

    def _anonymous_allowed(self):
        from django.contrib.auth.models import AnonymousUser
        from rest_framework.exceptions import APIException

        request = getattr(self.view, "request", None)
        if request is None:
            return False
        original = request.user
        request.user = AnonymousUser()
        try:
            return all(p.has_permission(request, self.view) for p in self.view.get_permissions())
        except APIException:
            return False
        finally:
            request.user = original

    def _is_list_view(self, serializer=None):
        if self.method == "GET" and getattr(self.view, "action", None) in getattr(self.view, "list_actions", ()):
            return True
        return super()._is_list_view(serializer)
