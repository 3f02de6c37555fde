"""What the cadre pages share: the access check (404 to whoever lacks the access a page asks for) and
the access log, and the form page that calls a service behind that check."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404

from gaoyou_portal import views as portal_views

from .. import services
from ..models import can_read_cadres, can_write_cadres
from ..permissions import is_department


class CadreAccessMixin(LoginRequiredMixin):
    """Signed in and allowed: ``access`` is "read" (department + grants), "write" or "department"."""

    access = "read"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated:
            allowed = {
                "read": can_read_cadres,
                "write": can_write_cadres,
                "department": is_department,
            }[self.access](user)
            if not allowed:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def log(self, action, *, cadre=None, record=None, ids=()):
        services.access_record(
            user=self.request.user, action=action, path=self.request.get_full_path(),
            cadre=cadre, record=record, ids=ids,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_write"] = can_write_cadres(self.request.user)
        context["is_department"] = is_department(self.request.user)
        return context


class ServiceFormView(CadreAccessMixin, portal_views.ServiceFormView):
    """A cadres form page that calls a service (the core base, behind the cadres access check)."""

    access = "write"
    template_name = "cadres/form.html"
    title = ""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("title", self.title)
        return super().get_context_data(**kwargs)
