"""View mixins: sign-in, roles and scope. Outside scope is a 404, never a 403."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404

from gaoyou_portal.roles import roles_of

from .audit import history_rows


class StaffRequiredMixin(LoginRequiredMixin):
    """Signed in and holding at least one role (``required_roles`` narrows it); else 404."""

    required_roles = ()

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            roles = roles_of(request.user)
            if not roles or (self.required_roles and not roles & set(self.required_roles)):
                raise Http404
        return super().dispatch(request, *args, **kwargs)


class ScopedQuerysetMixin(StaffRequiredMixin):
    """The queryset of a generic view, scoped: ``scope_action`` is "view" or "change"."""

    scope_action = "view"

    def get_base_queryset(self):
        return self.model._default_manager.all()

    def get_queryset(self):
        qs = self.get_base_queryset()
        user = self.request.user
        return qs.editable_by(user) if self.scope_action == "change" else qs.visible_to(user)


class HistoryMixin:
    """Adds the object's change history (who, when, what) to the context as ``history``."""

    history_limit = 30

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = history_rows(self.object, limit=self.history_limit)
        return context
