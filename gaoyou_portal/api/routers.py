"""The router every app's API uses: ids in URLs are numbers, so ``/races/x1/`` is a 404 before any view runs."""

from rest_framework.routers import SimpleRouter


class PortalRouter(SimpleRouter):
    def get_lookup_regex(self, viewset, lookup_prefix=""):
        if not hasattr(viewset, "lookup_value_regex") and getattr(viewset, "lookup_field", "pk") in ("pk", "id"):
            viewset = type(viewset.__name__, (viewset,), {"lookup_value_regex": r"\d+"})
        return super().get_lookup_regex(viewset, lookup_prefix)
